"""New Relic's row of the fault matrix: the API response tile (NRQL over Transaction, in ms).

NerdGraph has two 429s, and neither says when to come back: an HTTP 429 with no header (the
shared `429`) and, for the account's query budget, `TOO_MANY_REQUESTS` inside an HTTP 200
(`429-in-200`, this row's ninth cell). The adapter then waits its own backoff, whose first
step is 10 s in production; here it is set to the cell's RESET, the time the fake refuses
for, so the cell checks that the adapter keeps to the wait it announced, shows it, and that
its first poll after it brings the fresh value.
"""

from __future__ import annotations

from contextlib import ExitStack

from tests.fakes.faults import FAULTS
from tests.fakes.newrelic_events import Profile
from tests.fakes.newrelic_server import OVER_BUDGET, NerdGraphState, env_for, running
from tests.faults.harness import INTERVAL, RATE_LIMITS, RESET, Harness, Rig
from tests.newrelic.conftest import plan_with
from warroom.sources.newrelic.source import create

POLL_TIMEOUT = 2.0
"""The adapter gives its one request 80 % of it (1.6 s): the rest is for its own pacing."""


def open_newrelic(stack: ExitStack) -> Rig:
    # A quiet application: every poll evaluates the plan's NRQL over these events.
    fake = NerdGraphState(profile=Profile(rpm=30, duration_s=0.25))
    state, url = stack.enter_context(running(fake))
    # A budget no 0.3 s poll can spend: the matrix is about faults, not pacing. (The
    # settings are not validated again: the interval is below New Relic's 1 s minimum.)
    config = plan_with(
        interval=INTERVAL, timeout=POLL_TIMEOUT, query_budget=1_000_000, budget_share=1.0
    )
    source = create(config, env_for(url, state))
    source.limits.base_wait = RESET

    def change() -> float:
        state.profile.duration_s = 0.4
        return 400.0

    timeout = source.graph._api.timeout
    return Rig(source, config, state, lambda: len(state.log), change, timeout, (state.api_key,))


HARNESS = Harness(
    "newrelic",
    "api_response",
    open_newrelic,
    reasons={OVER_BUDGET: "rate limited (TOO_MANY_REQUESTS)"},
    faults=(*FAULTS, OVER_BUDGET),
    rate_limits=(*RATE_LIMITS, OVER_BUDGET),
)
