"""Opening the SQLite file: WAL mode, the schema, and failures put into one line for people.

A history file is created 0600 (it holds vendor text, like the audit log). A file is only
written once it is known to be warroom's: empty (a new or 0-byte file) or carrying warroom's
`meta` table. Anything else (another program's database, a corrupt file) is inspected
read-only and left exactly as it was.

A file records either real polls or the simulated launch, never both: `kind` in `meta` says
which, and `warroom demo` keeps its own file (`demo_file`).
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from pathlib import Path
from typing import Literal

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
SIM_SOURCE = "sim"
"""The simulated launch's source name: its polls are simulated wherever they are found."""
Kind = Literal["live", "simulated"]
_CANTOPEN, _READONLY = 14, 8  # SQLite result codes (the low byte of extended codes)
FOREIGN = "not a warroom history file, left untouched"


class HistoryUnavailable(Exception):
    """The history file cannot be used. The message is one line, fit for a warning."""


class NoHistoryYet(HistoryUnavailable):
    """The file does not exist or holds no history yet (a new or 0-byte file)."""


def demo_file(path: Path) -> Path:
    """Where `warroom demo` records instead of `path`: history.sqlite3 -> history.demo.sqlite3."""
    return path.with_name(f"{path.stem}.demo{path.suffix}")


def connect(path: Path, *, readonly: bool = False, kind: Kind = "live") -> sqlite3.Connection:
    """Opens the history file in WAL mode with the schema in place, creating it (0600) when
    writable. A writer records `kind` polls; a file holding the other kind is refused.

    Returns:
        A connection in autocommit mode; the caller opens its own transactions.
    Raises:
        NoHistoryYet: read-only, and the file is missing or empty.
        HistoryUnavailable: the directory is read-only, the disk is full, the file is corrupt,
            another program's database, or holds the other kind of polls.
    """
    if readonly:
        return _open_readonly(path)
    found = _inspect(path) if path.exists() else None
    if found is not None and found != kind:
        raise HistoryUnavailable(f"history off (it records {found} polls, not {kind}): {path}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        _create_private(path)
        conn = sqlite3.connect(path, isolation_level=None)
    except (sqlite3.Error, OSError) as exc:
        raise HistoryUnavailable(describe(exc, path)) from None
    try:
        conn.execute("PRAGMA busy_timeout = 2000")
        conn.execute("PRAGMA journal_mode = WAL")
        # NORMAL in WAL mode: a power cut may lose the last commits, never corrupts.
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.executescript(SCHEMA)
        conn.execute("INSERT OR IGNORE INTO meta VALUES ('schema', ?)", (str(SCHEMA_VERSION),))
        conn.execute("INSERT OR IGNORE INTO meta VALUES ('kind', ?)", (kind,))
    except (sqlite3.Error, OSError) as exc:
        conn.close()
        raise HistoryUnavailable(describe(exc, path)) from None
    _tighten(path)
    return conn


def file_kind(conn: sqlite3.Connection) -> Kind | None:
    """What the open file records: "live" or "simulated"; None when it holds no history (no
    tables). Files from before `kind` existed count as live.

    Raises:
        HistoryUnavailable: another program's database (tables, but not warroom's).
        sqlite3.Error: the file cannot be read.
    """
    tables = {name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    if not tables:
        return None
    if not {"meta", "polls", "events"} <= tables:
        raise HistoryUnavailable(FOREIGN)
    rows = dict(conn.execute("SELECT key, value FROM meta WHERE key IN ('schema', 'kind')"))
    if "schema" not in rows:
        raise HistoryUnavailable(FOREIGN)
    return "simulated" if rows.get("kind") == "simulated" else "live"


def _inspect(path: Path) -> Kind | None:
    """The kind of an existing file, read through a read-only connection, so that nothing is
    written to a file that turns out not to be warroom's."""
    try:
        conn = _open_readonly(path)
    except NoHistoryYet:
        return None
    try:
        return file_kind(conn)
    finally:
        conn.close()


def _open_readonly(path: Path) -> sqlite3.Connection:
    """A read-only connection. On read-only media SQLite cannot create the WAL index (-shm)
    that mode=ro needs, so it falls back to immutable=1, which is safe only while nothing
    writes the file: not when a -wal file shows a writer may be at work."""
    if not path.exists():
        raise NoHistoryYet(f"no history recorded yet at {path}")
    uri = path.resolve().as_uri()
    try:
        return _checked(sqlite3.connect(f"{uri}?mode=ro", uri=True, isolation_level=None), path)
    except sqlite3.Error as exc:
        code = getattr(exc, "sqlite_errorcode", 0) & 0xFF
        wal = path.with_name(path.name + "-wal")
        if code not in (_CANTOPEN, _READONLY) or wal.exists():
            raise HistoryUnavailable(describe(exc, path)) from None
    try:
        return _checked(sqlite3.connect(f"{uri}?immutable=1", uri=True, isolation_level=None), path)
    except sqlite3.Error as exc:
        raise HistoryUnavailable(describe(exc, path)) from None


def _checked(conn: sqlite3.Connection, path: Path) -> sqlite3.Connection:
    """`conn` once it proved readable and warroom's. Raises sqlite3.Error, NoHistoryYet or
    HistoryUnavailable, closing it."""
    try:
        conn.execute("PRAGMA busy_timeout = 2000")
        kind = file_kind(conn)
    except HistoryUnavailable as exc:
        conn.close()
        raise HistoryUnavailable(f"history off ({exc}): {path}") from None
    except sqlite3.Error:
        conn.close()
        raise
    if kind is None:
        conn.close()
        raise NoHistoryYet(f"no history recorded yet at {path}")
    return conn


def _create_private(path: Path) -> None:
    """Creates the file 0600 if it does not exist; SQLite gives -wal and -shm the same mode."""
    with contextlib.suppress(FileExistsError):
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))


def _tighten(path: Path) -> None:
    """Files recorded before they were created 0600 lose their group and other bits."""
    for name in (path.name, f"{path.name}-wal", f"{path.name}-shm"):
        with contextlib.suppress(OSError):
            target = path.with_name(name)
            mode = target.stat().st_mode & 0o777
            if mode & 0o077:
                target.chmod(mode & 0o700)


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
