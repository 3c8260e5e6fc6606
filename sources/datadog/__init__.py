"""Datadog: the plan's metrics in one batched formula query, monitors, and runbook events."""

from warroom.sources.datadog.source import create

__all__ = ["create"]
