"""MongoDB: server status, replication, slow operations, the connection probe and KPI pipelines."""

from warroom.sources.mongo.source import create

__all__ = ["create"]
