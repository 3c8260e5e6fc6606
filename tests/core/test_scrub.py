"""The one scrubber: whole secrets, fragments of them, and secret-shaped text, everywhere."""

from __future__ import annotations

from warroom.core.errors import AuthError, SourceError
from warroom.core.scrub import MASK, Scrubber, register, secrets_in_env

TOKEN = "sntryu_4f1c2a9be03d77a1c5e6f809ab12cd34"


def test_whole_secret_and_longest_first() -> None:
    scrub = Scrubber(["abcd", "abcdefgh"])
    assert scrub("x abcdefgh y abcd") == f"x {MASK} y {MASK}"


def test_a_truncated_echo_of_a_token_is_masked() -> None:
    scrub = Scrubber([TOKEN])
    head = TOKEN[:20]
    tail = TOKEN[-14:]
    assert head not in scrub(f"gateway said: {head}…")
    assert tail not in scrub(f"…{tail} was refused")
    assert scrub(f"gateway said: {head}…") == f"gateway said: {MASK}…"


def test_a_short_password_echoed_in_part_is_masked() -> None:
    password = "Sh0rtPw-9x7Qz"  # 13 characters
    scrub = Scrubber([password])
    assert scrub(f"suffix {password[-12:]}") == f"suffix {MASK}"
    assert scrub(f"prefix {password[:10]}!") == f"prefix {MASK}!"
    assert scrub(f"hint {password[:9]}") == f"hint {password[:9]}"  # under PARTIAL: left


def test_short_fragments_and_prose_stay() -> None:
    scrub = Scrubber([TOKEN])
    assert scrub("sntryu_ tokens are user tokens") == "sntryu_ tokens are user tokens"
    assert scrub("events-stats: token rejected (401)") == "events-stats: token rejected (401)"


def test_secret_shapes_nobody_registered() -> None:
    scrub = Scrubber()
    assert scrub("Bearer abc123.def") == f"Bearer {MASK}"
    assert scrub("mongodb://ops:pa55@db:27017/x") == f"mongodb://ops:{MASK}@db:27017/x"
    echoed = '{"Authorization": "*:*.local-admin-token", "API-Key": "NRAK-ABC123456789"}'
    out = scrub(echoed)
    assert "local-admin-token" not in out and "NRAK-ABC123456789" not in out
    assert scrub("DD-API-KEY=0123456789abcdef") == f"DD-API-KEY={MASK}"


def test_references_are_shown_as_references() -> None:
    assert Scrubber()("Authorization: Bearer ${FLAG_TOKEN}") == (
        "Authorization: Bearer ${FLAG_TOKEN}"
    )


def test_uris_are_matched_whole_only() -> None:
    scrub = Scrubber(["mongodb://ops:env-pass@db.internal:27017/app"])
    out = scrub("connecting to mongodb://admin:other-pass@db.internal:27017/app")
    assert out == f"connecting to mongodb://admin:{MASK}@db.internal:27017/app"


def test_every_source_error_is_scrubbed_where_it_is_made() -> None:
    secret = "gw-echo-secret-7f3a9c1e55b2"
    register(secret)
    error = AuthError(f"gateway echoed Authorization: {secret[:18]}")
    assert secret[:12] not in error.reason and secret[:12] not in str(error)
    assert SourceError("bad\x1b[2Jtext\nsecond line").reason == "bad\\x1b[2Jtext second line"


def test_secrets_named_by_their_variable() -> None:
    env = {"NEW_RELIC_API_KEY": "NRAK-1", "MONGODB_URI": "mongodb://x", "HOME": "/root"}
    assert sorted(secrets_in_env(env)) == ["NRAK-1", "mongodb://x"]


def test_walk_replaces_credential_keys_and_scrubs_strings() -> None:
    scrub = Scrubber(["abcdef-secret"])
    out = scrub.walk({"api_key": "zzz", "msg": ["saw abcdef-secret"], "n": 3})
    assert out == {"api_key": MASK, "msg": [f"saw {MASK}"], "n": 3}


def test_values_shaped_like_credentials_are_recognised_by_their_value() -> None:
    from warroom.core.scrub import looks_like_secret_value

    for value in ("sntryu_short", "NRAK-ABC", "a8F3kQ9zL2mX7pW4vR6t", "ghp_x1"):
        assert looks_like_secret_value(value), value
    for value in (
        "/usr/local/bin:/usr/bin",
        "/root",
        "en_US.UTF-8",
        "12345678901234567",
        "production",
    ):
        assert not looks_like_secret_value(value), value
