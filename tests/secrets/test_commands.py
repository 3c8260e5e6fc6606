"""`snapshot` and `check`, in text and JSON, with every vendor echoing its credentials back:
no secret, nor the first or last ten characters of one, in their output or on stderr; and
with crash reporting on, no tracing header (it carries the DSN's key) sent to a vendor."""

from __future__ import annotations

import json

from tests.fakes.faults import TRACE_HEADERS
from tests.secrets.conftest import warroom
from tests.secrets.rig import Echoing, all_leaks


def test_snapshot_and_check_print_no_secret(echo: Echoing) -> None:
    runs = warroom(
        echo,
        ("snapshot", "--format", "json"),
        ("snapshot", "--format", "text"),
        ("check", "--format", "json"),
    )
    for ran in runs:
        assert "Traceback" not in ran.stderr, ran.stderr
    snapshot = json.loads(runs[0].stdout)
    errors = {name: s["error"] for name, s in snapshot["sources"].items()}
    # The echoes did reach the reasons (so the test tests something), masked.
    assert "(sent ***" in errors["datadog"] and "(sent ***" in errors["sentry"]
    assert '(sent username="***"' in errors["atlas"]
    assert all_leaks(t for ran in runs for t in ran.texts()) == []
    sent = echo.datadog.requests()
    assert sent and not any(h in r.headers for r in sent for h in TRACE_HEADERS)
