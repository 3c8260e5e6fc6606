"""Atlas's row of the fault matrix: a connections tile from the primary's measurements."""

from __future__ import annotations

import time
from contextlib import ExitStack
from typing import Any

from tests.atlas.conftest import PRIMARY, atlas_config, populated_state
from tests.fakes.atlas_server import atlas_server
from tests.faults.harness import INTERVAL, Harness, Rig
from warroom.sources.atlas.source import create

REQUEST_TIMEOUT = 1.0  # one poll is up to five requests with the Digest handshake


def connections(value: float) -> list[dict[str, Any]]:
    """A CONNECTIONS series whose newest point is `value`, stamped now."""
    now = time.time()
    points = [
        {"timestamp": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(t)), "value": v}
        for t, v in ((now - 60, 40.0), (now, value))
    ]
    return [{"name": "CONNECTIONS", "units": "SCALAR", "dataPoints": points}]


def open_atlas(stack: ExitStack) -> Rig:
    state = populated_state()
    state.measurements = {PRIMARY: connections(57.0)}
    url, state = stack.enter_context(atlas_server(state))
    config = atlas_config(("atlas_connections", "CONNECTIONS"))
    atlas = config.sources.atlas.model_copy(
        update={"interval": INTERVAL, "timeout": REQUEST_TIMEOUT}
    )
    config = config.model_copy(
        update={"sources": config.sources.model_copy(update={"atlas": atlas})}
    )
    env = {
        "MONGODB_ATLAS_PUBLIC_API_KEY": state.public_key,
        "MONGODB_ATLAS_PRIVATE_API_KEY": state.private_key,
        "MONGODB_ATLAS_PROJECT_ID": state.group,
        "MONGODB_ATLAS_BASE_URL": url,
    }

    def change() -> float:
        state.measurements = {PRIMARY: connections(91.0)}
        return 91.0

    return Rig(
        create(config, env),
        config,
        state,
        lambda: len(state.log),
        change,
        REQUEST_TIMEOUT,
        (state.public_key, state.private_key),
    )


HARNESS = Harness("atlas", "atlas_connections", open_atlas)
