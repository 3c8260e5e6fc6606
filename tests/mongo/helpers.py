"""Builders shared by the mongo tests: settings with short timeouts and a source on a URI."""

from __future__ import annotations

from warroom.core.config import Config, default_config
from warroom.core.settings.mongo import MongoSettings
from warroom.sources.mongo.source import MongoSource


def fast_settings(**changes: object) -> MongoSettings:
    """The default plan's mongo settings with timeouts short enough for tests."""
    base = default_config().sources.mongo
    update = {"server_selection_timeout": 0.5, "connect_timeout": 0.5, "socket_timeout": 3.0}
    return base.model_copy(update={**update, **changes})


def source(uri: str, config: Config | None = None, **changes: object) -> MongoSource:
    config = config or default_config()
    return MongoSource(uri, fast_settings(**changes), config.metrics)
