"""`--log-file`: a debug log of runs against vendors that echo their credentials back, with
every secret in the environment and one password on the command line (which the log's first
line repeats, unmasked until the log's formatter masks it). Not one secret, nor the first or
last ten characters of one, reaches the file."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from tests.secrets.conftest import warroom
from tests.secrets.rig import DD_API_KEY, Echoing, all_leaks
from warroom.core.scrub import Scrubber
from warroom.tui.debug_log import FORMAT, ScrubbingFormatter


def test_the_debug_log_holds_the_run_but_no_secret(echo: Echoing, tmp_path: Path) -> None:
    log = tmp_path / "debug.log"
    store = f"mongodb://warroom:{DD_API_KEY}@127.0.0.1:9/"  # a password on the command line
    (ran,) = warroom(echo, ("snapshot", "--log-file", str(log), "--format", "json"))
    (viewer,) = warroom(echo, ("check", "--log-file", str(log), "--store", store))
    assert "Traceback" not in ran.stderr + viewer.stderr
    text = log.read_text(encoding="utf-8")
    # The runs are there: the command lines, each source's poll, the vendors' requests.
    assert "snapshot --config" in text and "--store mongodb://warroom:***@" in text
    for source in ("datadog", "sentry", "atlas", "mongo"):
        assert f"DEBUG warroom.core.poller: {source}: " in text, source
    assert "INFO httpx: HTTP Request: GET http://127.0.0.1:" in text
    assert all_leaks([("debug log", text)]) == []
    assert all_leaks(t for r in (ran, viewer) for t in r.texts()) == []


def test_a_traceback_in_the_log_is_scrubbed_too() -> None:
    formatter = ScrubbingFormatter(FORMAT, Scrubber([DD_API_KEY]))
    try:
        raise RuntimeError(f"gateway said: key {DD_API_KEY} rejected")
    except RuntimeError:
        record = logging.LogRecord("x", logging.DEBUG, __file__, 1, "failed", (), sys.exc_info())
    line = formatter.format(record)
    assert "RuntimeError: gateway said: key *** rejected" in line
    assert all_leaks([("line", line)]) == []
