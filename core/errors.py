"""Errors shared by every layer.

The tree::

    WarroomError
    ├── ConfigError            a config file that cannot be used (reported, exit code 2)
    └── SourceError            one failed poll of one source; `reason` is a one-line message
        ├── AuthError          credentials missing, rejected or lacking permission
        ├── SourceTimeout      no answer within the source's timeout
        ├── RateLimited        the vendor said slow down; `retry_after` seconds to wait
        ├── Unavailable        connection refused or dropped, 5xx, server down
        └── BadResponse        an answer that could not be understood

Adapters translate every vendor or driver exception into one of these, so the poller and the
UI never see a urllib3, httpx or pymongo type. Every reason is scrubbed of secrets and made
inert when the error is made (see `core.scrub`), so no adapter can leak a token by forgetting.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from warroom.core.scrub import scrub
from warroom.core.textsafe import inert

if TYPE_CHECKING:
    from warroom.core.model import Reading


class WarroomError(Exception):
    """Base of every error warroom raises on purpose."""


class ConfigError(WarroomError):
    """A config problem. `problems` holds one `path:line: key: expected` line per mistake."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


REASON_LIMIT = 200


class SourceError(WarroomError):
    """One failed poll. `reason` is one short line for the status bar, without any secret.

    `status` is the HTTP status of the answer that failed, None when there was none (a
    timeout, a dropped connection, a driver error).
    """

    def __init__(self, reason: str, *, status: int | None = None) -> None:
        reason = inert(" ".join(scrub(reason).split()), REASON_LIMIT)
        super().__init__(reason)
        self.reason = reason
        self.status = status
        self.readings: tuple[Reading, ...] = ()
        """Readings measured before the failure (a failed connection probe is itself data: the
        DB connection-failure trigger must be able to fire while the database is down)."""


class AuthError(SourceError):
    """Credentials missing, rejected or lacking a permission."""


class SourceTimeout(SourceError):
    """No answer within the time allowed."""


class RateLimited(SourceError):
    """The vendor refused for now. The poller waits `retry_after` seconds before the next try."""

    def __init__(self, reason: str, retry_after: float, *, status: int | None = None) -> None:
        super().__init__(reason, status=status)
        self.retry_after = max(0.0, retry_after)


class Unavailable(SourceError):
    """Connection refused or dropped, a 5xx, a server that is down."""


class BadResponse(SourceError):
    """An answer that could not be understood, or a request the vendor refused as wrong."""


class NotConfigured(WarroomError):
    """A source cannot run because it is not set up (for example no key in the environment).

    Not a failure: the status bar shows the source as disabled with this reason.
    """
