"""`variantgen setup` and `variantgen doctor`: what they find, and the fix they print for what is missing."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from variantgen.cli import main
from variantgen.render.install import GEOGEBRA_VERSION, RenderSetupError, bundle_version, find_browser, find_bundle


def test_doctor_names_the_fix_for_a_missing_bundle_and_browser(tmp_path, monkeypatch):
    monkeypatch.setenv("VARIANTGEN_GEOGEBRA_BUNDLE", str(tmp_path / "nothing-here"))
    monkeypatch.setenv("VARIANTGEN_BROWSER", str(tmp_path / "no-chromium"))
    result = CliRunner().invoke(main, ["doctor"])
    assert result.exit_code == 1
    assert "✗ GeoGebra bundle" in result.output and "variantgen setup" in result.output
    assert "✗ browser" in result.output and "does not exist" in result.output
    assert "LLM endpoint: none" in result.output


def test_a_folder_without_the_bundle_is_no_bundle(tmp_path):
    (tmp_path / "GeoGebra").mkdir()
    (tmp_path / "GeoGebra" / "deployggb.js").write_text("// not the real thing")
    assert bundle_version(tmp_path) is None
    with pytest.raises(RenderSetupError, match="variantgen setup"):
        find_bundle(tmp_path)


def test_setup_and_doctor_with_the_installed_bundle():
    try:
        bundle, browser = find_bundle(), find_browser()
    except RenderSetupError as exc:
        pytest.skip(f"rendering is not installed ({exc}); run ./install.sh")
    assert bundle_version(bundle) == GEOGEBRA_VERSION
    setup = CliRunner().invoke(main, ["setup", "--geogebra-bundle", str(bundle)])  # present: nothing to fetch
    assert setup.exit_code == 0 and f"GeoGebra {GEOGEBRA_VERSION} apps bundle in {bundle}" in setup.output
    assert f"browser: {browser}" in setup.output and "non-commercial" in setup.output
    doctor = CliRunner().invoke(main, ["doctor"])
    assert doctor.exit_code == 0 and f"GeoGebra {GEOGEBRA_VERSION}; expected {GEOGEBRA_VERSION}" in doctor.output
