"""A cache of validated plans, so that a start does not parse and validate the same TOML again.

Parsing the 66-metric built-in plan and building its models is a tenth of a second at every
start, before the first frame. A validated plan depends only on the texts it was built from
and on the code of its models, so it is kept under a key made of both: the texts' SHA-256,
the Python and pydantic versions, and the size and modification time of every
`warroom.core` module (a changed model never meets a plan pickled by the old one).

The cache is the user's own folder ($XDG_CACHE_HOME/warroom). A pickle runs code when it is
loaded, so a file is only read when it belongs to this user and nobody else may write it.
Any trouble (unwritable folder, damaged or foreign file) means building the plan as before.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import stat
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import pydantic

from warroom.core.paths import UserDir, user_dir

log = logging.getLogger(__name__)

T = TypeVar("T")
KEEP = 8
"""Cached plans kept (the newest); a config edited many times does not fill the disk."""
PREFIX = "plan-"


def _code_stamp() -> str:
    """What the models' code is: versions, and size and mtime of every module of core/."""
    parts = [sys.version, pydantic.VERSION]
    root = Path(__file__).parent
    for folder, _, names in sorted(os.walk(root)):
        for name in sorted(names):
            if name.endswith(".py"):
                info = os.stat(os.path.join(folder, name))
                parts.append(f"{folder[len(str(root)) :]}/{name}:{info.st_size}:{info.st_mtime_ns}")
    return "\n".join(parts)


def cache_file(texts: tuple[str, ...], folder: Path | None = None) -> Path:
    """Where the plan built from `texts` is kept, under the current code."""
    digest = hashlib.sha256(_code_stamp().encode())
    for text in texts:
        digest.update(b"\0" + text.encode("utf-8", "surrogatepass"))
    return (folder or user_dir(UserDir.CACHE)) / f"{PREFIX}{digest.hexdigest()[:40]}.pickle"


def _read(path: Path, kind: type[T]) -> T | None:
    try:
        with path.open("rb") as handle:
            info = os.fstat(handle.fileno())
            if info.st_uid != os.getuid() or info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
                return None
            found = pickle.load(handle)  # noqa: S301 - our own file: owner and mode checked
    except FileNotFoundError:
        return None
    except Exception as exc:  # unreadable or damaged (unpickling raises almost anything)
        log.debug("plan cache %s not used, the plan is built again: %r", path, exc)
        return None
    return found if isinstance(found, kind) else None


def _write(path: Path, value: object) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(dir=path.parent, prefix=".plan-")
        try:
            with os.fdopen(handle, "wb") as out:
                pickle.dump(value, out, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temp, path)
        finally:
            Path(temp).unlink(missing_ok=True)  # gone already once replaced
        old = sorted(path.parent.glob(f"{PREFIX}*.pickle"), key=lambda p: p.stat().st_mtime)
        for stale in old[:-KEEP]:
            stale.unlink(missing_ok=True)
    # A read-only or full disk, or a value pickle cannot take: built again next time too.
    except (OSError, pickle.PicklingError, TypeError, AttributeError) as exc:
        log.debug("plan cache %s not written: %r", path, exc)


def cached(texts: tuple[str, ...], kind: type[T], build: Callable[[], T]) -> T:
    """The plan built from `texts`: from the cache when it holds one, else `build()` (whose
    errors propagate, and are never cached)."""
    path = cache_file(texts)
    found = _read(path, kind)
    if found is not None:
        return found
    value = build()
    _write(path, value)
    return value
