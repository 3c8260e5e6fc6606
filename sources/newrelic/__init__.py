"""New Relic: the plan's NRQL metrics and open alert issues through NerdGraph in one request
per poll, and deployment markers for the runbook and flag changes (`post_marker`)."""

from warroom.sources.newrelic.marker import Marker, MarkerPoster, post_marker
from warroom.sources.newrelic.source import create

__all__ = ["Marker", "MarkerPoster", "create", "post_marker"]
