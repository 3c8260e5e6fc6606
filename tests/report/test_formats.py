"""Markdown and HTML reports of the recorded launch day: tables, criteria, timeline, charts."""

from __future__ import annotations

import re
from dataclasses import replace
from html.parser import HTMLParser

from warroom.core.report import html, markdown
from warroom.core.report.data import Review


def test_markdown_report(review: Review) -> None:
    text = markdown.render(review)
    assert text.startswith("# Daily review (SIMULATED) — Profile Enhancement launch")
    assert "1440 polls recorded" in text
    row = next(line for line in text.splitlines() if line.startswith("| Error rate < 0.1%"))
    assert "✖ not met" in row and "mean 0.1" in row
    row = next(line for line in text.splitlines() if line.startswith("| Page load times < 2"))
    assert "✔ met" in row
    for tab in ("## Executive", "## Engineering", "## Product", "## Support"):
        assert tab in text
    kpi = next(line for line in text.splitlines() if line.startswith("| Profile completion |"))
    assert "| 85% |" in kpi and "| 65% |" in kpi  # target and baseline columns
    assert "trigger rollback_error_rate raised: Error rate above 1%" in text
    assert "runbook finished revert_deployment by ana@bastion (ok)" in text
    charts = re.findall(r"```text\n(.*?)```", text, re.S)
    assert len(charts) >= 5
    assert all("\x1b" not in c for c in charts)  # plain text, no terminal colour codes
    assert any("⠁" in c or "⣀" in c or "⠉" in c for c in charts)  # a braille line was drawn


class Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.rows: dict[str, str] = {}
        self._row: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        ident = dict(attrs).get("id") or ""
        if tag == "tr" and ident.startswith("criterion-"):
            self._row = ident.removeprefix("criterion-")
            self.rows[self._row] = ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "tr":
            self._row = None

    def handle_data(self, data: str) -> None:
        if self._row:
            self.rows[self._row] += data


def test_html_report_is_self_contained_with_svg_charts(review: Review) -> None:
    page = html.render(review)
    parsed = Collect()
    parsed.feed(page)
    assert "script" not in parsed.tags and "http://" not in page.replace(
        "http://www.w3.org/2000/svg", ""
    )
    assert parsed.tags.count("svg") >= 5 and parsed.tags.count("polyline") >= 5
    assert "✖ not met" in parsed.rows["uptime_sla"]
    assert "✔ met" in parsed.rows["page_load_time"]
    assert "? unknown" in parsed.rows["zero_data_loss"]
    assert 'class="crit"' in page  # threshold lines drawn


def test_hostile_text_is_escaped(review: Review) -> None:
    review = replace(review, launch="<script>x</script>|\x1b[2J")
    page = html.render(review)
    assert "<script>" not in page and "&lt;script&gt;" in page and "\x1b" not in page
    text = markdown.render(review)
    assert "\x1b" not in text
