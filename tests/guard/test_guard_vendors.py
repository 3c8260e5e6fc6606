"""`warroom guard` against the fake Datadog and the fake LaunchDarkly on 127.0.0.1: an
incident flips the flag off exactly once (one change in the flag service's log), the manual
step is left to a person; kill -9 during the countdown does nothing on restart."""

from __future__ import annotations

import time

from tests.guard.vendors import BREACH, HEALTHY, Rig, until


def test_an_incident_flips_the_flag_off_exactly_once(vendors: Rig) -> None:
    guard = vendors.start(countdown=2)
    until(lambda: any(d["kind"] == "evaluated" for d in guard.decisions()), 30, "first poll")
    vendors.error_rate(BREACH)
    tripped = guard.wait_for("tripped")
    assert len(tripped["evidence"]) == 3 and {e["value"] for e in tripped["evidence"]} == {BREACH}
    finished = guard.wait_for("finished", timeout=30)
    assert "done: Disable feature flags" in finished["message"]
    assert finished["message"].endswith("needs a person: Revert to previous deployment")
    time.sleep(4)  # the breach goes on: the guard stood down, it does not act again
    assert vendors.patches() == 1 and vendors.flag()["_version"] == 2
    assert vendors.flag()["environments"]["production"]["on"] is False
    assert guard.kinds().count("act") == 1
    assert guard.stop() == 0
    started = [r for r in vendors.audit() if r["event"] == "started"]
    assert [r["step"] for r in started] == ["disable_feature_flags"]
    assert started[0]["actor"] == "autorollback"
    assert started[0]["needs_person"] == ["Revert to previous deployment"]
    assert started[0]["shown"]["flags"]["profile-v2"]["on"] is True  # read before acting
    finished_record = next(r for r in vendors.audit() if r["event"] == "finished")
    assert finished_record["change"]["after"] == {"profile-v2": {"on": False, "pct": 50.0}}
    assert vendors.ld.token not in (vendors.tmp / "audit.jsonl").read_text()


def test_a_restart_after_the_run_stands_down_until_re_armed(vendors: Rig) -> None:
    guard = vendors.start(countdown=1)
    until(lambda: any(d["kind"] == "evaluated" for d in guard.decisions()), 30, "first poll")
    vendors.error_rate(BREACH)
    guard.wait_for("finished", timeout=30)
    assert guard.stop() == 0
    again = vendors.start(countdown=1)  # the breach goes on: it must not run the group again
    assert "stood down" in again.wait_for("resumed")["message"]
    time.sleep(4)
    assert again.kinds() == ["resumed"] and vendors.patches() == 1
    assert again.stop() == 0
    once = vendors.start("--once")
    assert once.proc.wait(timeout=30) == 2
    assert once.proc.stderr is not None and b"re-arm it first" in once.proc.stderr.read()
    rearm = vendors.start("--rearm")
    assert rearm.proc.wait(timeout=30) == 0
    assert vendors.audit()[-1]["decision"] == "rearmed"
    vendors.flag()["environments"]["production"]["on"] = True  # someone turned it back on
    armed = vendors.start(countdown=1)
    armed.wait_for("finished", timeout=30)  # armed again: a new run, a second change
    assert "resumed" not in armed.kinds() and vendors.patches() == 2
    assert armed.stop() == 0


def test_kill_9_during_the_countdown_does_nothing_on_restart(vendors: Rig) -> None:
    first = vendors.start(countdown=6)
    until(lambda: any(d["kind"] == "evaluated" for d in first.decisions()), 30, "first poll")
    vendors.error_rate(BREACH)
    tripped = first.wait_for("tripped")
    first.kill9()
    vendors.error_rate(HEALTHY)  # the incident is over by the time it is back
    second = vendors.start(countdown=6)
    restarted = time.time()
    until(lambda: any(d["kind"] == "evaluated" for d in second.decisions()), 30, "restart")
    time.sleep(max(0.0, tripped["at"] + 8 - time.time()))  # past the countdown it died in
    assert second.kinds() == [] and vendors.patches() == 0
    assert [r.get("decision") for r in vendors.audit()] == ["tripped"]  # the dead one's record
    vendors.error_rate(BREACH)  # a new breach: it needs a fresh run of its own to trip
    again = second.wait_for("tripped")
    assert all(e["ts"] > restarted for e in again["evidence"])
    assert second.stop() == 0
    assert vendors.patches() == 0  # stopped during its own countdown: nothing ran
