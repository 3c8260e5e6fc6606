"""Helpers to read what a headless Textual app actually drew, segment by segment."""

from __future__ import annotations

from typing import Any

from textual.app import App
from textual.strip import Strip

from tests.hostile.corpus import CORPUS, UNSAFE
from warroom.core.model import Issue


def drawn(app: App[Any]) -> list[Strip]:
    """The strips of the whole screen as the compositor would send them to the terminal."""
    return list(app.screen._compositor.render_strips())


def screen_text(strips: list[Strip]) -> str:
    return "\n".join(strip.text for strip in strips)


def assert_inert(strips: list[Strip]) -> None:
    """No unsafe code point was drawn, and no segment carries a link or an action from data."""
    text = screen_text(strips)
    leaked = {f"U+{ord(c):04X}" for c in text if ord(c) in UNSAFE and c != "\n"}
    assert not leaked, leaked
    for strip in strips:
        for segment in strip:
            style = segment.style
            if style is None:
                continue
            assert not style.link, segment
            assert "@click" not in (style.meta or {}), segment


def hostile_issues(now: float) -> list[Issue]:
    """One issue per corpus entry, the hostile text in every text field."""
    return [
        Issue(
            key=name,
            title=text,
            level="error",
            count=index + 1,
            users=1,
            first_seen=now - 60,
            last_seen=now - 30,
            culprit=text,
            release=text,
            permalink=text,
            is_new=True,
        )
        for index, (name, text) in enumerate(sorted(CORPUS.items()))
    ]


def packed_issues(now: float) -> list[Issue]:
    """Four corpus entries per issue (title, culprit, release, permalink): fewer screens."""
    texts = [text for _, text in sorted(CORPUS.items())]
    groups = [
        texts[i : i + 4] + [""] * (4 - len(texts[i : i + 4])) for i in range(0, len(texts), 4)
    ]
    return [
        Issue(
            key=f"packed-{n}",
            title=title,
            level="error",
            count=1,
            users=1,
            first_seen=now - 60,
            last_seen=now - 30,
            culprit=culprit,
            release=release,
            permalink=permalink,
        )
        for n, (title, culprit, release, permalink) in enumerate(groups)
    ]
