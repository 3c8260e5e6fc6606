"""core.textsafe against the hostile corpus: nothing acts, everything shows, limits hold."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.console import Console
from rich.text import Text
from textual.content import Content

from tests.hostile.corpus import CORPUS, MARKUP, UNSAFE
from warroom.core.textsafe import ELLIPSIS, inert, inert_markup, inert_rich_markup

NAMES = sorted(CORPUS)


def textual_plain(safe: str) -> str:
    """What Textual shows for `inert_markup`: the inert text, a space after a final backslash."""
    return safe + " " if safe.endswith("\\") else safe


def unsafe_in(text: str) -> set[int]:
    return {ord(c) for c in text} & UNSAFE


@pytest.mark.parametrize("name", NAMES)
def test_inert_leaves_no_unsafe_code_point(name: str) -> None:
    for limit in (None, 300, 40):
        assert unsafe_in(inert(CORPUS[name], limit)) == set()


@pytest.mark.parametrize("name", NAMES)
def test_inert_output_renders_through_rich_without_escapes(name: str) -> None:
    console = Console(
        width=400, record=True, force_terminal=True, color_system="truecolor", legacy_windows=False
    )
    console.print(Text(inert(CORPUS[name], 300)), end="")
    plain = console.export_text(styles=False)
    assert unsafe_in(plain) == set()
    styled = console.export_text(styles=True)
    # Only rich's own (style-free) output remains: no colour or link codes from the data.
    assert "\x1b]8;" not in styled and "\x1b[31m" not in styled and "\x1b[2J" not in styled


@pytest.mark.parametrize("name", NAMES)
def test_markup_escapes_show_exactly_the_inert_text(name: str) -> None:
    """Inside the caller's own markup, the data shows as `inert` text and adds no style."""
    expected = inert(CORPUS[name], 300)
    rich_text = Text.from_markup(f"[b]{inert_rich_markup(CORPUS[name], 300)}[/b]", emoji=False)
    assert rich_text.plain == expected
    assert [(s.start, s.end, s.style) for s in rich_text.spans] == [(0, len(expected), "bold")]
    content = Content.from_markup(f"[b]{inert_markup(CORPUS[name], 300)}[/b]")
    assert content.plain == textual_plain(expected)
    assert {s.style for s in content.spans} == {"b"}


@pytest.mark.parametrize("name", sorted(MARKUP))
def test_markup_alone_is_literal(name: str) -> None:
    assert not Text.from_markup(inert_rich_markup(CORPUS[name]), emoji=False).spans
    assert not Content.from_markup(inert_markup(CORPUS[name])).spans
    assert Content.from_markup(inert_markup(CORPUS[name])).plain == textual_plain(
        inert(CORPUS[name])
    )


def test_visible_escapes_name_what_was_there() -> None:
    assert inert("\x1b[31mRED") == "\\x1b[31mRED"
    assert inert("\x9b31m") == "\\x9b31m"
    assert inert("a\u202eb\u200bc") == "a<U+202E>b<U+200B>c"
    assert inert("x\ud800y") == "x<U+D800>y"
    assert inert("Ошибка 🃏 [0]") == "Ошибка 🃏 [0]"


def test_long_title_is_cut_with_an_ellipsis_and_whole_escapes() -> None:
    assert len(inert("A" * 5000)) == 300 and inert("A" * 5000).endswith(ELLIPSIS)
    cut = inert("\x1b" * 100, 10)
    assert cut == "\\x1b\\x1b" + ELLIPSIS  # never half an escape such as "\x1"
    assert inert("short", 10) == "short"
    assert inert("A" * 5000, None) == "A" * 5000


@given(st.text(alphabet=st.characters(codec=None, exclude_categories=()), max_size=200))
def test_property_no_unsafe_code_point_survives(text: str) -> None:
    out = inert(text, 120)
    assert unsafe_in(out) == set()
    assert len(out) <= 120
    assert Text.from_markup(f"[b]{inert_rich_markup(text, 120)}[/b]", emoji=False).plain == out
    assert Content.from_markup(f"[b]{inert_markup(text, 120)}[/b]").plain == textual_plain(out)
