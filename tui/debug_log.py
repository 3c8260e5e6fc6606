"""`--log-file PATH`: a debug log of the whole process, every line through the secret scrubber.

Everything that logs through `logging` (warroom's own modules, httpx, the Datadog client,
pymongo ...) reaches the file at DEBUG. Before a line is written it passes `core.scrub`'s
process registry, `SECRETS`: the credentials the adapters registered, plus, from the start,
the value of every environment variable named like a secret (a vendor client may log a
response that echoes one before its adapter has registered it; those mask the log only).
Tracebacks are scrubbed too: the whole formatted record is.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

from warroom import __version__
from warroom.core.scrub import SECRETS, Scrubber, secrets_in_env

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
# Their DEBUG lines are per-byte transport traces: they drown the log and say nothing new.
QUIET = ("httpcore", "hpack", "asyncio", "markdown_it")


class ScrubbingFormatter(logging.Formatter):
    """Formats a record, traceback included, then masks every secret in the result: those in
    `also` (kept apart, so that they mask the log only), then the process registry's."""

    def __init__(self, fmt: str, also: Scrubber) -> None:
        super().__init__(fmt)
        self.also = also

    def format(self, record: logging.LogRecord) -> str:
        return SECRETS(self.also(super().format(record)))


def start_log_file(path: str, argv: Sequence[str], env: Mapping[str, str]) -> str | None:
    """Sends every logger's records to `path` (appended), scrubbed. Returns None, or why the
    file cannot be opened (the caller reports it as a usage error)."""
    try:
        handler = logging.FileHandler(Path(path).expanduser(), encoding="utf-8", delay=False)
    except OSError as exc:
        return f"--log-file {path}: cannot write: {exc.strerror or exc}"
    handler.setFormatter(ScrubbingFormatter(FORMAT, Scrubber(secrets_in_env(env))))
    handler.setLevel(logging.DEBUG)
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    for name in QUIET:
        logging.getLogger(name).setLevel(logging.INFO)
    logging.getLogger("warroom").debug(
        "warroom %s, pid %d, python %s: %s",
        __version__,
        os.getpid(),
        sys.version.split()[0],
        " ".join(argv),
    )
    return None
