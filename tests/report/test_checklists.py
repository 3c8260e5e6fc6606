"""The daily review carries each checklist phase's state with its evidence, judged at the end
of the window: automatic items from the recorded day, manual ticks as of that moment."""

from __future__ import annotations

from tests.history.conftest import T0
from tests.report.conftest import Day
from warroom.core.checklists.review import phases_at
from warroom.core.checklists.state import ItemState
from warroom.core.config import default_config
from warroom.core.history.reader import HistoryReader
from warroom.core.report import html, markdown
from warroom.core.report.data import build_review
from warroom.core.runbook.audit import AuditLog


def test_each_phase_with_its_evidence_in_both_formats(launch_day: Day) -> None:
    config = default_config()
    audit = AuditLog(launch_day.path.parent / "checklist-audit.jsonl", user="ana", host="bastion",
                     clock=lambda: T0 + 3600)  # fmt: skip
    audit.append("ticked", checklist="deployment_day", item="final_smoke_tests",
                 title="Final smoke tests", note="all green", demo=True)  # fmt: skip
    late = AuditLog(audit.path, user="bo", host="laptop", clock=lambda: launch_day.end + 60)
    late.append("ticked", checklist="post_deployment", item="document_issues", demo=True)
    with HistoryReader(launch_day.path) as reader:
        phases = phases_at(config, reader, audit, launch_day.end)
        review = build_review(config, reader, launch_day.start, launch_day.end, checklists=phases)
    views = {v.item.id: v for p in phases for v in p.items}
    assert views["final_smoke_tests"].state is ItemState.DONE
    assert views["document_issues"].state is ItemState.OPEN  # ticked after the window ended
    monitored = views["monitor_24_hours"]
    # One poll a minute for the whole day: a first poll within the gap limit of the window's
    # start covers it from the start.
    assert (monitored.state, monitored.evidence) == (
        ItemState.DONE,
        "24 h monitored, no gap over 10 min",
    )
    assert views["monitoring_systems_ready"].state is ItemState.DONE
    assert views["monitoring_systems_ready"].evidence == "answering: sim"
    text = markdown.render(review)
    assert "## Checklist: Deployment day — 3/12, not complete" in text
    assert "| Deployment Day | Final smoke tests | ✓ done | ticked by ana@bastion" in text
    assert "all green |" in text
    assert (
        "| Post-Deployment | Monitor for 24 hours minimum | ✓ done | 24 h monitored, no gap" in text
    )
    page = html.render(review)
    assert '<tr id="item-final_smoke_tests"><td>Deployment Day</td>' in page
    assert '<td class="done">✓ done</td>' in page
