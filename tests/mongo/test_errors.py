"""What a refused login looks like from mongod and from an Atlas cluster: both are the
credentials (AuthError), and neither counts as a failed connection probe."""

from __future__ import annotations

import pytest
from pymongo.errors import OperationFailure

from warroom.core.errors import AuthError, BadResponse
from warroom.sources.mongo.errors import rejected_login, translate

ATLAS_BAD_AUTH = {
    "ok": 0, "errmsg": "bad auth : Authentication failed.", "code": 8000, "codeName": "AtlasError",
}  # fmt: skip
MONGOD_BAD_AUTH = {
    "ok": 0, "errmsg": "Authentication failed.", "code": 18, "codeName": "AuthenticationFailed",
}  # fmt: skip
ATLAS_OTHER = {
    "ok": 0, "errmsg": "user is not allowed to do action [getLog]", "code": 8000,
    "codeName": "AtlasError",
}  # fmt: skip


def failure(details: dict[str, object]) -> OperationFailure:
    return OperationFailure(str(details["errmsg"]), int(str(details["code"])), details)


@pytest.mark.parametrize("details", [ATLAS_BAD_AUTH, MONGOD_BAD_AUTH])
def test_a_refused_login_is_the_credentials(details: dict[str, object]) -> None:
    exc = failure(details)
    assert rejected_login(exc)
    error = translate(exc, "cluster0.example.mongodb.net", "serverStatus")
    assert isinstance(error, AuthError)
    assert error.reason == "MongoDB rejected the credentials in the URI"


def test_another_atlas_error_is_not_a_login() -> None:
    exc = failure(ATLAS_OTHER)
    assert not rejected_login(exc)
    error = translate(exc, "cluster0.example.mongodb.net", "getLog")
    assert isinstance(error, BadResponse) and error.reason == "getLog: server error AtlasError"
