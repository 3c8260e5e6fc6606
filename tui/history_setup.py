"""Wires recording into the live app: the recorder as a poll observer and audit sink, the
sparklines pre-filled from history, the detail charts pointed at the file, the shared
store's audit sink, and warnings on screen when history cannot be kept. Composition only;
the work is in core.history."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from warroom.core.config import Config
from warroom.tui.app import WarroomApp

if TYPE_CHECKING:
    # Only for the types: the runbook (and its executors) and sqlite load when a run records,
    # not on the way to the first frame of `--no-history`.
    from warroom.core.history.recorder import HistoryRecorder
    from warroom.core.runbook.audit import AuditSink

WARNING_SECONDS = 3600.0  # a full disk must not scroll away unnoticed


@contextmanager
def recording(
    app: WarroomApp, config: Config, *, enabled: bool = True, store_uri: str | None = None
) -> Iterator[HistoryRecorder | None]:
    """Sets the app up to record while the block runs; closes the recorder after it.

    Yields:
        The recorder, or None when history is off for this run.
    """
    recorder = _recorder(app, config) if enabled and config.history.enabled else None
    recording_now = recorder is not None and (recorder.active or recorder.standing_aside)
    sinks: list[AuditSink] = [recorder] if recorder is not None and recording_now else []
    mongo_sink = None
    if store_uri:
        from warroom.collector.audit_sink import MongoAuditSink

        mongo_sink = MongoAuditSink(store_uri)
        sinks.append(mongo_sink)
    if sinks:
        audit = app.runbook.get().audit
        for sink in sinks:
            audit.add_sink(sink)
        for problem in app.runbook.take_problems():  # taken here, so they are shown here
            app.notify(problem, title="audit log", severity="warning", timeout=WARNING_SECONDS)
    if recorder is not None:
        # Committed at unmount, not only after run() returns: on a lost terminal Textual's
        # shutdown can hang and the lifecycle watchdog ends the process.
        app.on_exit.append(recorder.flush)
    try:
        yield recorder
    finally:
        if recorder is not None:
            recorder.close()
        if mongo_sink is not None:
            mongo_sink.close()


def _recorder(app: WarroomApp, config: Config) -> HistoryRecorder:
    """The recorder for this run: the simulated launch goes to its own file and is never
    pre-filled from it (its first poll brings its own baseline); a live run pre-fills the
    sparklines from the real polls of its file. HISTORY OFF
    is shown exactly when the recorder could not open."""
    from warroom.core.history.prefill import prefill
    from warroom.core.history.recorder import HistoryRecorder
    from warroom.core.history.schema import demo_file

    settings = config.history
    simulated = app.sources.sim is not None
    path = demo_file(settings.file()) if simulated else settings.file()
    recorder = HistoryRecorder(
        path,
        retention_days=settings.retention_days,
        commit_seconds=settings.commit_seconds,
        simulated=simulated,
    )
    recorder.on_warning = lambda text: warn(app, text)
    if not recorder.open() and not recorder.standing_aside:
        return recorder  # on_warning said so, HISTORY OFF included
    recorder.attach(app.dashboard)
    app.observers.append(recorder.observe)
    if recorder.standing_aside:  # another warroom records: this one takes over when it quits

        def taken_over(text: str) -> None:
            app.history_path = path
            recovered(app, text)

        recorder.on_taken_over = taken_over
        return recorder
    app.history_path = path
    trouble = "" if simulated else prefill(app.dashboard, path, time.time())
    if trouble:  # recording works; only the sparklines start empty
        app.notify(f"sparklines not pre-filled: {trouble}", title="history", severity="warning")
    return recorder


def recovered(app: WarroomApp, text: str) -> None:
    """Recording works again: HISTORY OFF leaves the header."""
    app.notify(text, title="history", timeout=30)
    app.mode = " · ".join(part for part in app.mode.split(" · ") if part != "HISTORY OFF")


def warn(app: WarroomApp, text: str) -> None:
    """A toast that stays for an hour, and HISTORY OFF in the header for the rest of the run."""
    app.notify(text, title="history", severity="warning", timeout=WARNING_SECONDS)
    if "HISTORY OFF" not in app.mode:
        app.mode = f"{app.mode} · HISTORY OFF" if app.mode else "HISTORY OFF"
