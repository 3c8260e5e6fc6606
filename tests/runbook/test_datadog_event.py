"""`datadog_event` steps: the TUI injects the real Datadog poster (here pointed at the fake
Datadog on 127.0.0.1); without credentials the step fails with a clear reason."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest

from tests.fakes.datadog_server import API_KEY, FakeDatadog
from tests.runbook.conftest import runbook_config
from warroom.core.config import Config, default_config
from warroom.core.runbook import StepState
from warroom.core.settings.datadog import DatadogSettings
from warroom.sources.registry import SourceSet
from warroom.tui.options import AppOptions
from warroom.tui.runbook_holder import RunbookHolder

EVENT = {"kind": "datadog_event", "title": "Rollback started", "text": "from warroom"}
STEP = {"id": "annotate", "action": {**EVENT, "tags": ["launch:profile"]}}


@dataclass(eq=False)
class Host:
    config: Config
    sources: SourceSet = field(default_factory=SourceSet)
    options: AppOptions = field(default_factory=AppOptions)


def config() -> Config:
    base = default_config()
    datadog = DatadogSettings(timeout=2.0, request_timeout=0.5)
    return base.model_copy(update={
        "runbook": runbook_config(STEP),
        "sources": base.sources.model_copy(update={"datadog": datadog}),
    })  # fmt: skip


@pytest.fixture
def fake() -> Iterator[FakeDatadog]:
    with FakeDatadog() as dd:
        yield dd


async def test_event_is_posted_through_the_injected_poster(
    fake: FakeDatadog, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DD_API_KEY", API_KEY)
    monkeypatch.setenv("DD_HOST", fake.url)
    holder = RunbookHolder(Host(config()))
    book = holder.get()
    assert holder.take_problems() == []
    await book.start(["annotate"])
    assert book.status["annotate"].state is StepState.DONE, book.status["annotate"].detail
    event = fake.state.events[0]
    assert event["title"] == "Rollback started" and "launch:profile" in event["tags"]
    assert book.status["annotate"].detail == f"event {event['id_str']}"


async def test_without_credentials_the_step_says_not_configured() -> None:
    book = RunbookHolder(Host(config())).get()
    await book.start(["annotate"])
    assert book.status["annotate"].state is StepState.FAILED
    assert book.status["annotate"].detail.startswith("Datadog events not configured: ")
    assert "DD_API_KEY" in book.status["annotate"].detail
