"""A corpus of bad seed lines mixed with good ones: one error record per bad line, nothing else lost."""

from __future__ import annotations

import json
import struct
import zlib

from helpers import TEXT, TRIANGLE, seed, write_jsonl

from variantgen import Cube, RunOptions, default_pipeline, expand_file
from variantgen.io.seeds import MAX_LINE_BYTES, read_seeds

CIRCLE_ZERO = {"commands": ["O=(0,0)", "c=Circle(O,0)"], "target": "Area(c)"}
COLLINEAR = {"commands": ["A=(0,0)", "B=(1,1)", "C=(3,3)", "t=Polygon(A,B,C)"], "target": "Area(t)"}


def _png_header(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims ``width`` × ``height`` pixels (a decompression bomb)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0" * 10)) + chunk(b"IEND", b"")


def bad_lines(tmp_path) -> list[tuple[object, str | None, str]]:
    """(line, expected field prefix, words of the reason)."""
    (tmp_path / "not-an-image.png").write_text("plain text")
    (tmp_path / "bomb.png").write_bytes(_png_header(30000, 30000))
    target = TRIANGLE["construction"]
    return [
        # What once stopped the whole run (issue 14 A).
        (seed(TEXT, id="x1", image="a\u0000b.png"), "image", "control characters"),
        (seed(TEXT, id="x2", image="bomb.png"), "image", "decompression bomb"),
        (seed(TRIANGLE, id="x3", construction={**target, "target": "2^(10^8)"}), "construction.target", "exponent"),
        (seed(TRIANGLE, id="x4", construction={**target, "target": "10^10^10"}), "construction.target", "exponent"),
        (seed(TRIANGLE, id="x5", construction={**target, "target": "(" * 400 + "1" + ")" * 400}), "construction", "nested"),
        (seed(TRIANGLE, id="x6", construction={**target, "target": "-" * 200_000 + "1"}), "construction", "longer than"),
        (
            seed(TRIANGLE, id="x10", construction={**target, "target": "((2^1000)^1000)^1000"}),
            "construction.target",
            "binary digits",
        ),
        (
            seed(TRIANGLE, id="x11", construction={**target, "commands": [f"P{i}=({i},0)" for i in range(1001)]}),
            "construction.commands",
            "at most 1000",
        ),
        ('{"id": "x7", "question": "Find x.", "answer": "1", "meta": ' + "[" * 50_000 + "]" * 50_000 + "}", None, "nested"),
        ('{"id": "x8", "question": "Find x.", "answer": ' + "9" * 5000 + "}", None, "digits"),
        ('{"id": "x9", "question": "Find x.", "answer": NaN}', None, "NaN"),
        # GeoGebra command injection (issue 14 C): a line break would run a second command.
        (
            seed(TRIANGLE, id="y1", construction={**target, "commands": ["A=(0,0)", "r=1\nDistance(A,B)"]}),
            "construction.commands[1]",
            "control",
        ),
        (
            seed(
                TRIANGLE,
                id="y2",
                construction={**target, "style": {"texts": [{"label": "t", "text": "a\nC=(1,1)", "x": 0, "y": 0}]}},
            ),
            "construction.style.texts[0]",
            "control",
        ),
        (
            seed(
                TRIANGLE,
                id="y3",
                construction={**target, "style": {"texts": [{"label": "t", "text": "a", "x": "0),C=(1,1", "y": 0}]}},
            ),
            "construction.style.texts[0]",
            "numbers",
        ),
        (
            seed(TRIANGLE, id="y4", construction={**target, "style": {"onclick": "PlaySound(1)"}}),
            "construction.style.onclick",
            "unknown style hint",
        ),
        ('{"id": "j1", "question": }', None, "malformed JSON"),
        ('{"id": "j2", "question": "Find x."', None, "malformed JSON"),
        ("[1, 2, 3]", None, "JSON object"),
        ('"just a string"', None, "JSON object"),
        ({"question": "Find x.", "answer": "1"}, "id", "missing"),
        (seed(TEXT, id=123), "id", "expected a string"),
        (seed(TEXT, id=""), "id", "empty"),
        (seed(TEXT), "id", "duplicate id"),
        ({"id": "q1", "answer": "1"}, "question", "missing"),
        (seed(TEXT, id="q2", question="   "), "question", "empty"),
        (seed(TEXT, id="q3", question=["Find", "x"]), "question", "expected a string"),
        ({"id": "a1", "question": "Find x."}, "answer", "missing"),
        (seed(TEXT, id="a2", answer=""), "answer", "empty"),
        (seed(TEXT, id="a3", answer={"value": 8}), "answer", "expected a string"),
        (seed(TEXT, id="k1", knowledge_points="ratio"), "knowledge_points", "list"),
        (seed(TEXT, id="k2", knowledge_points=[1]), "knowledge_points[0]", "non-empty string"),
        (seed(TRIANGLE, id="c1", construction="A=(0,0)"), "construction", ""),
        (seed(TRIANGLE, id="c2", construction={"commands": "A=(0,0)", "target": "x(A)"}), "construction", ""),
        (seed(TRIANGLE, id="c3", construction={"commands": ["A=(0,0)", 7], "target": "x(A)"}), "construction", ""),
        (seed(TRIANGLE, id="c4", construction={"commands": ["A=(0,0)"]}), "construction", ""),
        (
            seed(TRIANGLE, id="c5", construction={"commands": ["A=(0,0)", "B=Frobnicate(A)"], "target": "x(B)"}),
            "construction",
            "Frobnicate",
        ),
        (seed(TRIANGLE, id="c6", construction=COLLINEAR, answer="0"), "construction", "degenerate"),
        (seed(TRIANGLE, id="c7", construction=CIRCLE_ZERO, answer="0"), "construction", ""),
        (seed(TRIANGLE, id="c8", construction={**TRIANGLE["construction"], "target": "Distance(B,"}), "construction", ""),
        (seed(TRIANGLE, id="w1", answer="9"), "answer", "does not match"),
        (seed(TEXT, id="i1", image="missing.png"), "image", "does not exist"),
        (seed(TEXT, id="i2", image="../outside.png"), "image", "outside the seeds folder"),
        (seed(TEXT, id="i3", image="/etc/hostname"), "image", "outside the seeds folder"),
        (seed(TEXT, id="i4", image="not-an-image.png"), "image", "not a readable image"),
        (seed(TRIANGLE, id="g1", ggb="figure.ggb"), "ggb", "either construction or ggb"),
        (seed(TEXT, id="m1", meta=[1]), "meta", "expected an object"),
        (json.dumps(seed(TEXT, id="h1", question="x" * (MAX_LINE_BYTES + 10))), None, "longer than"),
    ]


def test_bad_lines_each_give_one_error_and_good_lines_are_unaffected(tmp_path):
    corpus = bad_lines(tmp_path)
    good = [seed(TRIANGLE, id=f"good-{i}") for i in range(3)] + [
        seed(TEXT, id="good-text"),
        seed(TEXT, id="good-warn", colour="red"),
    ]
    lines: list[object] = [TEXT]  # the id that the duplicate line repeats
    expected: dict[int, tuple[str | None, str]] = {}
    for index, (line, field, words) in enumerate(corpus):
        lines.append(good[index % len(good)] if index < len(good) else "")  # blank lines are skipped silently
        lines.append(line)
        expected[len(lines)] = (field, words)
    path = write_jsonl(tmp_path / "seeds.jsonl", lines)
    with open(path, "ab") as handle:  # a line that is not UTF-8
        handle.write(b'{"id": "u1", "question": "Find \xff.", "answer": "1"}\n')
    expected[len(lines) + 1] = (None, "not valid UTF-8")

    result = expand_file(path, tmp_path / "out", Cube(default_pipeline()), RunOptions(shard_size=8))
    errors = [json.loads(line) for line in (tmp_path / "out" / "errors.jsonl").read_text().splitlines()]
    assert len(corpus) >= 30
    assert {e["line"] for e in errors} == set(expected) and len(errors) == len(expected)
    for error in errors:
        field, words = expected[error["line"]]
        assert words in error["reason"], error
        assert (error["field"] or "").startswith(field or ""), error
        assert "Traceback" not in error["reason"]
    assert result.stats.families == 1 + len(good)
    assert result.stats.errors == len(expected)
    assert result.exit_code == 3
    warnings = [json.loads(line) for line in (tmp_path / "out" / "warnings.jsonl").read_text().splitlines()]
    assert warnings == [{"line": warnings[0]["line"], "id": "good-warn", "warning": "unknown field 'colour' ignored"}]


def test_empty_file_is_one_error(tmp_path):
    path = tmp_path / "empty.jsonl"
    path.write_text("\n\n")
    (line,) = list(read_seeds(path))
    assert line.error is not None and "empty" in line.error.reason
    result = expand_file(path, tmp_path / "out", Cube(default_pipeline()))
    assert result.stats.errors == 1 and result.stats.rows == 0
