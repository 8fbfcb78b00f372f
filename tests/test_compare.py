"""variantgen compare: a run beside a reference set in MathBook-Pro's columns, per corner and per
shared family, as a table, JSON and a page."""

from __future__ import annotations

import json

import pyarrow as pa
import pyarrow.parquet as pq
from click.testing import CliRunner
from helpers import TEXT, TRIANGLE, seed, write_jsonl

from variantgen import Cube, RunOptions, default_pipeline, expand_file
from variantgen.cli import main
from variantgen.compare import answer_kind, compare


def test_answer_kinds() -> None:
    kinds = [answer_kind(a) for a in ("7", "7/2", "2*sqrt(3)", "4π", "60°", "B", "5.7", "x + 1")]
    assert kinds == ["integer", "fraction", "surd", "pi", "angle", "choice", "decimal", "other"]


def test_a_run_beside_a_reference_in_mathbook_pro_columns(tmp_path) -> None:
    seeds = write_jsonl(tmp_path / "seeds.jsonl", [seed(TRIANGLE, id="tri"), seed(TEXT, id="txt")])
    expand_file(seeds, tmp_path / "out", Cube(default_pipeline()), RunOptions(seed_timeout=0))
    reference = {
        "question_id": ["r1", "r2", "r3"],
        "question": ["Find AB.", "In a garden, find AB.", "Find BC."],
        "image": [None, None, None],
        "difficulty": ["base", "z", "base"],
        "knowledge points": [["a"], ["a"], ["b", "c"]],
        "idx": ["tri", "tri", "other"],
        "answer": ["5", "5", "60°"],
    }
    pq.write_table(pa.table(reference), tmp_path / "reference.parquet")
    result = compare(tmp_path / "out", tmp_path / "reference.parquet")
    theirs = result["reference"]["corners"]
    assert theirs["base"]["rows"] == 2 and theirs["c"]["rows"] == 1
    assert theirs["base"]["answer_kinds"] == {"integer": 1, "angle": 1} and theirs["base"]["knowledge_points_mean"] == 1.5
    assert result["ours"]["corners"]["base"]["rows"] == 2
    assert result["shared_families"] == 1 and set(result["side_by_side"]["tri"]["reference"]) == {"base", "c"}
    cli = CliRunner().invoke(main, ["compare", str(tmp_path / "out"), "--reference", str(tmp_path / "reference.parquet")])
    assert cli.exit_code == 0, cli.output
    written = json.loads((tmp_path / "out" / "compare" / "compare.json").read_text())
    assert written["shared_families"] == 1 and "<table" in (tmp_path / "out" / "compare" / "compare.html").read_text()
    assert CliRunner().invoke(main, ["report", str(tmp_path / "out")]).exit_code == 0
    index = (tmp_path / "out" / "report" / "index.html").read_text()
    assert 'href="compare.html"' in index and (tmp_path / "out" / "report" / "compare.html").is_file()
