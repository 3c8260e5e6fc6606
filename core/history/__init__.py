"""The history store: every poll, alert and trigger change and runbook audit record, on disk.

`recorder.HistoryRecorder` writes (SQLite, WAL, batched commits, retention as it runs);
`reader.HistoryReader` reads back series, outcomes and the event timeline for the sparkline
pre-fill, `warroom replay` and `warroom report`. Kept import-light on purpose: `core.config`
imports the settings, so this package must not import the config back at import time.
"""
