"""What the guard's banner and header word say in each state (pure): the countdown puts the
abort key first and names the trigger, its readings and the group, what needs a person, and
dry run or advise; frozen says why; a run says how it ended and how to re-arm; armed names
the inputs it cannot see; a viewer's says who holds the lease. What of it rings the bell."""

from __future__ import annotations

from dataclasses import replace

from warroom.core.format import format_clock
from warroom.core.guard.rule import Evidence
from warroom.core.guard.view import GuardStatus
from warroom.tui.autorollback import bell_keys
from warroom.widgets.guard_banner import banner_lines, header_mark

NOW = 1_800_000_000.0
EVIDENCE = tuple(
    Evidence("rollback_error_rate", "error_rate", NOW - 20 + i * 5, 1.5 + i, ">", 1.0)
    for i in range(3)
)
ARMED = GuardStatus(mode="act", phase="armed", group="Immediate rollback")
COUNTDOWN = replace(
    ARMED,
    phase="countdown",
    trigger="rollback_error_rate",
    message="Error rate above 1%",
    evidence=EVIDENCE,
    deadline=NOW + 27,
    runs=("Disable feature flags",),
    needs_person=("Revert to previous deployment",),
)


def test_the_countdown_leads_with_the_key_then_the_evidence_and_the_group() -> None:
    lines, css = banner_lines(COUNTDOWN, NOW)
    assert css == "-countdown" and len(lines) == 2
    assert lines[0].startswith("⚠ AUTOMATIC ROLLBACK in 27s — press a to abort │ ")
    assert f"Error rate above 1%: 1.50 > 1 at {format_clock(NOW - 20)}" in lines[0]
    assert lines[0].endswith(f"3.50 > 1 at {format_clock(NOW - 10)}")
    assert lines[1] == (
        "runs Immediate rollback: Disable feature flags"
        " · needs a person: Revert to previous deployment"
    )
    assert header_mark(COUNTDOWN, NOW) == "AUTO-ROLLBACK IN 27s"
    dry = banner_lines(replace(COUNTDOWN, dry_run=True), NOW)[0][0]
    assert "(dry run: records, acts on nothing)" in dry
    advise = banner_lines(replace(COUNTDOWN, mode="advise"), NOW)[0][0]
    assert "(advise: it will not act)" in advise


def test_frozen_running_and_the_outcome() -> None:
    frozen = replace(ARMED, frozen="4 provider errors in a row (HTTP 429) on rollback_error_rate")
    assert banner_lines(frozen, NOW) == (
        [
            "✖ AUTOMATIC ROLLBACK FROZEN, it will not act: "
            "4 provider errors in a row (HTTP 429) on rollback_error_rate"
        ],
        "-frozen",
    )
    assert header_mark(frozen, NOW) == "AUTO-ROLLBACK FROZEN"
    acting = replace(COUNTDOWN, phase="acting", deadline=None)
    assert banner_lines(acting, NOW)[0] == [
        "⚙ AUTOMATIC ROLLBACK running Immediate rollback: Disable feature flags"
    ]
    ran = replace(acting, phase="stood-down", outcome="done: Disable feature flags")
    lines, css = banner_lines(ran, NOW)
    assert css == "-done" and lines[0].startswith("✔ AUTOMATIC ROLLBACK RAN, stood down — press A")
    assert header_mark(ran, NOW) == "AUTO-ROLLBACK RAN"
    failed = replace(ran, failed=True, outcome="failed: Disable feature flags (HTTP 500)")
    lines, css = banner_lines(failed, NOW)
    assert css == "-failed" and lines[0].startswith("✖ AUTOMATIC ROLLBACK FAILED, stood down")
    assert lines[0].endswith("│ Immediate rollback: failed: Disable feature flags (HTTP 500)")


def test_armed_blind_and_a_viewer_s_banner() -> None:
    assert banner_lines(ARMED, NOW) == (
        ["◉ automatic rollback ACT: Immediate rollback on a sustained trigger"],
        "-armed",
    )
    blind = replace(ARMED, blind=(("DB connection failures above 5%", "source is off"),))
    lines, css = banner_lines(blind, NOW)
    assert css == "-blind" and lines[0].endswith(
        " · BLIND: DB connection failures above 5% (source is off)"
    )
    viewer = replace(COUNTDOWN, holder="ops-1:4242:ab12", holding=False)
    assert banner_lines(viewer, NOW)[0][1].endswith(" · held by ops-1:4242:ab12")
    waiting = replace(ARMED, phase="waiting", holding=False, problem="store unreachable")
    lines, css = banner_lines(waiting, NOW)
    assert lines == ["◌ automatic rollback: waiting for the lease holder · ⚠ store unreachable"]
    assert css == "-blind" and header_mark(waiting, NOW) == "AUTO-ROLLBACK WAITING"


def test_the_countdown_and_freezing_ring_the_bell() -> None:
    assert bell_keys(None, NOW) == () and bell_keys(ARMED, NOW) == ()
    assert bell_keys(COUNTDOWN, NOW) == ("autorollback:countdown",)
    assert bell_keys(replace(ARMED, frozen="4 provider errors"), NOW) == ("autorollback:frozen",)
