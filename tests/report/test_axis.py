"""Report charts: a wall-clock time axis that spans the data, and gaps left as gaps."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from tests.history.conftest import T0, record_launch
from warroom.core.config import default_config
from warroom.core.history.reader import HistoryReader
from warroom.core.report import html, markdown
from warroom.core.report.data import Review, build_review
from warroom.core.report.svg import LEFT, PAD, WIDTH

DAY = 86400.0
CLOCK = re.compile(r"^\d\d:\d\d$")


def twelve_minutes(path: Path, *, gap_after: int | None = None) -> tuple[float, float]:
    """Records 12 minutes at 5 s (with a 10-minute gap after `gap_after` polls when given).
    Returns the first and last poll times."""
    if gap_after is None:
        clock, _ = record_launch(path, polls=145, step=5.0)
        return T0, clock.now
    record_launch(path, polls=gap_after, step=5.0)
    clock, _ = record_launch(path, polls=145 - gap_after, step=5.0, start=T0 + 1200)
    return T0, clock.now


def review_of(path: Path, end: float) -> Review:
    with HistoryReader(path) as reader:
        return build_review(default_config(), reader, end - DAY, end)


def svg_of(page: str, label: str) -> str:
    found = re.search(rf'aria-label="{label}">(.*?)</svg>', page, re.S)
    assert found is not None
    return found.group(1)


def test_the_html_axis_spans_the_data_with_clock_ticks(tmp_path: Path) -> None:
    first, last = twelve_minutes(tmp_path / "h.sqlite3")
    chart = svg_of(html.render(review_of(tmp_path / "h.sqlite3", last)), "Error rate")
    (points,) = re.findall(r'<polyline[^>]*points="([^"]+)"', chart)
    xs = [float(pair.split(",")[0]) for pair in points.split()]
    assert xs[0] == pytest.approx(LEFT) and xs[-1] == pytest.approx(WIDTH - PAD)
    labels = re.findall(r'<text class="tick"[^>]*>([^<]+)</text>', chart)
    assert len(labels) >= 4 and all(CLOCK.match(label) for label in labels), labels
    minutes = {time.strftime("%H:%M", time.localtime(t)) for t in range(int(first), int(last) + 1)}
    assert set(labels) <= minutes  # every tick is a time of day inside the data


def test_the_markdown_axis_reads_clock_times_not_hours(tmp_path: Path) -> None:
    first, last = twelve_minutes(tmp_path / "h.sqlite3")
    text = markdown.render(review_of(tmp_path / "h.sqlite3", last))
    chart = re.search(r"### Error rate \(%\)\n\n```text\n(.*?)```", text, re.S)
    assert chart is not None
    lines = chart.group(1).splitlines()
    axis = lines[-2].split()  # the tick labels, above the axis title
    assert len(axis) >= 4 and all(CLOCK.match(label) for label in axis), lines[-3:]
    assert axis[0] >= time.strftime("%H:%M", time.localtime(first))
    assert axis[-1] <= time.strftime("%H:%M", time.localtime(last))
    assert "hours" not in text
    assert lines[-1].strip() == (
        f"local time, {time.strftime('%Y-%m-%d %H:%M:%S', time.localtime(first))} to "
        f"{time.strftime('%Y-%m-%d %H:%M:%S', time.localtime(last))}"
    )


def test_a_gap_in_the_data_is_a_gap_in_the_chart(tmp_path: Path) -> None:
    _, last = twelve_minutes(tmp_path / "h.sqlite3", gap_after=60)
    chart = svg_of(html.render(review_of(tmp_path / "h.sqlite3", last)), "Error rate")
    assert len(re.findall("<polyline", chart)) == 2
