"""A tile's rows: always exactly as wide and as tall as its content area, the label never runs
into the value, and a change repaints only the columns that moved."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len

from warroom.core.model import Status
from warroom.widgets.tile_rows import (
    BADGE,
    LABEL,
    VALUE,
    Layout,
    changed_span,
    fit,
    headline,
    tile_rows,
)

TEXT = st.text(st.sampled_from("abc XYZ 0.5%漢字▲✓—…"), max_size=40)


@given(
    label=TEXT,
    width=st.integers(1, 60),
    height=st.integers(1, 12),
    compact=st.booleans(),
    status=st.sampled_from(list(Status)),
)
def test_every_row_fills_the_content_area_exactly(
    label: str, width: int, height: int, compact: bool, status: Status
) -> None:
    rows = tile_rows(label, None, status, Layout(width, height, compact))
    assert len(rows) == height
    for row in rows:
        assert sum(cell_len(text) for text, _ in row) == width, row


@given(label=TEXT, value=TEXT, width=st.integers(12, 60))
def test_a_compact_label_keeps_a_gap_before_its_value(label: str, value: str, width: int) -> None:
    parts = headline(label, value, "▲ WARN", Layout(width, 1, True))
    names = [name for _, name in parts]
    assert sum(cell_len(text) for text, _ in parts) == width
    if LABEL in names:
        after_label = parts[names.index(LABEL) + 1]
        assert after_label == (" ", "")  # the gap
        shown = parts[names.index(LABEL)][0]
        assert shown.rstrip() == label.rstrip() or shown.endswith("…")
    assert names[-1] == BADGE


def test_a_wide_tile_puts_the_value_left_and_the_badge_right() -> None:
    parts = headline("Error rate", "0.05%", "✓ OK", Layout(20, 5, False))
    assert parts == [(fit("0.05%", 16), VALUE), ("✓ OK", BADGE)]


def test_spare_rows_centre_the_lines() -> None:
    assert Layout(20, 6, False).spark_rows == 4 and Layout(20, 6, False).top == 0
    assert Layout(20, 9, False).top == 1  # 6 rows used, 3 spare: one above
    assert Layout(20, 3, False).spark_rows == 1


def test_a_change_repaints_the_columns_that_moved() -> None:
    old = [("0.05%  ", VALUE), ("✓ OK", BADGE)]
    assert changed_span(old, old) is None
    assert changed_span(old, [("0.06%  ", VALUE), ("✓ OK", BADGE)]) == (3, 4)
    assert changed_span(old, [("0.05%  ", VALUE), ("▲ WARN", BADGE)]) == (0, 13)  # new shape
    assert changed_span(None, old) == (0, 11)
