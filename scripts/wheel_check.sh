#!/usr/bin/env bash
# Builds the wheel, installs it into a fresh venv outside the checkout (as pipx and
# `uv tool install` do) and runs it there, so a missing data file or a module that only
# imports from the checkout fails here instead of on a user's machine.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

python3 -m pip wheel -q --no-deps -w "$work/dist" "$root"
wheel=$(ls "$work"/dist/warroom-*.whl)
python3 -m venv "$work/venv"
"$work/venv/bin/python" -m pip install -q --upgrade pip
"$work/venv/bin/python" -m pip install -q "$wheel"

cd "$work"  # nothing from the checkout can be imported from here
bin="$work/venv/bin"
"$bin/warroom" --version
"$bin/warroom" snapshot --demo --format json | "$bin/python" -c 'import json,sys; d=json.load(sys.stdin); assert d["metrics"], d'
"$bin/warroom" config init "$work/warroom.toml"
"$bin/warroom" config validate "$work/warroom.toml"
"$bin/warroom" config schema | "$bin/python" -c 'import json,sys; assert json.load(sys.stdin)["$defs"]'
"$bin/warroom" completion bash | grep -q "_shtab_warroom"
# The HTML report's template is package data too.
"$bin/python" -c 'from warroom.core.report.html import _environment as e; e().get_template("review.html")'
# One import name: nothing called core, tui, sources, widgets or themes is installed.
site=$("$bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
for bare in core tui sources widgets themes collector dataset; do
  if [ -e "$site/$bare" ]; then echo "wheel installs a top-level '$bare' package" >&2; exit 1; fi
done
echo "wheel ok: $(basename "$wheel")"
