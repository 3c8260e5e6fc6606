"""core/ and sources/ are headless: importing them never loads textual or rich."""

from __future__ import annotations

import subprocess
import sys

HEADLESS = [
    "warroom.core.config",
    "warroom.core.dashboard",
    "warroom.core.poller",
    "warroom.core.rules",
    "warroom.core.snapshot",
    "warroom.core.textsafe",
    "warroom.sources.registry",
    "warroom.sources.newrelic",
    "warroom.sources.newrelic.action",
    "warroom.sources.sim.source",
]


def test_core_and_sources_load_without_textual() -> None:
    code = (
        "import importlib, sys\n"
        f"for name in {HEADLESS!r}: importlib.import_module(name)\n"
        "ui = ('textual', 'rich', 'warroom.tui', 'warroom.widgets')\n"
        "loaded = sorted(m for m in sys.modules for u in ui if m == u or m.startswith(u + '.'))\n"
        "print(','.join(loaded))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""


def test_headless_commands_do_not_import_textual() -> None:
    code = (
        "import sys\nfrom warroom.tui.cli import main\n"
        "rc = main(['check', '--demo', '--tab', 'engineering'])\n"
        "print('textual' in sys.modules, rc)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip().splitlines()[-1] == "False 0"


def test_only_the_warroom_name_is_imported() -> None:
    """The layers load as `warroom.core`, `warroom.tui`...: a stray `import core` would load a
    second copy of a module (two Dashboard classes, two error trees) and collide with other
    packages of the same name once installed."""
    code = (
        "import sys\nfrom warroom.tui.cli import main\n"
        "main(['snapshot', '--demo', '--format', 'json'])\n"
        "import warroom.tui.app\n"
        "bare = ('core', 'sources', 'tui', 'widgets', 'themes')\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in bare))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip().splitlines()[-1] == "[]"
