"""warroom's own crash reports: sent to a local capture server, with no secret in them."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.fakes.sentry_capture import CaptureServer, start
from warroom.tui.telemetry import FILTERED, EventScrubber, init_error_reporting

ROOT = Path(__file__).resolve().parents[2]
SECRETS = {
    "SENTRY_AUTH_TOKEN": "sntryu_" + "5e" * 32,
    "DD_API_KEY": "dd-api-0123456789abcdef",
    "WARROOM_EXTRA": "extra-secret-passed-by-caller",
}
URI_PASSWORD = "hunter2-uri-password"
CRASH = """
import logging, os
import sentry_sdk
from warroom.tui.telemetry import init_error_reporting
assert init_error_reporting(os.environ, [os.environ["WARROOM_EXTRA"]])
sentry_sdk.capture_message("sentry: auth: token rejected (401)", level="warning")
URI = "mongodb://admin:" + "hunter2-uri-" + "password@db.internal:27017/app"  # not in env
logging.getLogger("warroom").warning("connecting to %s", URI)

def crash(token):
    headers = {"Authorization": "Bearer " + token, "DD-API-KEY": os.environ["DD_API_KEY"]}
    uri = os.environ["MONGODB_URI"]
    raise RuntimeError(f"boom {token} {uri} {URI} {headers} {os.environ['WARROOM_EXTRA']}")

crash(os.environ["SENTRY_AUTH_TOKEN"])
"""


@pytest.fixture
def capture() -> Iterator[CaptureServer]:
    server = start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


def run_crash(dsn: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.endswith("_proxy") and "PROXY" not in k}
    env.update(SECRETS)
    env["MONGODB_URI"] = "mongodb://ops:env-uri-password@db.internal:27017/app"
    env["WARROOM_SENTRY_DSN"] = dsn
    env["PYTHONPATH"] = str(ROOT)
    return subprocess.run(
        [sys.executable, "-c", CRASH], env=env, cwd=ROOT, capture_output=True, text=True, timeout=30
    )


def test_crash_report_arrives_without_secrets(capture: CaptureServer) -> None:
    done = run_crash(capture.dsn)
    assert done.returncode == 1 and "RuntimeError" in done.stderr  # it really crashed
    assert capture.wait_for(2, timeout=5)
    assert all(p == "/api/1/envelope/" for p in capture.paths)
    raw = b"\n".join(capture.bodies).decode()
    for secret in [*SECRETS.values(), URI_PASSWORD, "env-uri-password"]:
        assert secret not in raw
    events = [i for i in capture.items() if "exception" in i]
    assert len(events) == 1
    exception = events[0]["exception"]["values"][-1]
    assert exception["type"] == "RuntimeError"
    assert exception["value"].startswith("boom " + FILTERED)
    assert f"admin:{FILTERED}@db.internal" in exception["value"]
    frames = exception["stacktrace"]["frames"]
    assert frames and all(not f.get("vars") for f in frames)
    crumbs = events[0].get("breadcrumbs", {}).get("values", [])
    logged = f"connecting to mongodb://admin:{FILTERED}@db.internal"
    assert any(logged in str(c.get("message")) for c in crumbs)
    messages = [i for i in capture.items() if i.get("message") or i.get("logentry")]
    assert any("sentry: auth: token rejected" in str(m) for m in messages)  # a plain message


def test_off_without_dsn() -> None:
    assert init_error_reporting({"SENTRY_AUTH_TOKEN": "x"}, ["secret"]) is False
    assert init_error_reporting({"WARROOM_SENTRY_DSN": "  "}, []) is False


def test_scrubber_rules() -> None:
    scrub = EventScrubber(["tok-123456", "tok"])
    event = {
        "message": "auth tok-123456 then postgres://u:pw-9@h/db and Bearer abc.def.ghi",
        "request": {"headers": {"X-Anything": "value", "Accept": "json"}},
        "extra": {"api_key": "zzz", "nested": [{"password": "p"}, "fine"]},
        "exception": {"values": [{"stacktrace": {"frames": [{"vars": {"t": "tok-123456"}}]}}]},
    }
    out = scrub.event(event, {})
    assert out["message"] == (
        f"auth {FILTERED} then postgres://u:{FILTERED}@h/db and Bearer {FILTERED}"
    )
    assert out["request"]["headers"] == {"X-Anything": FILTERED, "Accept": FILTERED}
    assert out["extra"] == {"api_key": FILTERED, "nested": [{"password": FILTERED}, "fine"]}
    assert out["exception"]["values"][0]["stacktrace"]["frames"][0]["vars"] == {}
    assert "tok" in scrub.scrubber("token")  # secrets under 4 characters are not applied
