"""The day's success criteria, judged on a recorded simulated launch with known outcomes."""

from __future__ import annotations

from warroom.core.config import default_config
from warroom.core.report.data import Review
from warroom.core.rules import Verdict, compare
from warroom.sources.sim import scenario as sim_scenario

PLAN = default_config()
SEED = PLAN.sources.sim.seed


def verdicts(review: Review) -> dict[str, Verdict]:
    return {r.criterion.id: r.verdict for r in review.criteria}


def test_technical_criteria_reflect_the_two_hour_incident(review: Review) -> None:
    got = verdicts(review)
    # Two hours at up to 1.8 % errors: the day's mean error rate is ~0.19 %, above 0.1 %.
    assert got["error_rate_low"] is Verdict.NOT_MET
    # Downtime accrued during the incident takes uptime to ~99.82 %, under the 99.9 % SLA.
    assert got["uptime_sla"] is Verdict.NOT_MET
    # Page load peaked at ~5.8 s but averages ~1.7 s over the day: under 2 s.
    assert got["page_load_time"] is Verdict.MET
    # Criteria no metric can judge stay unknown.
    for human in ("core_features", "zero_data_loss", "no_security_breach"):
        assert got[human] is Verdict.UNKNOWN


def test_adoption_and_business_criteria_follow_the_seeded_outcomes(review: Review) -> None:
    got = verdicts(review)
    checked = 0
    for criterion in PLAN.criteria:
        if criterion.group not in ("adoption", "business") or criterion.metric is None:
            continue
        assert criterion.op is not None and criterion.threshold is not None
        metric = PLAN.metric(criterion.metric)
        if metric.target is None or criterion.metric == "satisfaction":
            continue
        final = sim_scenario.kpi_final(SEED, metric.id, metric.target)
        if abs(final - criterion.threshold) < 0.03 * abs(metric.target):
            continue  # too close to call with the simulation's jitter
        expected = compare(criterion.op, final, criterion.threshold)
        assert got[criterion.id] is (Verdict.MET if expected else Verdict.NOT_MET), criterion.id
        checked += 1
    assert checked >= 4
    assert got["user_satisfaction"] is Verdict.MET  # ~92 % once the incident is over
