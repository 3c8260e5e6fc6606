"""The daily review as one self-contained HTML file: no network, no script, inline SVG charts.

Rendered by Jinja2 from `templates/review.html` (package data, read through
importlib.resources) with autoescaping on, so every cell is escaped without each one having
to remember to be. Text from the history, the plan or a vendor first goes through `inert`, as
on the screen: control characters and bidi overrides become visible escapes.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

from jinja2 import Environment, FunctionLoader, StrictUndefined
from markupsafe import Markup

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
from warroom.core.report.svg import line_chart
from warroom.core.rules import Verdict
from warroom.core.textsafe import inert

TEMPLATE = "review.html"
VERDICT_CLASS = {Verdict.MET: "met", Verdict.NOT_MET: "not-met", Verdict.UNKNOWN: "unknown"}


def render(review: Review) -> str:
    """Returns the whole report as an HTML document. Over simulated data the notice is under
    the title and every section heading, and on every printed page."""
    template = _environment().get_template(TEMPLATE)
    page = template.render(
        review=review,
        notice=SIMULATED_NOTICE,
        zone=zone(),
        tab_title=TAB_TITLE,
        verdict_class=VERDICT_CLASS,
        verdict_mark=VERDICT_MARK,
        timeline_limit=TIMELINE_LIMIT,
        chart=_chart,
    )
    return page + "\n"


@cache
def _environment() -> Environment:
    env = Environment(
        loader=FunctionLoader(_template_text),
        autoescape=True,
        undefined=StrictUndefined,  # a misspelt name fails the render, never prints nothing
        keep_trailing_newline=False,
    )
    env.filters["inert"] = _inert
    env.filters["when"] = lambda ts: when(ts, True)
    env.filters["value"] = lambda number, unit: inert(value(number, unit))  # units are plan text
    return env


def _template_text(name: str) -> str:
    return resources.files("warroom.core.report").joinpath("templates", name).read_text("utf-8")


def _inert(raw: object, limit: int = 200) -> str:
    return inert(str(raw), limit)


def _chart(metric: MetricDef, points: Series) -> Markup:
    # svg.py escapes every text it puts in the drawing; the markup itself is ours.
    return Markup(line_chart(metric, points))  # noqa: S704
