"""Opening the SQLite file: WAL mode, the schema, and failures put into one line for people."""

from __future__ import annotations

import sqlite3
from pathlib import Path

SCHEMA_VERSION = 1
SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS polls (
    id INTEGER PRIMARY KEY,
    ts REAL NOT NULL,
    source TEXT NOT NULL,
    latency REAL NOT NULL,
    next_in REAL NOT NULL,
    error_kind TEXT,
    error TEXT,
    retry_after REAL,
    payload BLOB
);
CREATE INDEX IF NOT EXISTS polls_ts ON polls (ts);
CREATE TABLE IF NOT EXISTS events (
    id INTEGER PRIMARY KEY,
    ts REAL NOT NULL,
    kind TEXT NOT NULL,
    key TEXT NOT NULL,
    data TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS events_ts ON events (ts);
"""


class HistoryUnavailable(Exception):
    """The history file cannot be used. The message is one line, fit for a warning."""


def connect(path: Path, *, readonly: bool = False) -> sqlite3.Connection:
    """Opens (creating when writable) the history file in WAL mode with the schema in place.

    Returns:
        A connection in autocommit mode; the caller opens its own transactions.
    Raises:
        HistoryUnavailable: the directory is read-only, the disk is full, the file is corrupt.
    """
    try:
        if readonly:
            conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, isolation_level=None)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(path, isolation_level=None)
    except (sqlite3.Error, OSError) as exc:
        raise HistoryUnavailable(describe(exc, path)) from None
    try:
        conn.execute("PRAGMA busy_timeout = 2000")
        if not readonly:
            conn.execute("PRAGMA journal_mode = WAL")
            # NORMAL in WAL mode: a power cut may lose the last commits, never corrupts.
            conn.execute("PRAGMA synchronous = NORMAL")
            conn.executescript(SCHEMA)
            conn.execute("INSERT OR IGNORE INTO meta VALUES ('schema', ?)", (str(SCHEMA_VERSION),))
        else:
            conn.execute("SELECT count(*) FROM polls WHERE id < 0").fetchone()
    except (sqlite3.Error, OSError) as exc:
        conn.close()
        raise HistoryUnavailable(describe(exc, path)) from None
    return conn


def describe(exc: BaseException, path: Path) -> str:
    """One line saying why the history file is unusable, without a traceback."""
    text = str(exc).lower()
    if "full" in text or getattr(exc, "errno", None) == 28:
        why = "disk full"
    elif "readonly" in text or "read-only" in text or isinstance(exc, PermissionError):
        why = "read-only"
    elif "not a database" in text or "malformed" in text or "corrupt" in text:
        why = "file corrupt"
    elif "unable to open" in text:
        why = "cannot open (directory missing or read-only?)"
    else:
        why = str(exc) or type(exc).__name__
    return f"history off ({why}): {path}"
