"""The vendors of the fault matrix, one row each (see tests/faults/harness.py)."""

from __future__ import annotations

from tests.faults import (
    vendor_atlas,
    vendor_datadog,
    vendor_launchdarkly,
    vendor_newrelic,
    vendor_sentry,
    vendor_unleash,
)
from tests.faults.harness import Harness

HARNESSES: tuple[Harness, ...] = (
    vendor_datadog.HARNESS,
    vendor_sentry.HARNESS,
    vendor_atlas.HARNESS,
    vendor_newrelic.HARNESS,
    vendor_launchdarkly.HARNESS,
    vendor_unleash.HARNESS,
)
CELLS = [(h, fault) for h in HARNESSES for fault in h.faults]
