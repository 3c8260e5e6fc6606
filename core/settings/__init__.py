"""Per-source settings. Each adapter owns its module here; `SourcesConfig` gathers them."""

from __future__ import annotations

from pydantic import Field

from warroom.core.settings.atlas import AtlasSettings
from warroom.core.settings.common import StrictModel
from warroom.core.settings.datadog import DatadogSettings
from warroom.core.settings.mongo import MongoSettings
from warroom.core.settings.newrelic import NewRelicSettings
from warroom.core.settings.sentry import SentrySettings
from warroom.core.settings.simulated import SimulatedSettings


class SourcesConfig(StrictModel):
    """The `[sources.*]` tables. A source with `enabled = false` is never polled."""

    sim: SimulatedSettings = Field(default_factory=SimulatedSettings)
    datadog: DatadogSettings = Field(default_factory=DatadogSettings)
    sentry: SentrySettings = Field(default_factory=SentrySettings)
    mongo: MongoSettings = Field(default_factory=MongoSettings)
    atlas: AtlasSettings = Field(default_factory=AtlasSettings)
    newrelic: NewRelicSettings = Field(default_factory=NewRelicSettings)


__all__ = [
    "AtlasSettings",
    "DatadogSettings",
    "MongoSettings",
    "NewRelicSettings",
    "SentrySettings",
    "SimulatedSettings",
    "SourcesConfig",
    "StrictModel",
]
