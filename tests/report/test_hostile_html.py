"""Every cell of the HTML report is escaped: a review whose every text (launch, criterion
label, group and evidence, KPI label, unit, status and on-target, checklist titles, items
and evidence, timeline kind and text, chart headings) is hostile renders with no tag, no
attribute and no control character that the report itself did not write."""

from __future__ import annotations

from dataclasses import dataclass, replace
from html.parser import HTMLParser

import pytest

from tests.hostile.corpus import CORPUS
from tests.report.conftest import Day
from warroom.core.checklists.review import phases_at
from warroom.core.checklists.state import PhaseView
from warroom.core.config import default_config
from warroom.core.history.events import Event
from warroom.core.history.reader import HistoryReader
from warroom.core.plan import MetricDef, Tab
from warroom.core.report import html
from warroom.core.report.data import MetricStats, Review, build_review
from warroom.core.runbook.audit import AuditLog

HTML_PAYLOADS = {
    "script": "<script>alert(1)</script>",
    "img_onerror": '<img src=x onerror="alert(1)">',
    "attribute_break": '" onmouseover="alert(1)" x="',
    "single_quote_break": "' onfocus='alert(1)",
    "close_cell": "</td></tr></table><h1>forged</h1>",
    "comment": "<!-- hidden --><b>bold</b>",
    "entity": "&lt;already escaped&gt; &amp; &#x3c;",
    "style_break": "</style><style>body{display:none}</style>",
    "svg": "<svg onload=alert(1)>",
}
PAYLOADS = {**HTML_PAYLOADS, **{k: v for k, v in CORPUS.items() if not k.startswith("long_")}}
# Everything the template itself writes; an injected tag or attribute would add to these.
TAGS = {"html", "head", "meta", "title", "style", "body", "div", "h1", "h2", "h3", "p"}
TAGS |= {"table", "tr", "th", "td", "svg", "rect", "line", "text", "polyline", "circle"}
ATTRIBUTES = {"lang", "charset", "id", "class", "xmlns", "viewbox", "role", "aria-label"}
ATTRIBUTES |= {"x", "y", "x1", "x2", "y1", "y2", "width", "height", "fill", "stroke"}
ATTRIBUTES |= {"stroke-width", "stroke-dasharray", "points", "text-anchor", "font-size"}
ATTRIBUTES |= {"cx", "cy", "r"}


@dataclass(frozen=True)
class HostileStats(MetricStats):
    """The stats with a hostile status and on-target text (normally computed)."""

    word: str = ""

    @property
    def status(self) -> str:
        return self.word

    @property
    def on_target(self) -> str:
        return self.word


class Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: set[str] = set()
        self.attributes: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self.attributes |= {name for name, _ in attrs}

    def handle_comment(self, data: str) -> None:
        self.tags.add("<!--")


@pytest.fixture(scope="module")
def full_review(launch_day: Day) -> Review:
    config = default_config()
    audit = AuditLog(launch_day.path.parent / "hostile-audit.jsonl", user="u", host="h")
    with HistoryReader(launch_day.path) as reader:
        phases = phases_at(config, reader, audit, launch_day.end)
        return build_review(config, reader, launch_day.start, launch_day.end, checklists=phases)


def hostile(review: Review, word: str) -> Review:
    def metric(m: MetricDef) -> MetricDef:
        return m.model_copy(update={"label": word, "unit": word})

    tabs: dict[Tab, list[MetricStats]] = {
        tab: [_hostile_stats(s, metric(s.metric), word) for s in stats]
        for tab, stats in review.tabs.items()
    }
    criteria = [
        replace(r, criterion=r.criterion.model_copy(update={"label": word, "group": word}),
                evidence=word)
        for r in review.criteria
    ]  # fmt: skip
    phases = tuple(
        PhaseView(p.phase, tuple(
            replace(v, checklist=v.checklist.model_copy(update={"title": word}),
                    item=v.item.model_copy(update={"text": word}), evidence=word)
            for v in p.items
        ))
        for p in review.checklists
    )  # fmt: skip
    # A few rows of each kind are enough to show each cell's escaping, and keep 60 renders quick.
    timeline = [
        Event(e.ts, word, word, {"state": word, "message": word}) for e in review.timeline[:5]
    ]
    charts = [(metric(m), points) for m, points in review.charts[:2]]
    return replace(review, launch=word, tabs=tabs, criteria=criteria, checklists=phases,
                   timeline=timeline, charts=charts)  # fmt: skip


def _hostile_stats(stats: MetricStats, metric: MetricDef, word: str) -> HostileStats:
    return HostileStats(
        metric, stats.samples, stats.last, stats.mean, stats.low, stats.high, stats.peak_at, word
    )


def test_the_review_fills_every_kind_of_cell(full_review: Review) -> None:
    assert full_review.criteria and full_review.timeline and full_review.checklists
    assert full_review.charts and all(full_review.tabs.values())


@pytest.mark.parametrize("name", sorted(PAYLOADS))
def test_every_cell_is_escaped(full_review: Review, name: str) -> None:
    word = PAYLOADS[name]
    page = html.render(hostile(full_review, word))
    parsed = Tags()
    parsed.feed(page)
    assert parsed.tags <= TAGS, parsed.tags - TAGS
    assert parsed.attributes <= ATTRIBUTES, parsed.attributes - ATTRIBUTES
    assert not [c for c in page if ord(c) < 0x20 and c != "\n"]
    if "<" in word or '"' in word:
        assert word not in page and ("&lt;" in page or "&#34;" in page)
