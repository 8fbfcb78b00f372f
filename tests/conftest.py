"""Fixtures and markers shared by the tests; shared seeds and paths are in ``helpers.py``.

``browser`` tests launch Chromium and ``training`` tests run GRPO steps: both count as ``slow``, so
``python -m pytest -m "not slow"`` (the command to run while editing) launches neither.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from helpers import ANGLE, TEXT, TRIANGLE, write_jsonl

os.environ.setdefault("HF_HUB_OFFLINE", "1")

_SLOW_KINDS = ("browser", "training")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if any(item.get_closest_marker(kind) for kind in _SLOW_KINDS):
            item.add_marker(pytest.mark.slow)


@pytest.fixture
def small_seeds(tmp_path: Path) -> Path:
    return write_jsonl(tmp_path / "seeds.jsonl", [TRIANGLE, TEXT, ANGLE])
