"""Argument types that refuse what would crash, hang or eat memory later, and a parser whose
errors are one line.

`--speed 0` divided by zero, `--speed 1e308` and `--start-at 1e308` hung, `--start-at 1e12`
grew memory by the second: each is now a usage error (exit 2) naming the option and the range.
"""

from __future__ import annotations

import argparse
import math
from collections.abc import Callable
from typing import NoReturn

from warroom.core.settings.simulated import MAX_SPEED, MAX_START_AT

USAGE_ERROR = 2
STORE_SCHEMES = ("mongodb://", "mongodb+srv://")


class VersionAction(argparse.Action):
    """`--version`, like argparse's own, but the version is looked up only when asked for."""

    def __init__(self, option_strings: list[str], dest: str, help: str | None = None) -> None:
        super().__init__(
            option_strings, dest=argparse.SUPPRESS, default=argparse.SUPPRESS, nargs=0, help=help
        )

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: object,
        option_string: str | None = None,
    ) -> None:
        from warroom import __version__

        print(f"{parser.prog} {__version__}")
        parser.exit()


class Parser(argparse.ArgumentParser):
    """An ArgumentParser whose errors are a single line on stderr (usage is in `--help`)."""

    def error(self, message: str) -> NoReturn:
        self.exit(USAGE_ERROR, f"{self.prog}: {message} (see: {self.prog} --help)\n")


def number(
    low: float, high: float, *, above: bool = False, integer: bool = False
) -> Callable[[str], float]:
    """An argparse type: a finite number within [low, high] (or (low, high] when `above`)."""
    kind = "a whole number" if integer else "a number"
    expected = (
        f"{kind} above {low:g}, at most {high:g}" if above else f"{kind} from {low:g} to {high:g}"
    )

    def parse(text: str) -> float:
        try:
            value = float(int(text)) if integer else float(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected {expected}, got {text!r}") from None
        too_low = value <= low if above else value < low
        if not math.isfinite(value) or too_low or value > high:
            raise argparse.ArgumentTypeError(f"expected {expected}, got {text!r}")
        return value

    return parse


def whole(low: int, high: int) -> Callable[[str], int]:
    """An argparse type: an integer within [low, high]."""
    check = number(low, high, integer=True)

    def parse(text: str) -> int:
        return int(check(text))

    return parse


speed = number(0, MAX_SPEED, above=True)
"""`--speed`: simulated seconds per real second."""
start_at = number(0, MAX_START_AT)
"""`--start-at`: simulated seconds into the launch."""


def store_uri(text: str) -> str:
    """`--store`: a MongoDB connection string. The value is never echoed: it may hold a
    password. A `mongodb+srv://` URI is only checked for its scheme here: parsing it further
    means a DNS lookup."""
    hidden = "(the value is not shown: it may hold a password)"
    if not text.startswith(STORE_SCHEMES):
        raise argparse.ArgumentTypeError(f"expected a mongodb:// or mongodb+srv:// URI {hidden}")
    if text.startswith("mongodb://"):
        from pymongo.errors import PyMongoError
        from pymongo.uri_parser import parse_uri

        try:
            parse_uri(text)
        except (PyMongoError, ValueError) as exc:
            raise argparse.ArgumentTypeError(
                f"not a usable MongoDB URI: {type(exc).__name__} {hidden}"
            ) from None
    return text


def theme(text: str) -> str:
    """`--theme`: the name of a built-in theme or of one in the user's theme directory."""
    from warroom.themes.names import theme_names, user_theme_dir

    known = theme_names(user_theme_dir())
    if text not in known:
        raise argparse.ArgumentTypeError(
            f"unknown theme {text!r}; one of {', '.join(sorted(known))}"
        )
    return text
