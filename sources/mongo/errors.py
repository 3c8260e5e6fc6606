"""Translates pymongo exceptions into warroom's SourceError tree, without leaking the URI.

pymongo's own messages carry topology descriptions that run to kilobytes; the status bar needs
one line, so every reason here is built from the exception's class, code and a few known
phrases, never from the URI (which may hold a password).
"""

from __future__ import annotations

from pymongo.errors import (
    ConfigurationError,
    ConnectionFailure,
    ExecutionTimeout,
    NetworkTimeout,
    OperationFailure,
    PyMongoError,
    ServerSelectionTimeoutError,
    WaitQueueTimeoutError,
)

from warroom.core.errors import AuthError, BadResponse, SourceError, SourceTimeout, Unavailable

UNAUTHORIZED = 13
AUTH_FAILED = 18
ATLAS_ERROR = 8000
"""Atlas's proxy answers a bad login with this code (codeName AtlasError, "bad auth : ...")."""
NO_REPLICATION = 76
NOT_YET_INITIALIZED = 94

_PHRASES = (
    ("connection refused", "connection refused"),
    ("errno 111", "connection refused"),  # asyncio says "Connect call failed"
    ("timed out", "timed out"),
    ("name or service not known", "host not found"),
    ("nodename nor servname", "host not found"),
    ("connection reset", "connection reset"),
    ("connection closed", "connection closed"),
    ("certificate", "TLS certificate problem"),
)


def hosts_of(uri: str) -> str:
    """The host list of a MongoDB URI with credentials, database and options removed."""
    rest = uri.split("://", 1)[-1]
    hosts = rest.split("/", 1)[0].split("?", 1)[0]
    return hosts.rpartition("@")[2] or "?"


def _symptom(exc: BaseException) -> str:
    text = str(exc).lower()
    for phrase, label in _PHRASES:
        if phrase in text:
            return label
    return type(exc).__name__


def translate(exc: PyMongoError, target: str, what: str) -> SourceError:
    """Returns the SourceError for a failed `what` (a command name) against `target` hosts."""
    if isinstance(exc, ExecutionTimeout):
        return SourceTimeout(f"{what}: exceeded maxTimeMS on the server")
    if isinstance(exc, NetworkTimeout):
        return SourceTimeout(f"{what}: {target} did not answer in time")
    if isinstance(exc, WaitQueueTimeoutError):
        return Unavailable(f"{what}: connection pool exhausted")
    if isinstance(exc, ServerSelectionTimeoutError):
        return Unavailable(f"cannot reach mongod at {target}: {_symptom(exc)}")
    if isinstance(exc, ConnectionFailure):
        return Unavailable(f"lost connection to {target}: {_symptom(exc)}")
    if isinstance(exc, OperationFailure):
        return _operation_failure(exc, what)
    if isinstance(exc, ConfigurationError):
        return BadResponse(f"{what}: driver configuration error ({type(exc).__name__})")
    return Unavailable(f"{what}: {type(exc).__name__}")


def rejected_login(exc: PyMongoError) -> bool:
    """The server refused warroom's own credentials: mongod's AuthenticationFailed, or the
    AtlasError that an Atlas cluster answers a bad password with."""
    if not isinstance(exc, OperationFailure):
        return False
    details = exc.details or {}
    if exc.code == AUTH_FAILED or details.get("codeName") == "AuthenticationFailed":
        return True
    message = str(details.get("errmsg") or "").lower()
    return exc.code == ATLAS_ERROR and "auth" in message


def _operation_failure(exc: OperationFailure, what: str) -> SourceError:
    details = exc.details or {}
    name = str(details.get("codeName") or f"code {exc.code}")
    if rejected_login(exc):
        return AuthError("MongoDB rejected the credentials in the URI")
    if exc.code == UNAUTHORIZED:
        return AuthError(f"{what}: not authorized (needs clusterMonitor / read role)")
    return BadResponse(f"{what}: server error {name}")
