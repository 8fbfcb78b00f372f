"""`variantgen train` with `seeds:` expands them with their figures when GeoGebra is installed, so a
vision-language model sees the visual corners; `render_figures: false` keeps it text-only."""

from __future__ import annotations

import datasets
import pytest
from helpers import TRIANGLE, write_jsonl

pytest.importorskip("trl")

from variantgen.render import RenderSetupError, find_browser, find_bundle  # noqa: E402
from variantgen.train.config import load_config  # noqa: E402
from variantgen.train.run import ensure_data  # noqa: E402


def _expand(tmp_path, **options: object) -> list[dict]:
    write_jsonl(tmp_path / "seeds.jsonl", [TRIANGLE])
    config = "seeds: seeds.jsonl\ndata: [data]\noutput_dir: model\ntiny_model: auto\nreport_to: none\nbf16: false\n"
    (tmp_path / "c.yaml").write_text(config)
    ensure_data(load_config(tmp_path / "c.yaml", **options))
    return datasets.load_dataset("parquet", data_dir=str(tmp_path / "data"), split="train").to_list()


def test_text_only_when_asked(tmp_path):
    rows = _expand(tmp_path, render_figures=False)
    assert sorted(r["corner"] for r in rows) == ["base", "c", "s", "sc"] and all(r["image"] is None for r in rows)


@pytest.mark.browser
def test_figures_drawn_when_geogebra_is_installed(tmp_path):
    try:
        find_browser(), find_bundle()
    except RenderSetupError as exc:
        pytest.skip(f"rendering is not installed ({exc})")
    rows = _expand(tmp_path)
    assert len(rows) == 8 and all(r["image"] is not None for r in rows)
