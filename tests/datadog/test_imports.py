"""The SDK costs time to import: nothing loads it before Datadog is actually polled, and the
2-second `v2.models` package is never imported."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable

from warroom.sources.datadog.source import DatadogSource


def test_importing_the_adapter_does_not_import_the_sdk() -> None:
    code = (
        "import sys, warroom.sources.datadog, warroom.sources.datadog.events;"
        "print('datadog_api_client' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


async def test_polling_imports_single_model_modules_only(
    make_source: Callable[..., DatadogSource],
) -> None:
    await make_source().fetch()
    assert "datadog_api_client.v2.model.timeseries_formula_query_request" in sys.modules
    assert "datadog_api_client.v2.models" not in sys.modules
    assert "datadog_api_client.v1.models" not in sys.modules
