"""The daily review as one self-contained HTML file: no network, no script, inline SVG charts."""

from __future__ import annotations

from html import escape

from warroom.core.report.common import (
    SIMULATED_NOTICE,
    TAB_TITLE,
    TIMELINE_LIMIT,
    VERDICT_MARK,
    value,
    when,
    zone,
)
from warroom.core.report.data import Review
from warroom.core.report.svg import line_chart
from warroom.core.rules import Verdict
from warroom.core.textsafe import inert

STYLE = """
body { font-family: system-ui, sans-serif; margin: 2em; color: #222; }
table { border-collapse: collapse; margin: 0.5em 0 1.5em; }
th, td { border: 1px solid #ccc; padding: 0.25em 0.6em; text-align: left; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.met { color: #176b2c; } .not-met { color: #b00020; font-weight: bold; } .unknown { color: #777; }
.done { color: #176b2c; } .failed { color: #b00020; font-weight: bold; } .open { color: #555; }
svg { max-width: 100%; height: auto; }
.simulated { border: 3px solid #b00020; color: #b00020; font-weight: bold; padding: 0.4em; }
#simulated-page { display: none; }
/* A fixed element is printed on every page: no printed page of a simulated review is bare. */
@media print { #simulated-page { display: block; position: fixed; top: 0; left: 0; right: 0; }
               body { margin-top: 3em; } }
"""
VERDICT_CLASS = {Verdict.MET: "met", Verdict.NOT_MET: "not-met", Verdict.UNKNOWN: "unknown"}


def text(raw: str, limit: int = 200) -> str:
    """Untrusted text made inert, then HTML-escaped."""
    return escape(inert(raw, limit))


def render(review: Review) -> str:
    """Returns the whole report as an HTML document. Over simulated data the notice is under
    the title and every section heading, and on every printed page."""
    page = _render(review)
    if not review.simulated:
        return page
    notice = f'<p class="simulated">{escape(SIMULATED_NOTICE)}</p>'
    fixed = f'<body><div id="simulated-page" class="simulated">{escape(SIMULATED_NOTICE)}</div>'
    page = page.replace("</h1>", "</h1>" + notice).replace("</h2>", "</h2>" + notice)
    return page.replace("<body>", fixed, 1)


def _render(review: Review) -> str:
    marked = " (SIMULATED)" if review.simulated else ""
    title = f"Daily review{marked} — {text(review.launch)}"
    out = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>{title}</title><style>{STYLE}</style></head><body>",
        f"<h1>{title}</h1>",
        f"<p>Window {when(review.start, True)} → {when(review.end, True)} {escape(zone())}; "
        f"{review.polls} polls recorded.</p>",
        "<h2>Success criteria</h2>",
        "<table><tr><th>Criterion</th><th>Group</th><th>Verdict</th><th>Evidence</th></tr>",
    ]
    for r in review.criteria:
        out.append(
            f'<tr id="criterion-{r.criterion.id}"><td>{text(r.criterion.label)}</td>'
            f"<td>{r.criterion.group}</td>"
            f'<td class="{VERDICT_CLASS[r.verdict]}">{VERDICT_MARK[r.verdict]}</td>'
            f"<td>{text(r.evidence)}</td></tr>"
        )
    out.append("</table>")
    for tab, stats in review.tabs.items():
        out.append(f"<h2>{TAB_TITLE[tab]}</h2><table><tr>")
        for head in ("KPI", "Last", "Mean", "Min", "Max", "Target", "Baseline", "Status"):
            out.append(f"<th>{head}</th>")
        out.append("<th>On target</th></tr>")
        for s in stats:
            u = s.metric.unit
            nums = (s.last, s.mean, s.low, s.high, s.metric.target, s.metric.baseline)
            cells = "".join(f'<td class="num">{escape(value(n, u))}</td>' for n in nums)
            out.append(
                f"<tr><td>{text(s.metric.label)}</td>{cells}<td>{s.status}</td>"
                f"<td>{s.on_target}</td></tr>"
            )
        out.append("</table>")
    out += _checklists(review)
    out.append("<h2>Timeline</h2>")
    if not review.timeline:
        out.append("<p>No alerts, triggers, source failures or runbook actions.</p>")
    else:
        out.append("<table><tr><th>Time</th><th>Kind</th><th>What</th></tr>")
        for event in review.timeline[:TIMELINE_LIMIT]:
            out.append(
                f"<tr><td>{when(event.ts, True)}</td><td>{escape(event.kind)}</td>"
                f"<td>{text(event.text())}</td></tr>"
            )
        out.append("</table>")
    out.append(f"<h2>Charts</h2><p>Times of day are local, {escape(zone())}.</p>")
    for metric, points in review.charts:
        out.append(f"<h3>{text(metric.label)} ({text(metric.unit) or 'value'})</h3>")
        out.append(line_chart(metric, points))
    out.append("</body></html>")
    return "\n".join(out) + "\n"


def _checklists(review: Review) -> list[str]:
    """Each phase's state at the end of the window, every item with its evidence."""
    out: list[str] = []
    for phase in review.checklists:
        state = "complete" if phase.complete else "not complete"
        out.append(
            f"<h2>Checklist: {escape(phase.title)} — {phase.done}/{phase.total}, {state}</h2>"
        )
        out.append("<table><tr><th>List</th><th>Item</th><th>State</th><th>Evidence</th></tr>")
        for checklist, items in phase.checklists():
            for view in items:
                out.append(
                    f'<tr id="item-{view.item.id}"><td>{text(checklist.title)}</td>'
                    f"<td>{text(view.item.text)}</td>"
                    f'<td class="{view.state.value}">{view.symbol} {view.state.value}</td>'
                    f"<td>{text(view.evidence, 240) or '—'}</td></tr>"
                )
        out.append("</table>")
    return out
