"""MongoDB Atlas Admin API v2: process measurements and open alerts."""

from warroom.sources.atlas.source import create

__all__ = ["create"]
