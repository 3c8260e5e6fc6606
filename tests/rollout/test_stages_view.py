"""A percentage among the plan's stages, and the header / snapshot text of the rollout."""

from __future__ import annotations

import pytest

from tests.rollout.helpers import NOW, STAGES, view
from warroom.core.model import SourceState
from warroom.core.rollout.stages import next_stage, position, prev_stage, resolve
from warroom.core.rollout.view import as_json, describe


def test_position_exact_between_and_past_the_ends() -> None:
    at = position(STAGES, 15)
    assert (at.stage and at.stage.label, at.number, at.between) == ("Closed beta", 2, False)
    mid = position(STAGES, 30)
    assert mid.between and (mid.below and mid.below.pct, mid.above and mid.above.pct) == (15, 50)
    assert position(STAGES, 0).below is None and position(STAGES, 0).above is not None


def test_next_prev_and_resolve() -> None:
    assert [next_stage(STAGES, p) for p in (0, 5, 30)] == [STAGES[0], STAGES[1], STAGES[2]]
    assert next_stage(STAGES, 100) is None and prev_stage(STAGES, 5) is None
    assert prev_stage(STAGES, 30) == STAGES[1]
    assert resolve(STAGES, 15, "next") == (50, STAGES[2])
    assert resolve(STAGES, 15, "prev") == (5, STAGES[0])
    assert resolve(STAGES, 15, 30.0) == (30.0, None)
    with pytest.raises(ValueError, match="last stage"):
        resolve(STAGES, 100, "next")
    with pytest.raises(ValueError, match="outside 0-100"):
        resolve(STAGES, 15, 150.0)
    with pytest.raises(ValueError, match="outside 0-100"):
        resolve(STAGES, 15, -1.0)


def test_header_parts_at_a_stage_between_off_and_failing() -> None:
    assert describe(view(15)) == [
        "Rollout 15%", "Closed beta (2/4)", "7d in stage", "flag on"
    ]  # fmt: skip
    assert describe(view(30))[1] == "between stages (Closed beta 15% → Open beta 50%)"
    assert describe(view(0))[1] == "no users on the new version"
    assert describe(view(15, on=False))[-1] == "flag OFF"
    failed = view(15, state=SourceState.DOWN, error="Unleash: cannot connect", last_ok=NOW - 120)
    assert describe(failed)[-1] == "unleash FAILED, last read 2m ago"
    stale = view(15, last_ok=NOW - 300)  # three polls of 15 s are 45 s
    assert describe(stale)[-1] == "unleash stale 5m"
    assert describe(view(None))[0] == "Rollout —"


def test_snapshot_object_has_the_issue_keys() -> None:
    data = as_json(view(50, on=False))
    assert {"pct", "flag_on", "stage", "since", "source", "flags"} <= set(data)
    assert (data["pct"], data["flag_on"], data["stage"]) == (50, False, "Open beta")
    assert data["source"]["state"] == "ok" and data["source"]["provider"] == "unleash"
    assert data["flags"]["profile-v2"] == {
        "on": False, "pct": 50, "served": 0.0, "strategies": 1,
        "changed_at": None, "changed_by": None,
    }  # fmt: skip
    assert as_json(view(50, last_ok=NOW - 300))["source"]["state"] == "stale"
