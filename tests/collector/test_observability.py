"""`warroom collect` serves /metrics and /healthz beside the store: Prometheus scrapes what
the collector polled (the 503 of a quiet poller is tested in tests/serve/test_metrics.py)."""

from __future__ import annotations

import urllib.request

from tests.collector.conftest import RENDER_VALUE, Rig, kill, wait_until
from tests.serve.conftest import free_port, wait_listening
from tests.support.openmetrics import parse


def get(url: str) -> tuple[int, str]:
    with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - 127.0.0.1 only
        return response.status, response.read().decode()


def test_collect_exposes_what_it_polled(rig: Rig) -> None:
    port = free_port()
    collector = rig.start_collector(listen=f"127.0.0.1:{port}")
    try:
        wait_listening(port)
        base = f"http://127.0.0.1:{port}"
        assert get(f"{base}/healthz") == (200, "ok\n")

        def rendered() -> bool:
            family = parse(get(f"{base}/metrics")[1])["warroom_metric_value"]
            values = {s.labels["metric"]: s.value for s in family.samples}
            return values.get("component_render") == RENDER_VALUE

        wait_until(rendered, 20, collector)
        text = get(f"{base}/metrics")[1]
        assert 'warroom_source_state{source="datadog",warroom_source_state="ok"} 1' in text
        assert 'warroom_source_state{source="mongo",warroom_source_state="disabled"} 1' in text
    finally:
        kill(collector)
