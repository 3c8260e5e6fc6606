"""The daily review as Markdown: tables that paste into a doc, plotext charts as text."""

from __future__ import annotations

from warroom.core.plan import MetricDef
from warroom.core.report.common import (
    TAB_TITLE,
    TIMELINE_LIMIT,
    VERDICT_MARK,
    hours_axis,
    value,
    when,
    zone,
)
from warroom.core.report.data import Review, Series
from warroom.core.textsafe import inert

CHART_WIDTH = 78
CHART_HEIGHT = 14


def cell(text: str, limit: int = 160) -> str:
    """Untrusted text made inert and safe inside a Markdown table cell."""
    return inert(text, limit).replace("|", "\\|").replace("`", "'")


def render(review: Review) -> str:
    """Returns the whole report as one Markdown document."""
    out = [f"# Daily review — {cell(review.launch)}", ""]
    out.append(
        f"Window {when(review.start, True)} → {when(review.end, True)} {zone()}; "
        f"{review.polls} polls recorded."
    )
    out += ["", "## Success criteria", ""]
    out += ["| Criterion | Group | Verdict | Evidence |", "|---|---|---|---|"]
    for r in review.criteria:
        out.append(
            f"| {cell(r.criterion.label)} | {r.criterion.group} | {VERDICT_MARK[r.verdict]} "
            f"| {cell(r.evidence)} |"
        )
    for tab, stats in review.tabs.items():
        out += ["", f"## {TAB_TITLE[tab]}", ""]
        out += [
            "| KPI | Last | Mean | Min | Max | Target | Baseline | Status | On target |",
            "|---|---:|---:|---:|---:|---:|---:|---|---|",
        ]
        for s in stats:
            u = s.metric.unit
            out.append(
                f"| {cell(s.metric.label)} | {value(s.last, u)} | {value(s.mean, u)} "
                f"| {value(s.low, u)} | {value(s.high, u)} | {value(s.metric.target, u)} "
                f"| {value(s.metric.baseline, u)} | {s.status} | {s.on_target} |"
            )
    out += _checklists(review)
    out += ["", "## Timeline", ""]
    out += _timeline(review)
    out += ["", "## Charts", ""]
    for metric, points in review.charts:
        out += [f"### {cell(metric.label)} ({cell(metric.unit) or 'value'})", "", "```text"]
        out += [chart(metric, points, review.start), "```", ""]
    return "\n".join(out).rstrip() + "\n"


def _checklists(review: Review) -> list[str]:
    """Each phase's state at the end of the window, every item with its evidence."""
    out: list[str] = []
    for phase in review.checklists:
        state = "complete" if phase.complete else "not complete"
        out += ["", f"## Checklist: {phase.title} — {phase.done}/{phase.total}, {state}", ""]
        out += ["| List | Item | State | Evidence |", "|---|---|---|---|"]
        for checklist, items in phase.checklists():
            for view in items:
                out.append(
                    f"| {cell(checklist.title)} | {cell(view.item.text)} "
                    f"| {view.symbol} {view.state.value} | {cell(view.evidence, 240) or '—'} |"
                )
    return out


def _timeline(review: Review) -> list[str]:
    if not review.timeline:
        return ["No alerts, triggers, source failures or runbook actions in this window."]
    lines = ["| Time | Kind | What |", "|---|---|---|"]
    for event in review.timeline[:TIMELINE_LIMIT]:
        lines.append(f"| {when(event.ts, True)} | {event.kind} | {cell(event.text(), 200)} |")
    hidden = len(review.timeline) - TIMELINE_LIMIT
    if hidden > 0:
        lines += ["", f"… and {hidden} more events (see `warroom replay`)."]
    return lines


def chart(metric: MetricDef, points: Series, start: float) -> str:
    """A plotext line chart with the metric's warn and crit lines, colourless."""
    import plotext as plt  # only the report needs it; keeps `import core` light

    plt.clear_figure()
    plt.plotsize(CHART_WIDTH, CHART_HEIGHT)
    plt.theme("clear")
    plt.plot(hours_axis(points, start), [v for _, v in points], marker="braille")
    for threshold in (metric.warn, metric.crit):
        if threshold is not None:
            plt.hline(threshold)
    plt.xlabel(f"hours since {when(start)}")
    text: str = plt.uncolorize(plt.build())
    plt.clear_figure()
    return "\n".join(line.rstrip() for line in text.splitlines())
