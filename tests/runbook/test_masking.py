"""Masking: references stay references, secret values never survive a masker."""

from __future__ import annotations

import pytest

from warroom.core.runbook.masking import MissingVariable, expand, shown_header
from warroom.core.scrub import Scrubber


def test_expand_and_missing_variable() -> None:
    assert expand("Bearer ${T}", {"T": "abc"}) == "Bearer abc"
    with pytest.raises(MissingVariable, match="U is not set"):
        expand("${U}", {})


def test_shown_header_keeps_references_and_hides_literal_secrets() -> None:
    assert shown_header("Authorization", "Bearer ${T}") == "Bearer ${T}"
    assert shown_header("X-Api-Key", "plain-key-value") == "***"
    assert shown_header("Accept", "application/json") == "application/json"


def test_masker_masks_longest_first_and_ignores_tiny_values() -> None:
    mask = Scrubber(["abcd", "abcdefgh", "on"])
    assert mask("x abcdefgh y abcd on") == "x *** y *** on"
    assert "abcd" not in repr(mask)
