"""The command line as a user meets it: help, expand's summary and exit status, inspect, export."""

from __future__ import annotations

from click.testing import CliRunner
from helpers import TEXT, write_jsonl

from variantgen.cli import EXIT_SOME_FAILED, main


def test_help_lists_the_commands():
    result = CliRunner().invoke(main, ["--help"])
    assert result.exit_code == 0
    for command in ("expand", "inspect", "export", "verify", "transforms"):
        assert command in result.output


def test_expand_prints_a_summary_and_exits_zero(tmp_path, small_seeds):
    result = CliRunner().invoke(main, ["expand", str(small_seeds), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert "svc" in result.output and "xyz" in result.output
    assert "3 lines: 3 families" in result.output


def test_expand_exit_status_when_lines_are_rejected(tmp_path):
    seeds = write_jsonl(tmp_path / "seeds.jsonl", [TEXT, "{not json"])
    result = CliRunner().invoke(main, ["expand", str(seeds), "-o", str(tmp_path / "out")])
    assert result.exit_code == EXIT_SOME_FAILED
    assert "1 rejected lines" in result.output and "errors.jsonl" in result.output


def test_expand_rejects_bad_corners(tmp_path, small_seeds):
    result = CliRunner().invoke(main, ["expand", str(small_seeds), "-o", str(tmp_path / "out"), "--corners", "s,q"])
    assert result.exit_code == 2 and "unknown corner" in result.output


def test_inspect_shows_the_corners_of_a_family(tmp_path, small_seeds):
    CliRunner().invoke(main, ["expand", str(small_seeds), "-o", str(tmp_path / "out")])
    result = CliRunner().invoke(main, ["inspect", str(tmp_path / "out"), "--family", "tri-test"])
    assert result.exit_code == 0, result.output
    for corner in ("base (base)", "s (x)", "svc (xyz)"):
        assert corner in result.output
    missing = CliRunner().invoke(main, ["inspect", str(tmp_path / "out"), "--family", "nope"])
    assert missing.exit_code == 2


def test_export_command(tmp_path, small_seeds):
    CliRunner().invoke(main, ["expand", str(small_seeds), "-o", str(tmp_path / "out")])
    result = CliRunner().invoke(main, ["export", str(tmp_path / "out"), "--format", "easyr1", "-o", str(tmp_path / "e")])
    assert result.exit_code == 0 and "exported" in result.output
    assert list((tmp_path / "e" / "data").glob("train-*.parquet"))


def test_verify_passes_a_fresh_output_and_catches_a_tampered_answer(tmp_path, small_seeds):
    import pyarrow.parquet as pq

    out = tmp_path / "out"
    CliRunner().invoke(main, ["expand", str(small_seeds), "-o", str(out)])
    good = CliRunner().invoke(main, ["verify", str(out)])
    assert good.exit_code == 0, good.output
    assert "0 failed" in good.output

    shard = next((out / "data").glob("train-*.parquet"))
    table = pq.read_table(shard)
    answers = table.column("answer").to_pylist()
    corners = table.column("corner").to_pylist()
    answers[corners.index("sv")] = "12345"
    pq.write_table(table.set_column(table.schema.get_field_index("answer"), "answer", [answers]), shard)
    bad = CliRunner().invoke(main, ["verify", str(out)])
    assert bad.exit_code == EXIT_SOME_FAILED
    assert "sv exact" in bad.output


def test_a_full_disk_or_unwritable_out_ends_in_one_line_and_a_rerun_resumes(tmp_path, small_seeds, monkeypatch):
    import errno

    from variantgen.cli import EXIT_IO
    from variantgen.pipeline import loop

    (tmp_path / "file").write_text("not a folder")
    result = CliRunner().invoke(main, ["expand", str(small_seeds), "-o", str(tmp_path / "file" / "out"), "--no-render"])
    assert result.exit_code == EXIT_IO and "cannot read or write" in result.output and "Traceback" not in result.output

    def full(rows, path):  # type: ignore[no-untyped-def]
        raise OSError(errno.ENOSPC, "No space left on device", str(path))

    monkeypatch.setattr(loop, "write_shard", full)
    args = ["expand", str(small_seeds), "-o", str(tmp_path / "out"), "--no-render"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == EXIT_IO and "No space left on device" in result.output
    monkeypatch.undo()
    assert CliRunner().invoke(main, args).exit_code == 0
