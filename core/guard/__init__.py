"""The guarded automatic rollback: the plan's automated rollback triggers, acted on at most
once per war room (see docs/autorollback.md)."""

from warroom.core.guard.config import GuardConfig, TriggerOverride
from warroom.core.guard.engine import Decision, Guard, GuardView, Phase
from warroom.core.guard.rule import Evaluation, Evidence, Observation, Rule, Track

__all__ = [
    "Decision",
    "Evaluation",
    "Evidence",
    "Guard",
    "GuardConfig",
    "GuardView",
    "Observation",
    "Phase",
    "Rule",
    "Track",
    "TriggerOverride",
]
