"""warroom: a launch-day war room in the terminal.

The repository keeps the layers as top-level folders (`core/`, `sources/`, `tui/`, `widgets/`,
`themes/`); this package links them under one import name, so an install adds only `warroom`
to the user's environment and nothing called `core` or `tui` that could collide.
"""

from __future__ import annotations


def __getattr__(name: str) -> str:
    """`__version__`, looked up on first use: importlib.metadata costs a noticeable part of
    the time to the first frame, and only `--version` and the HTTP clients ask for it."""
    if name != "__version__":
        raise AttributeError(f"module 'warroom' has no attribute {name!r}")
    from importlib import metadata

    try:
        version = metadata.version("warroom")
    except metadata.PackageNotFoundError:  # running from a checkout that was never installed
        version = "0+unknown"
    globals()["__version__"] = version
    return version
