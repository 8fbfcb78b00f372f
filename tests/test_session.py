"""``variantgen.session.run``: the engines a run asks for are started, handed over and always closed."""

from __future__ import annotations

import pytest

from variantgen.llm.config import LLMConfig
from variantgen.render.install import RenderSetupError
from variantgen.session import SetupFailed, run


class _Renderer:
    """Stands in for variantgen.render.Renderer: records its start and close."""

    def __init__(self) -> None:
        self.started = self.closed = False

    def start(self) -> _Renderer:
        self.started = True
        return self

    def close(self) -> None:
        self.closed = True


def _missing() -> _Renderer:
    raise RenderSetupError("no GeoGebra bundle found; run `variantgen setup`")


def test_the_renderer_is_started_and_closed_even_when_the_run_fails() -> None:
    made = _Renderer()
    with pytest.raises(RuntimeError, match="midway"), run(True, renderer=lambda: made) as services:
        assert services.renderer is made and made.started and not made.closed
        raise RuntimeError("midway")
    assert made.closed


def test_render_true_insists_none_warns_false_never_starts() -> None:
    with pytest.raises(SetupFailed, match="variantgen setup"), run(True, renderer=_missing):
        pass
    warnings: list[str] = []
    with run(None, renderer=_missing, warn=warnings.append) as services:
        assert services.renderer is None
    assert warnings == ["figures are not drawn: no GeoGebra bundle found; run `variantgen setup`"]
    with run(False, renderer=_missing) as services:  # the factory is never called
        assert services.renderer is None


def test_offline_runs_have_no_llm_client_and_the_offline_pipeline() -> None:
    with run(llm=LLMConfig()) as services:  # an unconfigured endpoint is no endpoint
        assert services.llm is None and services.context(seed=3).llm is None
        assert services.context(seed=3).seed == 3
        assert not any(getattr(t, "uses_llm", False) for t in services.pipeline().members())
