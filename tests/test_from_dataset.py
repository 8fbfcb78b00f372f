"""Seeds from datasets users already have: We-Math 2.0 Standard and Pro, MathVista/Geometry3K-style
tables with options, a save_to_disk copy; every row a seed or an error record, pictures intact."""

from __future__ import annotations

import io
import json

import datasets
import pytest
from click.testing import CliRunner
from PIL import Image

from variantgen.cli import EXIT_SOME_FAILED, main
from variantgen.io.from_dataset import DatasetError, convert
from variantgen.io.seeds import read_seeds


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "white").save(buffer, format="PNG")
    return buffer.getvalue()


def _standard(tmp_path):
    rows = {
        "id": ["wm-1", "wm-2", "wm-3"],
        "question": [
            "In triangle ABC, AB = 3 and BC = 4 with ∠B = 90°. Find AC.",
            "Find the area of a square of side 5.",
            "Find x.",
        ],
        "image": [{"bytes": _png(), "path": None}, None, None],
        "knowledge-level1": ["Geometry", "Geometry", "Algebra"],
        "knowledge": ["Pythagorean theorem", "Area of a square", "Linear equations"],
        "principle": ["p-12", "p-7", "p-3"],
        "idx": ["12", "7", "3"],
        "answer": ["5", "25", ""],
    }
    dataset = datasets.Dataset.from_dict(rows).cast_column("image", datasets.Image())
    dataset.to_parquet(str(tmp_path / "standard.parquet"))
    return dataset


def test_we_math_standard_rows_become_seeds_with_knowledge_principle_and_pictures(tmp_path):
    _standard(tmp_path)
    out = tmp_path / "seeds" / "seeds.jsonl"
    out.parent.mkdir()
    result = convert(str(tmp_path / "standard.parquet"), out, {})
    assert (result.seeds, result.skipped) == (2, 0)
    assert result.errors == [{"row": 3, "field": "answer", "reason": "empty"}]  # every row accounted for
    lines = list(read_seeds(out))
    first = lines[0].problem
    assert first is not None and first.knowledge_points == ("Pythagorean theorem",)
    assert first.meta["principle"] == "p-12" and first.meta["idx"] == "12" and first.meta["dataset_layout"] == "we-math-standard"
    assert first.meta["knowledge_levels"] == {"knowledge-level1": "Geometry"}
    assert Image.open(first.images[0]).size == (40, 30)  # the picture intact
    assert lines[1].problem is not None and not lines[1].problem.images


def test_we_math_pro_base_rows_are_the_seeds(tmp_path):
    rows = {
        "question_id": ["1", "2", "3"],
        "question": ["Find AB. In a square ABCD, AC = 4.", "Harder: find BD.", "Context: find AB."],
        "image": [None, None, None],
        "difficulty": ["base", "x", "z"],
        "knowledge points": [["square"], ["square", "diagonal"], ["square"]],
        "idx": ["9", "9", "9"],
        "answer": ["2*sqrt(2)", "4", "2*sqrt(2)"],
    }
    datasets.Dataset.from_dict(rows).to_parquet(str(tmp_path / "pro.parquet"))
    result = convert(str(tmp_path / "pro.parquet"), tmp_path / "seeds.jsonl", {})
    assert (result.seeds, result.skipped, result.errors) == (1, 2, [])
    (line,) = read_seeds(tmp_path / "seeds.jsonl")
    assert line.problem is not None and line.problem.meta["idx"] == "9" and line.problem.knowledge_points == ("square",)


def test_options_a_row_lists_become_choices_and_a_letter_answer_its_content(tmp_path):
    rows = [
        {"id": 7, "problem": "Find the measure of angle 1.", "choices": ["30", "40", "50", "60"], "answer": "C", "images": []},
        {"id": 8, "problem": "Find x.", "choices": ["1", "2"], "answer": "E", "images": []},
    ]
    source = tmp_path / "g3k.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    result = convert(str(source), tmp_path / "seeds.jsonl", {}, preset="geometry3k")
    assert result.seeds == 2
    good, bad = read_seeds(tmp_path / "seeds.jsonl")
    assert good.problem is not None and good.problem.answer == "50" and "C. 50" in good.problem.question
    assert bad.error is not None and bad.error.field == "answer"  # E is none of the options


def test_a_save_to_disk_copy_and_the_command_line(tmp_path):
    _standard(tmp_path).save_to_disk(str(tmp_path / "copy"))
    out = tmp_path / "seeds.jsonl"
    result = CliRunner().invoke(main, ["seeds", "from-dataset", str(tmp_path / "copy"), "-o", str(out)])
    assert result.exit_code == EXIT_SOME_FAILED, result.output  # one row has no answer
    assert "2 seeds written" in result.output and len(out.read_text().splitlines()) == 2
    assert json.loads(out.with_suffix(".errors.jsonl").read_text())["row"] == 3


def test_an_unknown_layout_names_the_columns(tmp_path):
    source = tmp_path / "odd.jsonl"
    source.write_text(json.dumps({"q": "Find x.", "a": "1"}) + "\n", encoding="utf-8")
    with pytest.raises(DatasetError, match="give --question COLUMN .*q, a"):
        convert(str(source), tmp_path / "seeds.jsonl", {})
    result = convert(str(source), tmp_path / "seeds.jsonl", {"question": "q", "answer": "a"})
    assert result.seeds == 1


def test_the_datasets_principle_index_reaches_the_rows(tmp_path):
    from variantgen import Cube, RunOptions, default_pipeline, expand_file
    from variantgen.io.parquet import iter_rows

    _standard(tmp_path)
    convert(str(tmp_path / "standard.parquet"), tmp_path / "seeds.jsonl", {})
    expand_file(tmp_path / "seeds.jsonl", tmp_path / "out", Cube(default_pipeline()), RunOptions(seed_timeout=0))
    rows = list(iter_rows(tmp_path / "out", columns=["family_id", "idx", "knowledge points"]))
    assert {(r["family_id"], r["idx"]) for r in rows} == {("wm-1", "12"), ("wm-2", "7")}
    assert all(r["knowledge points"][0] in ("Pythagorean theorem", "Area of a square") for r in rows)


def test_mathbook_regenerate_runs_every_stage_and_says_what_each_lost(tmp_path):
    """One command: the dataset's seeds, no endpoint (picture seeds keep their context corners),
    the corners, MathBook-Pro's columns and a comparison; a rerun skips the finished stages."""
    import pyarrow.parquet as pq

    _standard(tmp_path)
    folder = tmp_path / "mb"
    args = ["mathbook", "regenerate", str(tmp_path / "standard.parquet"), "-o", str(folder), "--no-render"]
    result = CliRunner().invoke(main, [*args, "--reference", str(tmp_path / "standard.parquet")])
    assert result.exit_code == EXIT_SOME_FAILED, result.output  # row 3 has no answer: lost at the first stage
    stages = json.loads((folder / "stages.json").read_text())
    assert list(stages) == ["seeds", "constructions", "corners", "export", "compare"]
    assert (stages["seeds"]["made"], stages["seeds"]["lost"]) == (2, 1) and stages["seeds"]["reasons"] == {"empty": 1}
    assert "no LLM endpoint" in stages["constructions"]["note"]
    exported = pq.read_table(folder / "mathbook-pro" / "data").to_pylist()
    assert {row["idx"] for row in exported} == {"12", "7"} and stages["export"]["made"] == len(exported)
    assert "seeds" in result.output and "empty" in result.output
    again = CliRunner().invoke(main, args)
    assert "seeds: done before (2 seeds)" in again.output, again.output
