"""Makes untrusted text (issue titles, culprits, vendor messages) inert before it is drawn.

This is the one boundary where vendor data becomes something a terminal shows: control
characters become visible escapes, so no byte from the data can move the cursor, set a window
title or write the clipboard. Callers still build `rich.text.Text` from the result (never markup).
"""

from __future__ import annotations

import unicodedata

DEFAULT_LIMIT = 300

_INVISIBLE_FORMAT = {"Cf"}  # bidi overrides, zero-width joiners and spaces, BOM, ...


def _escape(char: str) -> str:
    code = ord(char)
    if code < 0x20 or code == 0x7F or 0x80 <= code <= 0x9F:
        return f"\\x{code:02x}"
    return f"<U+{code:04X}>"


def inert(text: str, limit: int | None = DEFAULT_LIMIT) -> str:
    """Returns `text` with every control and invisible format character shown as an escape,
    cut to `limit` characters (with an ellipsis) when a limit is given."""
    out = []
    for char in text:
        code = ord(char)
        if code < 0x20 or 0x7F <= code <= 0x9F or unicodedata.category(char) in _INVISIBLE_FORMAT:
            out.append(_escape(char))
        else:
            out.append(char)
    safe = "".join(out)
    if limit is not None and len(safe) > limit:
        return safe[: max(0, limit - 1)] + "…"
    return safe
