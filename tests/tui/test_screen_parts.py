"""The screen's pure parts: tall sparklines, the grid's shape, the big font, the bell policy,
the trigger banner's text."""

from __future__ import annotations

from dataclasses import replace

from tests.tui.test_snapshots import T0
from warroom.core.config import default_config
from warroom.core.dashboard import Dashboard
from warroom.core.frame import FrameRequest, MetricView
from warroom.core.model import Alert, Priority, Status
from warroom.tui.bell import BellPolicy, wanted
from warroom.widgets.banners import trigger_text
from warroom.widgets.big_text import GLYPHS, big_rows, big_width
from warroom.widgets.sparkline import BLOCKS, spark, spark_rows
from warroom.widgets.status import badge
from warroom.widgets.tile import value_text
from warroom.widgets.tile_grid import TILE_MIN_HEIGHT, grid_shape
from warroom.widgets.trigger_input import verdict


def test_spark_rows_keep_the_one_line_shape_in_finer_steps() -> None:
    values = [0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0]
    line = spark(values, 10)
    assert spark_rows(values, 10, 1) == [line]
    tall = spark_rows(values, 10, 2)
    assert len(tall) == 2 and all(len(row) == 10 for row in tall)
    assert tall[0][:2] == "  " and tall[1][:2] == "  "  # padding stays blank
    # The lowest value fills one sixteenth of the two rows, the highest both rows, and the
    # blocks never go down as the values go up.
    assert tall[1][2] == BLOCKS[0] and tall[0][2] == " "
    assert tall[1][-1] == "█" and tall[0][-1] == "█"

    def eighths(cell: str) -> int:
        return BLOCKS.find(cell) + 1  # 0 for a blank cell

    heights = [eighths(top) + eighths(bottom) for top, bottom in zip(*tall, strict=True)][2:]
    assert heights == sorted(heights) and len(set(heights)) == len(values)


def test_grid_shape_sets_columns_and_the_height_below_which_the_tab_scrolls() -> None:
    assert grid_shape(9, 120, compact=False) == (4, 3 * TILE_MIN_HEIGHT)
    assert grid_shape(22, 120, compact=False) == (4, 6 * TILE_MIN_HEIGHT)
    assert grid_shape(6, 80, compact=False) == (3, 2 * TILE_MIN_HEIGHT)
    assert grid_shape(9, 80, compact=True) == (2, 5)


def test_big_font_keeps_unknown_characters_visible() -> None:
    top, middle, bottom = big_rows("✖ OK")
    assert len(top) == len(middle) == len(bottom) == big_width("✖ OK")
    assert big_rows("?")[1] == "?"  # not in the font: drawn as itself, never dropped
    for status in Status:  # every room status has its symbol and word in the font
        word = badge(status)
        assert all(c in GLYPHS for c in word.upper()), word


def test_bell_rings_once_per_trigger_or_high_alert_as_it_starts() -> None:
    config = default_config()
    frame = Dashboard(config, {}, {}, lambda: T0).frame(FrameRequest(), T0)
    trigger = Alert("rollback_error_rate", Priority.HIGH, "error_rate", "Error rate above 1%")
    high = Alert("error_rate_high", Priority.HIGH, "error_rate", "Error rate above 0.5%")
    medium = Alert("page_load_medium", Priority.MEDIUM, "page_load", "Page load above 2 s")
    policy = BellPolicy()
    assert policy.started(frame) == []
    assert policy.started(replace(frame, alerts=(medium,))) == []  # medium alerts never ring
    both = replace(frame, triggers=(trigger,), alerts=(high, medium))
    assert policy.started(both) == ["alert:error_rate_high", "trigger:rollback_error_rate"]
    assert policy.started(both) == []  # a redraw of the same moment
    assert policy.started(frame) == []  # cleared
    assert policy.started(both) == ["alert:error_rate_high", "trigger:rollback_error_rate"]
    assert wanted(None, wall_shown=True) and not wanted(None, wall_shown=False)
    assert wanted(True, wall_shown=False) and not wanted(False, wall_shown=True)


def test_trigger_text_shows_every_trigger_with_its_value_and_the_key_only_if_any() -> None:
    triggers = [
        Alert("a", Priority.HIGH, "error_rate", "Error rate above 1%", value=1.31, since=T0),
        Alert("b", Priority.HIGH, "api_response", "API response above 2 s", value=2602.0),
    ]
    units = {"error_rate": "%", "api_response": "ms"}
    text = trigger_text(triggers, units, "r").plain
    assert "press r for the runbook" in text
    assert "Error rate above 1% (now 1.31%)" in text
    assert "API response above 2 s (now 2,602 ms)" in text
    assert "press" not in trigger_text(triggers, units, None).plain
    assert trigger_text([], units, "r").plain == ""


def test_a_metric_problem_takes_the_value_s_place_on_tiles_and_the_wall() -> None:
    config = default_config()
    metric = config.metric("api_response")
    trigger = next(t for t in config.triggers if t.metric == "api_response")
    view = MetricView(metric, 2.6, 1.0, Status.NO_DATA, (), "datadog", False, "unit s, plan ms")
    assert value_text(view) == "⚠ unit s, plan ms"
    assert verdict(view, trigger, firing=False) == "⚠ unit s, plan ms · trigger > 2,000 ms"
    fine = replace(view, problem=None, status=Status.OK, value=420.0)
    assert value_text(fine) == "420 ms"
    assert verdict(fine, trigger, firing=False) == "✓ OK · trigger > 2,000 ms"
    assert verdict(fine, trigger, firing=False, blind="stale").startswith("◷ BLIND: stale")
    assert verdict(fine, trigger, firing=True).startswith("✖ FIRING")
