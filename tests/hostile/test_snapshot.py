"""`warroom snapshot --format text|json` against a fake Sentry serving the hostile corpus.

The real CLI runs in a subprocess, polls the fake over HTTP on 127.0.0.1 and prints. Text
output must hold no unsafe code point; JSON must round-trip every original string exactly.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.fakes import sentry_data
from tests.fakes.sentry_server import FakeSentry, serve, stop
from tests.hostile.corpus import CORPUS, UNSAFE
from warroom.core.textsafe import inert

ROOT = Path(__file__).resolve().parents[2]
NAMES = sorted(CORPUS)
TEXT_ROWS = 20  # snapshot_text lists the 20 busiest issues


@pytest.fixture
def hostile_sentry() -> Iterator[tuple[FakeSentry, str]]:
    now = time.time()
    issues = [
        sentry_data.make_issue(i, now, title=CORPUS[name], culprit=CORPUS[name])
        for i, name in enumerate(NAMES)
    ]
    for item, name in zip(issues, NAMES, strict=True):
        item["permalink"] = CORPUS[name]
    state = FakeSentry(issues=issues)
    server, _ = serve(state)
    try:
        yield state, server.url
    finally:
        stop(server)


def snapshot(
    state: FakeSentry, url: str, fmt: str, home: Path
) -> subprocess.CompletedProcess[bytes]:
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home),
        "PYTHONPATH": str(ROOT),
        "SENTRY_AUTH_TOKEN": state.token,
        "SENTRY_ORG": state.org,
        "SENTRY_URL": url,
    }
    code = "import sys; from warroom.tui.cli import main; sys.exit(main(sys.argv[1:]))"
    return subprocess.run(
        [sys.executable, "-c", code, "snapshot", "--format", fmt],
        env=env,
        cwd=home,
        capture_output=True,
        timeout=60,
    )


def assert_clean(output: bytes, token: str) -> str:
    assert b"\x1b" not in output
    text = output.decode("utf-8")
    assert not {f"U+{ord(c):04X}" for c in text if ord(c) in UNSAFE and c != "\n"}
    assert token not in text
    return text


def test_json_round_trips_the_original_strings(
    hostile_sentry: tuple[FakeSentry, str], tmp_path: Path
) -> None:
    state, url = hostile_sentry
    done = snapshot(state, url, "json", tmp_path)
    assert done.returncode == 0, done.stderr.decode()[-2000:]
    data = json.loads(assert_clean(done.stdout, state.token))
    assert state.token not in done.stderr.decode()
    assert data["sources"]["sentry"]["state"] == "ok"
    by_key = {i["key"]: i for i in data["issues"]}
    for index, name in enumerate(NAMES):
        issue = by_key[str(1000 + index)]
        assert issue["title"] == CORPUS[name], name
        assert issue["culprit"] == CORPUS[name], name
        assert issue["permalink"] == CORPUS[name], name


@pytest.mark.parametrize("chunk", range(0, len(NAMES), TEXT_ROWS))
def test_text_output_is_inert(
    hostile_sentry: tuple[FakeSentry, str], tmp_path: Path, chunk: int
) -> None:
    state, url = hostile_sentry
    names = set(NAMES[chunk : chunk + TEXT_ROWS])
    state.issues[:] = [i for i, n in zip(state.issues, NAMES, strict=True) if n in names]
    done = snapshot(state, url, "text", tmp_path)
    assert done.returncode == 0, done.stderr.decode()[-2000:]
    text = assert_clean(done.stdout, state.token)
    for name in names:
        assert inert(CORPUS[name])[:40] in text, name
