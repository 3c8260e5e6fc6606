"""The reference OpenMetrics parser (prometheus_client), typed for the tests."""

from __future__ import annotations

from typing import Any

from prometheus_client.openmetrics.parser import text_string_to_metric_families


def parse(text: str) -> dict[str, Any]:
    """Family name -> family. Raises ValueError for text that is not valid OpenMetrics."""
    families = text_string_to_metric_families(text)  # type: ignore[no-untyped-call]
    return {family.name: family for family in families}
