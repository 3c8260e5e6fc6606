"""A password in MONGODB_URI never reaches a reason, an info value, a repr or the log."""

from __future__ import annotations

import logging

import pytest

from tests.mongo.helpers import source
from tests.support.mongod import MongodProcess, free_port
from warroom.core.errors import AuthError, SourceError

pytestmark = pytest.mark.mongo
SECRET = "s3cr3t-Launch-Pw"


async def test_rejected_credentials(
    standalone: MongodProcess, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    uri = f"mongodb://warroom:{SECRET}@127.0.0.1:{standalone.port}/?directConnection=true"
    mongo = source(uri, pipelines={})
    try:
        with pytest.raises(SourceError) as caught:
            await mongo.fetch()
    finally:
        await mongo.close()
    error = caught.value
    assert isinstance(error, AuthError)
    assert error.reason == "MongoDB rejected the credentials in the URI"
    seen = [error.reason, str(error), repr(error), repr(mongo), caplog.text]
    seen += [str(error.__cause__), str(error.__context__)]
    assert all(SECRET not in text for text in seen)
    # The probe could not log in either, which says nothing about the application's
    # connections: no probe is counted, so the connection-failure trigger is blind, not
    # firing at 100 %.
    assert mongo.window.failure_pct() is None and error.readings == ()


async def test_unreachable_server_reason() -> None:
    port = free_port()
    mongo = source(f"mongodb://warroom:{SECRET}@127.0.0.1:{port}/?directConnection=true")
    try:
        with pytest.raises(SourceError) as caught:
            await mongo.fetch()
    finally:
        await mongo.close()
    assert caught.value.reason == f"cannot reach mongod at 127.0.0.1:{port}: connection refused"
    assert SECRET not in repr(caught.value)
