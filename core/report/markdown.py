"""The daily review as Markdown: tables that paste into a doc, plotext charts as text."""

from __future__ import annotations

from warroom.core.chart.gaps import runs
from warroom.core.chart.timeaxis import fit_times, time_ticks
from warroom.core.plan import MetricDef
from warroom.core.report.common import (
    SIMULATED_NOTICE,
    TAB_TITLE,
    TIMELINE_LIMIT,
    VERDICT_MARK,
    value,
    when,
    zone,
)
from warroom.core.report.data import Review, Series
from warroom.core.textsafe import inert

CHART_WIDTH = 78
CHART_HEIGHT = 14
CHART_TICKS = 6


def cell(text: str, limit: int = 160) -> str:
    """Untrusted text made inert and safe inside a Markdown table cell."""
    return inert(text, limit).replace("|", "\\|").replace("`", "'")


def render(review: Review) -> str:
    """Returns the whole report as one Markdown document. Over simulated data, the notice is
    under the title and under every section heading, and ends the document, so that no page
    of a printout or excerpt pasted into a doc can pass for a real launch."""
    out = _render(review)
    if review.simulated:
        out = _noticed(out)
    return "\n".join(out).rstrip() + "\n"


def _noticed(lines: list[str]) -> list[str]:
    notice = f"> **{SIMULATED_NOTICE}**"
    out: list[str] = []
    for line in lines:
        out.append(line)
        if line.startswith(("# ", "## ")):
            out += ["", notice]
    return [*out, "", notice]


def _render(review: Review) -> list[str]:
    title = "Daily review (SIMULATED)" if review.simulated else "Daily review"
    out = [f"# {title} — {cell(review.launch)}", ""]
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
        out += [chart(metric, points), "```", ""]
    return out


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


def chart(metric: MetricDef, points: Series) -> str:
    """A plotext line chart of `points` (at least one) with the metric's labelled warn and crit
    lines and a wall-clock time axis spanning the data, colourless."""
    import plotext as plt  # only the report needs it; keeps `import core` light

    start, end = fit_times([ts for ts, _ in points])
    plt.clear_figure()
    plt.plotsize(CHART_WIDTH, CHART_HEIGHT)
    plt.theme("clear")
    for run in runs(points):  # one line per run: a gap in the data stays a gap
        plt.plot([ts - start for ts, _ in run], [v for _, v in run], marker="braille")
    for name in ("warn", "crit"):
        threshold: float | None = getattr(metric, name)
        if threshold is not None:
            plt.hline(threshold)
            label = f"{name} {value(threshold, metric.unit)}"
            plt.text(label, x=0, y=threshold, alignment="left")
    ticks = time_ticks(start, end, CHART_TICKS)
    plt.xlim(0, end - start)
    plt.xticks([t.ts - start for t in ticks], [t.label for t in ticks])
    plt.xlabel(f"local time, {when(start, True)} to {when(end, True)}")
    text: str = plt.uncolorize(plt.build())
    plt.clear_figure()
    return "\n".join(line.rstrip() for line in text.splitlines())
