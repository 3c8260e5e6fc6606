"""The JSON Schema of the config file, for editors (taplo, Even Better TOML): made from the
same pydantic models that validate the file, so the two cannot drift apart.

A user's file overlays the built-in plan (core/config_overlay.py), so an entry of a list
merged by id needs only its `id`: `[[metrics]] id = "error_rate" warn = 0.3` is a whole,
valid entry. The schema says so; everything else it takes from the models as they are.
`warroom config validate` still checks what a schema cannot (the merged plan, references
between entries, the theme's existence).
"""

from __future__ import annotations

from typing import Any

from warroom import __version__
from warroom.core.config import Config
from warroom.core.plan import Criterion, MetricDef, ThresholdRule, TrendRule, Trigger

DIALECT = "https://json-schema.org/draft/2020-12/schema"
MERGED_BY_ID = (MetricDef, ThresholdRule, TrendRule, Trigger, Criterion)


def config_schema() -> dict[str, Any]:
    """The schema as a JSON-ready dict.

    Raises:
        KeyError: a model merged by id is missing from the generated definitions (a bug).
    """
    schema = Config.model_json_schema()
    for model in MERGED_BY_ID:
        schema["$defs"][model.__name__]["required"] = ["id"]
    return {
        "$schema": DIALECT,
        **schema,
        "title": f"warroom {__version__} config file",
        "description": "A warroom.toml: overlays the built-in launch plan. See README, "
        "Configuration; `warroom config validate` checks the whole merged plan.",
    }
