"""Secrets stay secret: `${NAME}` references are expanded only for the action itself, and
every text that is shown or recorded passes through a `core.scrub.Scrubber` first.

Header values and URLs may hold `${NAME}`; what the operator sees is the reference, never the
value. Any value of a referenced variable that still turns up (a command echoing its token, an
error message quoting the URL) is replaced by `***`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from warroom.core.scrub import MASK

_REF = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")
# Header names whose literal values are secret even without a `${...}` reference.
_SECRET_HEADER = re.compile(r"auth|token|key|secret|cookie|signature|password", re.IGNORECASE)


class MissingVariable(KeyError):
    """A `${NAME}` reference to an environment variable that is not set."""

    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.name = name

    def __str__(self) -> str:
        return f"environment variable {self.name} is not set"


def references(text: str) -> list[str]:
    """The variable names `text` references with `${NAME}`."""
    return _REF.findall(text)


def expand(text: str, env: Mapping[str, str]) -> str:
    """`text` with every `${NAME}` replaced by its value.

    Raises:
        MissingVariable: a referenced variable is not set.
    """

    def value(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in env:
            raise MissingVariable(name)
        return env[name]

    return _REF.sub(value, text)


def shown_header(name: str, value: str) -> str:
    """A header value as it may be displayed: references stay references; a literal value of
    a secret-looking header is masked whole."""
    if _REF.search(value) or not _SECRET_HEADER.search(name):
        return value
    return MASK
