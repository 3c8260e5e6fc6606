"""LaunchDarkly's row of the fault matrix: the rollout header, read from two launch flags.

The watched value is the stage flag's rollout percentage (`rollout_pct`), as the header shows
it: it must stay on the last good read, with that read's age and the flag source FAILED.
"""

from __future__ import annotations

from contextlib import ExitStack

from tests.fakes.launchdarkly_data import make_flag
from tests.fakes.launchdarkly_server import launchdarkly_server
from tests.faults.harness import INTERVAL, Harness, Rig
from tests.launchdarkly.conftest import env_for, ld_config, populated
from warroom.core.dashboard import ROLLOUT_METRIC
from warroom.sources.launchdarkly import create

REQUEST_TIMEOUT = 1.0


def open_launchdarkly(stack: ExitStack) -> Rig:
    state = populated()
    state.window = 1_000_000  # a window no 0.3 s poll can spend: faults, not pacing
    url, state = stack.enter_context(launchdarkly_server(state))
    config = ld_config(interval=INTERVAL, timeout=REQUEST_TIMEOUT)
    source = create(config, env_for(url, state.token))

    def change() -> float:
        fresh = make_flag("profile-v2", {"production": (True, 50), "test": (True, 100)})
        state.flags = {**state.flags, "profile-v2": fresh}
        return 50.0

    return Rig(
        source, config, state, lambda: len(state.seen), change, REQUEST_TIMEOUT, (state.token,)
    )


HARNESS = Harness("launchdarkly", ROLLOUT_METRIC, open_launchdarkly)
