"""Sentry's row of the fault matrix: the open-issues tile (the issue list's X-Hits)."""

from __future__ import annotations

from contextlib import ExitStack

from tests.fakes import sentry_data
from tests.fakes.sentry_server import FakeSentry, serve, stop
from tests.faults.harness import INTERVAL, Harness, Rig
from tests.sentry.conftest import config_with, env_for
from warroom.sources.sentry.source import create

REQUEST_TIMEOUT = 1.0  # the adapter gives one request at least 1 s


def open_sentry(stack: ExitStack) -> Rig:
    state = FakeSentry(issues=sentry_data.make_issues(250))
    server, _ = serve(state)
    stack.callback(stop, server)
    config = config_with(interval=INTERVAL, timeout=REQUEST_TIMEOUT, max_pages=1, release_lookups=0)

    def change() -> float:
        state.issues = sentry_data.make_issues(120)
        return 120.0

    source = create(config, env_for(state, server.url))
    return Rig(
        source, config, state, lambda: len(state.log), change, REQUEST_TIMEOUT, (state.token,)
    )


HARNESS = Harness("sentry", "open_issues", open_sentry)
