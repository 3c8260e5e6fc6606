"""The cyclic collector is off from the entry point to the first frame (tui/gc_startup.py):
back on after the first frame, back on before a command without one, and never touched when
nothing paused it."""

from __future__ import annotations

import gc
import subprocess
import sys
from collections.abc import Iterator
from importlib import metadata
from pathlib import Path

import pytest

from tests.tui.helpers import demo_app, fast_config
from warroom.tui import gc_startup, launch


@pytest.fixture(autouse=True)
def collector_restored() -> Iterator[None]:
    """Each test leaves the collector on and nothing frozen, whatever it did."""
    yield
    gc_startup._paused = False
    gc.unfreeze()
    gc.enable()


def test_pause_then_resume_turns_it_back_on_and_freezes_the_start_up_heap() -> None:
    gc_startup.pause()
    assert not gc.isenabled()
    assert gc_startup.paused()
    gc_startup.resume()
    assert gc.isenabled()
    assert not gc_startup.paused()
    assert gc.get_freeze_count() > 0


def test_resume_without_pause_changes_nothing() -> None:
    gc.disable()  # someone else's choice: resume() must not override it
    gc_startup.resume()
    assert not gc.isenabled()
    assert gc.get_freeze_count() == 0


def test_a_command_without_a_frame_runs_with_the_collector_on(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[bool] = []
    real = gc_startup.resume

    def watched() -> None:
        real()
        seen.append(gc.isenabled())

    monkeypatch.setattr(gc_startup, "resume", watched)
    assert launch.main(["config", "schema"]) == 0
    assert "$schema" in capsys.readouterr().out
    assert seen == [True]
    assert gc.isenabled()


async def test_the_app_turns_it_back_on_after_its_first_frame(tmp_path: Path) -> None:
    app = demo_app(fast_config(tmp_path), poll=False)
    gc_startup.pause()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.screen.query("MetricTile")  # the first frame has tiles
        assert gc.isenabled()
        assert not gc_startup.paused()


def test_the_entry_points_pause_it_first() -> None:
    """The `warroom` script goes through the launcher, which pauses before importing the
    command line: the collector is off while the command line's modules load."""
    probe = (
        "import gc, sys\n"
        "from warroom.tui import gc_startup, launch\n"
        "seen = []\n"
        "class Probe:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name == 'warroom.tui.cli':\n"
        "            seen.append(gc.isenabled())\n"
        "        return None\n"
        "sys.meta_path.insert(0, Probe())\n"
        "code = launch.main(['config', 'schema'])\n"
        "print('cli imported with collector on:', seen, 'after:', gc.isenabled(), code)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=True
    )
    assert done.stdout.strip().endswith("cli imported with collector on: [False] after: True 0")
    scripts = metadata.entry_points(group="console_scripts")
    assert scripts["warroom"].value == "warroom.tui.launch:main"
