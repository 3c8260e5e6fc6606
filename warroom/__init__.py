"""warroom: a launch-day war room in the terminal.

The repository keeps the layers as top-level folders (`core/`, `sources/`, `tui/`, `widgets/`,
`themes/`); this package links them under one import name, so an install adds only `warroom`
to the user's environment and nothing called `core` or `tui` that could collide.
"""

from __future__ import annotations

from importlib import metadata

try:
    __version__ = metadata.version("warroom")
except metadata.PackageNotFoundError:  # running from a checkout that was never installed
    __version__ = "0+unknown"
