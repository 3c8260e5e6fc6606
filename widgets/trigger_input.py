"""One rollback-trigger input on the wall: its value in big digits, against the threshold,
over its recent trend where the cell has rows to spare.

The border is the metric's status colour (heavy when the trigger fires), and the verdict line
says it in a symbol and words too, so the state never depends on colour.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical

from warroom.core.format import format_age, format_value
from warroom.core.frame import MetricView
from warroom.core.model import Status
from warroom.core.plan import Trigger
from warroom.core.textsafe import inert
from warroom.widgets.big_number import BigNumber
from warroom.widgets.line import Line
from warroom.widgets.spark_area import SparkArea
from warroom.widgets.status import CSS_CLASS, badge

NO_VALUE = "--"
"""What the digits show before the first reading (Digits has no dash of its own width)."""


def threshold_text(trigger: Trigger, unit: str) -> str:
    """`> 1%`, `> 2,000 ms`: the trigger's condition in the metric's unit."""
    return f"{trigger.op} {format_value(trigger.threshold, unit)}"


def verdict(view: MetricView, trigger: Trigger, firing: bool, blind: str | None = None) -> str:
    """`✖ FIRING · trigger > 1%` while it fires, else `✓ OK · trigger > 1%`; a stale value
    says how old it is; a trigger that cannot see its input says `◷ BLIND` and why, a
    per-metric problem (a unit mismatch, a failed query) gives its reason."""
    condition = threshold_text(trigger, view.metric.unit)
    if view.problem:
        return f"⚠ {inert(view.problem, 80)} · trigger {condition}"
    if blind and not firing:
        return f"◷ BLIND: {inert(blind, 40)} · trigger {condition}"
    state = "✖ FIRING" if firing else badge(view.status)
    text = f"{state} · trigger {condition}"
    if view.status is Status.STALE:
        text += f" · {format_age(view.age)} old"
    return text


class TriggerInput(Vertical):
    SCOPED_CSS = False
    DEFAULT_CSS = """
    TriggerInput {
        height: 1fr; min-height: 6; padding: 0 1; align-vertical: middle;
        border: round $success; border-title-color: $foreground; border-title-style: bold;
    }
    TriggerInput.-warn { border: round $warning; }
    TriggerInput.-crit { border: round $error; }
    TriggerInput.-stale, TriggerInput.-nodata { border: round $foreground-darken-3; }
    TriggerInput.-firing { border: heavy $error; }
    TriggerInput.-blind { border: heavy $warning; }
    TriggerInput.-blind .verdict { background: $warning; color: $text; text-style: bold; }
    TriggerInput > Horizontal { height: 3; width: 1fr; align-horizontal: center; }
    TriggerInput BigNumber { text-style: bold; color: $foreground; }
    TriggerInput .unit { width: auto; height: 3; content-align: left bottom; margin-left: 1; }
    TriggerInput .verdict { width: 1fr; text-align: center; text-wrap: nowrap;
                            text-overflow: ellipsis; }
    TriggerInput.-firing .verdict { background: $error; color: $text; text-style: bold; }
    TriggerInput.-warn .verdict { color: $warning; text-style: bold; }
    TriggerInput SparkArea { height: 1fr; max-height: 6; min-height: 0; margin-top: 1;
                             color: $success; }
    TriggerInput.-warn SparkArea { color: $warning; }
    TriggerInput.-crit SparkArea { color: $error; }
    TriggerInput.-stale SparkArea, TriggerInput.-nodata SparkArea { color: $foreground-darken-3; }
    """

    def __init__(self, trigger: Trigger, label: str) -> None:
        super().__init__(id=f"input-{trigger.metric}", classes=CSS_CLASS[Status.NO_DATA])
        self.trigger = trigger
        self.border_title = label
        self._status = Status.NO_DATA
        self._number = BigNumber()
        self._unit = Line("", classes="unit")
        self._verdict = Line("· NO DATA", classes="verdict")
        self._spark = SparkArea()

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield self._number
            yield self._unit
        yield self._verdict
        yield self._spark

    @property
    def number(self) -> str:
        """What the big digits show now."""
        return self._number.text

    @property
    def verdict_text(self) -> str:
        return self._verdict.text

    def show(self, view: MetricView, firing: bool, blind: str | None = None) -> None:
        """Draws `view` (`blind`: why its trigger cannot see it, if so); only the digits and
        lines that changed are re-sent."""
        if view.status is not self._status:
            self.remove_class(CSS_CLASS[self._status], update=False)  # one restyle, not two
            self.add_class(CSS_CLASS[view.status])
            self._status = view.status
        self.set_class(firing, "-firing")
        self.set_class(bool(blind or view.problem) and not firing, "-blind")
        number = NO_VALUE if view.problem else format_value(view.value)
        self._number.show(NO_VALUE if number == "—" else number)
        self._unit.set_text(view.metric.unit)
        self._verdict.set_text(verdict(view, self.trigger, firing, blind))
        self._spark.show(view.history, view.metric)
