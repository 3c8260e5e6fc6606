"""Settings of the MongoDB adapter. The URI comes from MONGODB_URI or here (no password here).

KPI pipelines are named read-only aggregation pipelines::

    [sources.mongo.pipelines.profile_completion]
    collection = "profiles"
    pipeline = [{ "$group" = { ... } }, { "$project" = { "_id" = 0, "value" = ... } }]

Each must end in one document whose `value` field is the number. Write stages are rejected
when the config is loaded, wherever they hide (inside `$facet`, `$lookup`, `$unionWith`).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from pydantic import Field, field_validator

from warroom.core.settings.common import PollSettings, Seconds, StrictModel

WRITE_STAGES = frozenset({"$out", "$merge"})


def write_stages(node: Any, path: str = "pipeline") -> list[str]:
    """Returns the paths of every `$out` / `$merge` key anywhere inside `node` (recursive)."""
    found: list[str] = []
    if isinstance(node, dict):
        for key, value in node.items():
            here = f"{path}.{key}"
            if key in WRITE_STAGES:
                found.append(here)
            found += write_stages(value, here)
    elif isinstance(node, list):
        for index, item in enumerate(node):
            found += write_stages(item, f"{path}[{index}]")
    return found


class PipelineSettings(StrictModel):
    """One KPI: an aggregation over an application collection that yields one number."""

    collection: str = Field(min_length=1)
    pipeline: list[dict[str, Any]] = Field(min_length=1)
    database: str | None = Field(default=None, description="defaults to sources.mongo.database")
    field: str = Field(default="value", min_length=1, description="output field with the number")
    empty: float | None = Field(
        default=None, description="value when no document comes out (0 for counts); else a gap"
    )

    @field_validator("pipeline")
    @classmethod
    def _read_only(cls, pipeline: list[dict[str, Any]]) -> list[dict[str, Any]]:
        bad = write_stages(pipeline)
        if bad:
            raise ValueError(
                f"write stage not allowed in a KPI pipeline ({', '.join(bad)}): "
                "warroom only reads, remove $out / $merge"
            )
        for index, stage in enumerate(pipeline):
            if len(stage) != 1:
                raise ValueError(f"stage {index} must have exactly one operator key")
        return pipeline


class MongoSettings(PollSettings):
    interval: Seconds = 15.0
    uri: str | None = Field(default=None, description="without password; else MONGODB_URI")
    database: str = "app"
    slow_op_seconds: float = Field(default=5.0, gt=0)
    app_name: str = "warroom"
    server_selection_timeout: Seconds = Field(default=2.0, description="seconds")
    connect_timeout: Seconds = Field(default=2.0, description="seconds")
    socket_timeout: Seconds = Field(default=5.0, description="seconds")
    pipeline_max_time_ms: int = Field(
        default=3000, ge=100, le=600_000, description="maxTimeMS per KPI"
    )
    probe_window: Seconds = Field(default=300.0, description="seconds of connection probes")
    pipelines: dict[str, PipelineSettings] = Field(default_factory=dict)

    @field_validator("uri")
    @classmethod
    def _no_password(cls, uri: str | None) -> str | None:
        # The message never echoes the URI: it would print the very secret it complains about.
        if uri is not None and urlsplit(uri).password:
            raise ValueError("must not contain a password; put the full URI in MONGODB_URI")
        return uri
