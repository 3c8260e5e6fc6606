"""Makes untrusted text (issue titles, culprits, vendor messages) inert before it is drawn.

This is the one boundary where vendor data becomes something a terminal shows. `inert` turns
every character that could act instead of show into a visible escape:

- C0 and C1 controls and DEL (`\\x1b`, `\\x9b`, ...): so no ANSI CSI or OSC sequence (window
  title, OSC 52 clipboard write, OSC 8 link) can form, whether 7-bit or 8-bit;
- Unicode format characters (category Cf: bidi overrides and isolates, zero-width space and
  joiners, BOM, soft hyphen, ...), line and paragraph separators, lone surrogates (which would
  crash the encoder) and the invisible Hangul fillers, shown as `<U+202E>`.

The result is plain text for `rich.text.Text(...)` / Textual `Content(...)`, which never
interpret markup: that is how widgets should draw it. Where text must go into a markup
*string*, use `inert_markup` (Textual: `Static("...")`, `notify()`) or `inert_rich_markup`
(rich: `Text.from_markup`, DataTable `str` cells), which also escape tags such as
`[@click=...]` action links for that parser.
"""

from __future__ import annotations

import re
import unicodedata

DEFAULT_LIMIT = 300
ELLIPSIS = "…"

_ESCAPED_CATEGORIES = {"Cc", "Cf", "Cs", "Zl", "Zp"}
_INVISIBLE = {0x034F, 0x115F, 0x1160, 0x3164, 0xFFA0}  # grapheme joiner, Hangul fillers
# Rich's tag pattern (as in rich.markup.escape), or a backslash right before any other `[`:
# rich turns every `\[` in plain text into `[`, so such a backslash needs doubling too.
_RICH_ESCAPABLE = re.compile(r"(\\*)(\[[a-z#/@][^[]*?])|\\(?=\[)")


def _rich_escape(match: re.Match[str]) -> str:
    backslashes, tag = match.groups()
    return f"{backslashes}{backslashes}\\{tag}" if tag else "\\\\"


def _escape(char: str) -> str:
    code = ord(char)
    if code < 0x20 or code == 0x7F or 0x80 <= code <= 0x9F:
        return f"\\x{code:02x}"
    return f"<U+{code:04X}>"


def _unsafe(char: str) -> bool:
    code = ord(char)
    if code < 0x20 or 0x7F <= code <= 0x9F:
        return True
    if code < 0xA0:
        return False  # printable ASCII: the fast path
    return code in _INVISIBLE or unicodedata.category(char) in _ESCAPED_CATEGORIES


def inert(text: str, limit: int | None = DEFAULT_LIMIT) -> str:
    """Returns `text` with every control and invisible format character shown as an escape,
    cut to at most `limit` characters (ending in an ellipsis) when a limit is given.

    An escape is never cut in half, so a truncated result still shows whole escapes.
    """
    pieces: list[str] = []
    size = 0
    for char in text:
        piece = _escape(char) if _unsafe(char) else char
        pieces.append(piece)
        size += len(piece)
        if limit is not None and size > limit:
            break  # no need to look further: it will be cut
    if limit is None or size <= limit:
        return "".join(pieces)
    kept: list[str] = []
    room = max(0, limit - 1)
    for piece in pieces:
        room -= len(piece)
        if room < 0:
            break
        kept.append(piece)
    return "".join(kept) + ELLIPSIS


def inert_markup(text: str, limit: int | None = DEFAULT_LIMIT) -> str:
    """Returns `inert(text, limit)` escaped for a *Textual* markup string (`Static("...")`,
    `Label`, `notify`, `Content.from_markup`).

    Textual takes far more than rich as a tag (`[A]`, `[ bold]`, `[$var]`, and `[/]` raises
    MarkupError), but always reads `\\[` as a literal bracket, so every `[` is escaped. Textual
    shows the result as `inert(text, limit)`; no tag or `[@click=...]` action survives. A
    trailing backslash gets a space after it, or it would swallow the caller's next tag.
    """
    escaped = inert(text, limit).replace("[", "\\[")
    return escaped + " " if escaped.endswith("\\") else escaped


def inert_rich_markup(text: str, limit: int | None = DEFAULT_LIMIT) -> str:
    """Returns `inert(text, limit)` escaped for a *rich* markup string (`Text.from_markup`,
    and the `str` cells of a Textual DataTable, which rich parses).

    Like `rich.markup.escape` (tag-like brackets escaped, backslashes before them doubled),
    and also a backslash before any other `[`, which rich would otherwise swallow. Rich's
    `:emoji:` codes are not tags and are not touched; pass `emoji=False` where that matters.
    """
    escaped = _RICH_ESCAPABLE.sub(_rich_escape, inert(text, limit))
    trailing = len(escaped) - len(escaped.rstrip("\\"))
    return escaped + "\\" * trailing  # else they would escape whatever markup follows
