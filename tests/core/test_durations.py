"""`--since` durations, against the grammar documented in core/durations.py: each unit alone,
compound durations largest unit first, spaces where the grammar allows them, and a refusal
(one clear message) for everything else, the bounds included."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from warroom.core.durations import MAX_AGE_DAYS, UNITS, parse_duration


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("90s", 90),
        ("30m", 1800),
        ("24h", 86400),
        ("7d", 7 * 86400),
        ("1w", 7 * 86400),
        ("1h30m", 5400),
        ("1w2d3h4m5s", 9 * 86400 + 3 * 3600 + 4 * 60 + 5),
        ("1.5h", 5400),
        ("1 h", 3600),
        (" 1h 30m ", 5400),
        ("2d12h", 60 * 3600),
        (f"{MAX_AGE_DAYS}d", MAX_AGE_DAYS * 86400),
    ],
)
def test_the_grammar_s_durations(text: str, seconds: float) -> None:
    assert parse_duration(text).total_seconds() == seconds


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("", "expected a duration like"),
        ("   ", "expected a duration like"),
        ("h", "expected a duration like"),
        ("1", "expected a duration like"),
        ("1h30", "expected a duration like"),
        ("1x", "expected a duration like"),
        ("-1h", "expected a duration like"),
        ("1e3s", "expected a duration like"),
        ("1H", "expected a duration like"),
        ("yesterday", "expected a duration like"),
        ("30m1h", "largest to the smallest, each once"),
        ("1h1h", "largest to the smallest, each once"),
        ("0s", "above 0"),
        ("0h0m", "above 0"),
        (f"{MAX_AGE_DAYS + 1}d", f"at most {MAX_AGE_DAYS}d"),
        ("99999999d", f"at most {MAX_AGE_DAYS}d"),
        ("9" * 400 + "w", f"at most {MAX_AGE_DAYS}d"),  # overflows float: inf
    ],
)
def test_everything_else_is_refused_with_one_clear_line(text: str, why: str) -> None:
    with pytest.raises(ValueError, match=why) as caught:
        parse_duration(text)
    assert len(str(caught.value)) < 200 and "\n" not in str(caught.value)


@given(
    st.lists(st.integers(0, 50), min_size=len(UNITS), max_size=len(UNITS)),
    st.sampled_from(["", " "]),
)
def test_any_amounts_in_unit_order_add_up(amounts: list[int], gap: str) -> None:
    parts = [f"{n}{unit}" for n, unit in zip(amounts, UNITS, strict=True) if n]
    total = sum(n * UNITS[unit] for n, unit in zip(amounts, UNITS, strict=True))
    if not parts:
        return
    assert parse_duration(gap.join(parts)).total_seconds() == total
