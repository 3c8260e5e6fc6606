"""Every vendor pointed at an echoing fake on 127.0.0.1, with distinctive secrets, and the
means to look for any of them in what warroom prints, draws, records and logs.

The fakes answer every request with a failure whose body repeats the request's credential
headers (tests/fakes/faults.py, echo mode), as a misbehaving gateway does: Datadog rejects
the keys (403), Sentry fails (500), Atlas rejects the Digest answer (401). MongoDB's URI
carries a password and points at a port nobody listens on.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

from tests.fakes.atlas_server import AtlasState, atlas_server
from tests.fakes.datadog_server import FakeDatadog
from tests.fakes.sentry_server import FakeSentry, serve, stop

DD_API_KEY = "q7DDapiK3y5ecretZr8w2m4n6b1v9c0x"
DD_APP_KEY = "p9DDappK3y5ecretHs7d6f5g4h3j2k1l0z9y8x7w"
SENTRY_TOKEN = "sntryu_6Xq2SENTRYt0kenSecretVb8Nm4Kj7Hg5Fd3Sa1"
MONGO_PASSWORD = "M0ng0PassW0rdSecret-zQ8x"
ATLAS_PUBLIC = "atlpubqz"
ATLAS_PRIVATE = "4c1e8d2a-ATLAS-PRIVATE-a6d5-0f2b9c8e7d61"
DSN_KEY = "d5nPubl1cKeyWarroomCrash0a1b2c3d"
DEPLOY_TOKEN = "dep1oyT0kenRunbookEnvAllow-Yw3Er5Ty7"
SHORT_PASSWORD = "Sh0rtPw-9x7Qz"  # 13 characters: passwords this short are common
SECRETS = (
    DD_API_KEY,
    DD_APP_KEY,
    SENTRY_TOKEN,
    MONGO_PASSWORD,
    ATLAS_PUBLIC,
    ATLAS_PRIVATE,
    DSN_KEY,
    DEPLOY_TOKEN,
    SHORT_PASSWORD,
)
PART = 10
"""A run of this many characters that starts or ends a secret counts as a leak of it."""
ECHO_STEP = (
    "import os\n"
    "for name in ('SENTRY_AUTH_TOKEN', 'DEPLOY_TOKEN', 'RELEASE_PASSWORD'):\n"
    "    t = os.environ[name]\n"
    "    print('token', t, 'prefix', t[:20], 'suffix', t[-12:], flush=True)\n"
)


def fragments(secret: str) -> set[str]:
    return {secret, secret[:PART], secret[-PART:]}


def leaks(where: str, text: str | bytes, secrets: Iterable[str] = SECRETS) -> list[str]:
    """`where: fragment` for every secret, or 10-character end of one, found in `text`."""
    found = []
    for secret in secrets:
        for part in sorted(fragments(secret)):
            needle: str | bytes = part.encode() if isinstance(text, bytes) else part
            if needle in text:  # type: ignore[operator]
                found.append(f"{where}: {part!r} of {secret[:3]}…")
    return found


def all_leaks(
    texts: Iterable[tuple[str, str | bytes]], secrets: Iterable[str] = SECRETS
) -> list[str]:
    wanted = tuple(secrets)
    return [leak for where, text in texts for leak in leaks(where, text, wanted)]


@dataclass(frozen=True)
class Echoing:
    """The running fakes: the environment that points warroom at them, and a config file."""

    env: dict[str, str]
    config: Path
    datadog: FakeDatadog


def config_text(tmp: Path, datadog_url: str) -> str:
    """Short timeouts, quick history commits, and runbook steps that each meet a secret:
    a command echoing three, whole and in part (two named in `secrets`, one passed by
    `env_allow`), an
    HTTP request with a key header to the echoing Datadog fake, and a Datadog event."""
    return f"""
[history]
commit_seconds = 0.2

[sources.datadog]
timeout = 3
[sources.mongo]
timeout = 2
server_selection_timeout = 0.5
connect_timeout = 0.5

[[runbook.steps]]
id = "echo_token"
title = "Echo the deploy token"
group = "immediate"
key = "1"
[runbook.steps.action]
kind = "command"
argv = [{json.dumps(sys.executable)}, "-c", {json.dumps(ECHO_STEP)}]
env_allow = ["PATH", "DEPLOY_TOKEN"]
secrets = ["SENTRY_AUTH_TOKEN", "RELEASE_PASSWORD"]

[[runbook.steps]]
id = "flag_off"
title = "Turn the flag off"
group = "immediate"
key = "2"
[runbook.steps.action]
kind = "http"
url = "{datadog_url}/api/v1/events"
headers = {{ "DD-API-KEY" = "${{DD_API_KEY}}" }}
json = {{ title = "flag off" }}

[[runbook.steps]]
id = "annotate"
title = "Annotate in Datadog"
group = "immediate"
key = "3"
[runbook.steps.action]
kind = "datadog_event"
title = "rollback"
"""


@contextmanager
def echoing(tmp: Path) -> Iterator[Echoing]:
    """Starts the three echoing fakes; yields what a warroom command needs to use them."""
    with ExitStack() as stack:
        dd = stack.enter_context(FakeDatadog())
        dd.state.api_key, dd.state.app_key = DD_API_KEY, DD_APP_KEY
        dd.state.echo = dd.state.echo_keys = True
        dd.set_fault("auth")
        sentry = FakeSentry(token=SENTRY_TOKEN, fault="500", echo=True)
        server, _ = serve(sentry)
        stack.callback(stop, server)
        atlas = AtlasState(public_key=ATLAS_PUBLIC, private_key=ATLAS_PRIVATE)
        atlas.fault, atlas.echo = "auth", True
        atlas_url, _ = stack.enter_context(atlas_server(atlas))
        config = tmp / "warroom.toml"
        config.write_text(config_text(tmp, dd.url))
        env = {
            **os.environ,
            "DD_API_KEY": DD_API_KEY,
            "DD_APP_KEY": DD_APP_KEY,
            "DD_HOST": dd.url,
            "SENTRY_AUTH_TOKEN": SENTRY_TOKEN,
            "SENTRY_ORG": sentry.org,
            "SENTRY_URL": server.url,
            "MONGODB_URI": f"mongodb://warroom:{MONGO_PASSWORD}@127.0.0.1:9/?authSource=admin",
            "MONGODB_ATLAS_PUBLIC_API_KEY": ATLAS_PUBLIC,
            "MONGODB_ATLAS_PRIVATE_API_KEY": ATLAS_PRIVATE,
            "MONGODB_ATLAS_PROJECT_ID": atlas.group,
            "MONGODB_ATLAS_BASE_URL": atlas_url,
            "WARROOM_SENTRY_DSN": f"http://{DSN_KEY}@127.0.0.1:9/1",
            "DEPLOY_TOKEN": DEPLOY_TOKEN,
            "RELEASE_PASSWORD": SHORT_PASSWORD,
        }
        yield Echoing(env, config, dd)
