"""The default plan carries every checklist item of the seed plan, worded as the plan words it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from warroom.core.config import default_config

SEED_PLAN = Path(__file__).resolve().parents[2].parent / "shared" / "seed" / "deployment-plan.md"

# The seed's Testing, Release and Deployment checklists: list title -> its items, in order.
SEED: dict[str, list[str]] = {
    "Load Testing": [
        "Test with 1000+ concurrent users",
        "Validate database performance under load",
        "Monitor API response times",
        "Check memory usage and CPU performance",
    ],
    "Integration Testing": [
        "Verify all profile components work together",
        "Test tab navigation across all sections",
        "Validate trading system integration",
        "Check battle arena connectivity",
        "Test wishlist and collection sync",
    ],
    "Security Testing": [
        "Penetration testing for profile data",
        "Authentication flow validation",
        "Input sanitization testing",
        "XSS and CSRF protection verification",
    ],
    "Performance Benchmarking": [
        "Page load time < 2 seconds",
        "Component render time < 100ms",
        "API response time < 500ms",
        "Bundle size optimization",
    ],
    "Final Testing": [
        "Smoke tests on production environment",
        "Database migration verification",
        "CDN and asset optimization",
        "Monitoring system configuration",
    ],
    "Launch Preparation": [
        "Support team training",
        "Documentation updates",
        "User communication plan",
        "Rollback procedures ready",
    ],
    "Go-Live": [
        "Deploy to 100% of users",
        "Real-time monitoring",
        "Support team on standby",
        "Performance tracking",
    ],
    "Pre-Deployment": [
        "All tests passing (unit, integration, e2e)",
        "Performance benchmarks met",
        "Security audit completed",
        "Database migrations tested",
        "Feature flags configured",
        "Monitoring systems ready",
        "Support team trained",
        "Rollback procedures tested",
    ],
    "Deployment Day": [
        "Final smoke tests",
        "Database backup completed",
        "Deploy to staging for final verification",
        "Deploy to production",
        "Verify all systems operational",
        "Enable feature flags gradually",
        "Monitor dashboards continuously",
        "Support team active",
    ],
    "Post-Deployment": [
        "Verify all metrics within targets",
        "Collect user feedback",
        "Monitor for 24 hours minimum",
        "Document any issues",
        "Plan follow-up improvements",
        "Schedule retrospective meeting",
    ],
}
PHASE_OF = {
    "Load Testing": "testing",
    "Integration Testing": "testing",
    "Security Testing": "testing",
    "Performance Benchmarking": "testing",
    "Final Testing": "pre",
    "Launch Preparation": "pre",
    "Pre-Deployment": "pre",
    "Go-Live": "day",
    "Deployment Day": "day",
    "Post-Deployment": "post",
}


def test_default_plan_carries_every_seed_checklist_item_worded_as_the_plan() -> None:
    plan = {c.title: [i.text for i in c.items] for c in default_config().checklists}
    assert plan == SEED


def test_each_list_is_in_its_phase() -> None:
    assert {c.title: c.phase for c in default_config().checklists} == PHASE_OF


def seed_checklists(text: str) -> dict[str, list[str]]:
    """Parses the seed's three checklist sections: bold boxes with bullets under them (Testing,
    Release) and `###` headings with boxes under them (Deployment)."""
    found: dict[str, list[str]] = {}
    section, current = "", ""
    for line in text.splitlines():
        heading = re.match(r"^#{2,4} (?:\W+ )?(.+?)\s*$", line)
        if heading:
            section = heading.group(1)
            current = (
                section
                if section in ("Pre-Deployment", "Deployment Day", "Post-Deployment")
                else ""
            )
            continue
        box = re.match(r"^- \[ \] \*\*(.+)\*\*$", line)
        if box and section in ("Testing Checklist", "Release Checklist"):
            current = box.group(1)
            continue
        item = re.match(r"^(?:  - |- \[ \] )(.+)$", line)
        if item and current:
            found.setdefault(current, []).append(item.group(1).strip())
    return found


def test_the_seed_list_above_is_the_seed_plan() -> None:
    if not SEED_PLAN.is_file():
        pytest.skip(f"seed plan not found at {SEED_PLAN}")
    assert seed_checklists(SEED_PLAN.read_text(encoding="utf-8")) == SEED
