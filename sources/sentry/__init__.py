"""Sentry: issues, error series and release health over the REST API."""

from warroom.sources.sentry.source import create

__all__ = ["create"]
