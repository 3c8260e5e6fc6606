"""core/ and sources/ are headless: importing them never loads textual or rich."""

from __future__ import annotations

import subprocess
import sys

HEADLESS = [
    "core.config",
    "core.dashboard",
    "core.poller",
    "core.rules",
    "core.snapshot",
    "core.textsafe",
    "sources.registry",
    "sources.simulated",
]


def test_core_and_sources_load_without_textual() -> None:
    code = (
        "import importlib, sys\n"
        f"for name in {HEADLESS!r}: importlib.import_module(name)\n"
        "ui = ('textual', 'rich', 'tui', 'widgets')\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in ui)\n"
        "print(','.join(loaded))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""


def test_headless_commands_do_not_import_textual() -> None:
    code = (
        "import sys\nfrom tui.cli import main\n"
        "rc = main(['check', '--demo', '--tab', 'engineering'])\n"
        "print('textual' in sys.modules, rc)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip().splitlines()[-1] == "False 0"
