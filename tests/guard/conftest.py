"""The guard's process tests share the vendor rig (`tests.guard.vendors`)."""

from tests.guard.vendors import vendors

__all__ = ["vendors"]
