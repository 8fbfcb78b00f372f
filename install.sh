#!/usr/bin/env bash
# Installs variantgen and everything it needs to run and be tested, on a fresh Debian-like machine.
#   ./install.sh          # the package, its Python dependencies and the test tools
set -euo pipefail
cd "$(dirname "$0")"
python3 -m pip install --upgrade pip >/dev/null
# [train]: torch 2.13.0 (the CPU wheel on local disk), transformers, TRL, accelerate, peft for `variantgen train`.
python3 -m pip install -e ".[test,train]"
