"""The deployment markers every flag change posts (see core.rollout.markers).

This is the one list of them: Datadog's event when DD_API_KEY is set, and New Relic's
deployment marker when NEW_RELIC_API_KEY and [sources.newrelic] entity_guid are. The demo
posts none: its flag changes are simulated and must not reach a real dashboard.
"""

from __future__ import annotations

import contextlib
from collections.abc import Mapping

from warroom.core.config import Config
from warroom.core.errors import NotConfigured
from warroom.core.rollout.markers import ChangeMarker


def change_markers(config: Config, env: Mapping[str, str], *, demo: bool) -> list[ChangeMarker]:
    """The markers the environment configures, in posting order. Does no I/O."""
    if demo:
        return []
    markers: list[ChangeMarker] = []
    # Imported here: the Datadog client costs start-up time and most runs never change a flag.
    from warroom.sources.datadog.events import DatadogEventPoster
    from warroom.sources.datadog.marker import DatadogChangeMarker

    with contextlib.suppress(NotConfigured):  # no Datadog key: no marker, nothing to report
        markers.append(DatadogChangeMarker(DatadogEventPoster.from_config(config, env)))
    entity = config.sources.newrelic.entity_guid
    if entity:  # a New Relic marker needs the APM entity it annotates
        from warroom.sources.newrelic.change_marker import NewRelicChangeMarker
        from warroom.sources.newrelic.marker import MarkerPoster

        with contextlib.suppress(NotConfigured):  # no New Relic key: no marker
            markers.append(NewRelicChangeMarker(MarkerPoster.from_config(config, env), entity))
    return markers
