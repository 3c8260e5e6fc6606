"""The built-in plan for each APM: Datadog's is `default_plan.toml` itself; another APM's is
that file with a small variant applied (`<apm>_plan.toml`, data in this package), so a change
to the default plan reaches every variant and the comments stay as written.

The variant rewrites whole metric blocks' `source` and `query` lines and inserts text at named
places; it never parses and re-serialises the TOML, which would lose the comments.
"""

from __future__ import annotations

import json
import re
import tomllib
from importlib import resources
from typing import Any

from warroom.core.config import default_plan_text

APMS = ("datadog", "newrelic")
DEFAULT_APM = "datadog"
_BLOCK = "[[metrics]]"
_ID = re.compile(r'^id\s*=\s*"([^"]+)"\s*$')


class VariantError(ValueError):
    """A variant names a metric or a line the default plan does not have (a packaging bug)."""


def plan_text(apm: str = DEFAULT_APM) -> str:
    """The commented TOML of the built-in plan for `apm`, as `warroom config init` writes it.

    Raises:
        ValueError: an APM not in `APMS`.
        VariantError: the variant no longer fits the default plan.
    """
    if apm not in APMS:
        raise ValueError(f"unknown APM {apm!r}; one of {', '.join(APMS)}")
    base = default_plan_text()
    if apm == DEFAULT_APM:
        return base
    name = f"{apm}_plan.toml"
    variant = tomllib.loads(resources.files("warroom.core").joinpath(name).read_text("utf-8"))
    return apply_variant(base, variant)


def apply_variant(base: str, variant: dict[str, Any]) -> str:
    """`base` with the variant's header, metric changes and insertions applied."""
    lines = base.splitlines()
    if "header" in variant:
        lines[:1] = str(variant["header"]).strip("\n").splitlines()
    for metric_id, change in variant.get("metrics", {}).items():
        start, end = _metric_block(lines, metric_id)
        lines[start:end] = _rewrite(lines[start:end], change)
    for insert in variant.get("insert", []):
        at = _insert_at(lines, insert)
        lines[at:at] = [*str(insert["text"]).strip("\n").splitlines(), ""]
    return "\n".join(lines) + "\n"


def _metric_block(lines: list[str], metric_id: str) -> tuple[int, int]:
    """[start, end) of the `[[metrics]]` block with `id = metric_id`, up to its last key."""
    for index, line in enumerate(lines):
        match = _ID.match(line)
        if match and match.group(1) == metric_id and index and lines[index - 1] == _BLOCK:
            end = index
            while end < len(lines) and lines[end].strip() and not lines[end].startswith("["):
                end += 1
            return index - 1, end
    raise VariantError(f"the default plan has no metric {metric_id!r}")


def _rewrite(block: list[str], change: dict[str, Any]) -> list[str]:
    """The block with its source and query (and the comment above the query) replaced."""
    out = [line for line in block if not line.startswith(("source =", "query ="))]
    query_at = next((i for i, line in enumerate(block) if line.startswith("query =")), None)
    if query_at is not None:  # the comment lines right above the old query go with it
        first = query_at
        while first > 0 and block[first - 1].startswith("#"):
            first -= 1
        out = [line for i, line in enumerate(block) if not first <= i <= query_at]
        out = [line for line in out if not line.startswith("source =")]
    at = next((i for i, line in enumerate(out) if line.startswith("note =")), len(out))
    added = [f"source = {json.dumps(change['source'])}"]
    if "comment" in change:
        added.append(f"# {change['comment']}")
    if "query" in change:
        added.append(f"query = {json.dumps(change['query'])}")
    return out[:at] + added + out[at:]


def _insert_at(lines: list[str], insert: dict[str, Any]) -> int:
    if "after_metric" in insert:
        return _metric_block(lines, str(insert["after_metric"]))[1] + 1
    wanted = str(insert["before_line"])
    found = [i for i, line in enumerate(lines) if line == wanted]
    if len(found) != 1:
        raise VariantError(f"the default plan has {len(found)} lines {wanted!r}, expected 1")
    return found[0]
