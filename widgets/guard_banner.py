"""The automatic rollback's banner: what tripped, on which readings, what runs, the
countdown and the key that aborts it. It cannot be missed while a countdown runs (two bold
lines on the error colour, the key first so a narrow terminal never cuts it off), and it
stays as one quiet line while the guard is armed, so people know it is on."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from warroom.core.format import format_clock, format_value
from warroom.core.guard.rule import Evidence
from warroom.core.guard.view import GuardStatus
from warroom.core.textsafe import inert

ABORT_KEY = "a"
REARM_KEY = "A"
PHASE_CLASSES = ("-countdown", "-acting", "-frozen", "-done", "-failed", "-armed", "-blind")


def reading(e: Evidence) -> str:
    """`1.90 > 1 at 12:01:30`: one reading that counted, with its threshold and time."""
    return f"{format_value(e.value)} {e.op} {format_value(e.threshold)} at {format_clock(e.ts)}"


def banner_lines(s: GuardStatus, now: float) -> tuple[list[str], str]:
    """The banner's lines and its CSS class, for a guard status at `now`."""
    left = s.remaining(now)
    if s.phase == "countdown" and left is not None:
        return _countdown(s, left), "-countdown"
    if s.frozen:
        return [f"✖ AUTOMATIC ROLLBACK FROZEN, it will not act: {s.frozen}{_where(s)}"], "-frozen"
    if s.phase == "acting":
        return [f"⚙ AUTOMATIC ROLLBACK running {s.group}: {_list(s.runs)}{_where(s)}"], "-acting"
    if s.phase == "stood-down":
        mark, word, css = ("✖", "FAILED", "-failed") if s.failed else ("✔", "RAN", "-done")
        # The key first, so that a narrow terminal never cuts it off.
        head = f"{mark} AUTOMATIC ROLLBACK {word}, stood down — press {REARM_KEY} to re-arm"
        return [f"{head} │ {s.group}: {s.outcome or 'done'}{_where(s)}"], css
    return [_armed(s)], "-blind" if s.blind or s.problem else "-armed"


def _countdown(s: GuardStatus, left: float) -> list[str]:
    mode = " (dry run: records, acts on nothing)" if s.dry_run else ""
    if s.mode == "advise":
        mode = " (advise: it will not act)"
    head = f"⚠ AUTOMATIC ROLLBACK in {left:.0f}s — press {ABORT_KEY} to abort{mode}"
    why = f"{s.message or s.trigger}: {', '.join(reading(e) for e in s.evidence)}"
    runs = f"runs {s.group}: {_list(s.runs)}"
    if s.needs_person:
        runs += f" · needs a person: {_list(s.needs_person)}"
    return [f"{head} │ {why}", f"{runs}{_where(s)}"]


def _armed(s: GuardStatus) -> str:
    if s.phase == "waiting":
        text = "◌ automatic rollback: waiting for the lease holder"
    else:
        text = f"◉ automatic rollback {s.mode.upper()}: {s.group} on a sustained trigger"
    if s.blind:
        text += " · BLIND: " + "; ".join(f"{msg} ({why})" for msg, why in s.blind)
    return text + _where(s)


def _where(s: GuardStatus) -> str:
    out = ""
    if s.holder and not s.holding:
        out += f" · held by {s.holder}"
    if s.problem:
        out += f" · ⚠ {s.problem}"
    return out


def _list(titles: tuple[str, ...]) -> str:
    return ", ".join(titles) or "nothing"


def header_mark(s: GuardStatus, now: float) -> str:
    """The header's short word for the guard: `AUTO-ROLLBACK IN 27s`, `… FROZEN`, …"""
    left = s.remaining(now)
    if left is not None:
        return f"AUTO-ROLLBACK IN {left:.0f}s"
    if s.frozen:
        return "AUTO-ROLLBACK FROZEN"
    word = {"acting": "RUNNING", "waiting": "WAITING", "armed": s.mode.upper()}
    if s.phase == "stood-down":
        return "AUTO-ROLLBACK FAILED" if s.failed else "AUTO-ROLLBACK RAN"
    return f"AUTO-ROLLBACK {word.get(s.phase, s.phase.upper())}"


class GuardBanner(Static):
    """The guard's state. Hidden while the guard is off (nothing is ever shown then)."""

    DEFAULT_CSS = """
    GuardBanner { height: auto; max-height: 2; padding: 0 1; display: none;
                  text-wrap: nowrap; text-overflow: ellipsis;
                  background: $panel; color: $foreground; }
    GuardBanner.-shown { display: block; }
    GuardBanner.-countdown { background: $error; color: $text; text-style: bold; }
    GuardBanner.-acting { background: $error; color: $text; text-style: bold; }
    GuardBanner.-frozen { background: $error; color: $text; text-style: bold; }
    GuardBanner.-failed { background: $error-muted; text-style: bold; }
    GuardBanner.-blind { background: $warning-muted; text-style: bold; }
    """

    def show_guard(self, status: GuardStatus | None, now: float) -> None:
        """Draws `status` (None: the guard is off here)."""
        lines, css = banner_lines(status, now) if status is not None else ([], "")
        text = "\n".join(inert(line, 400) for line in lines)
        before = getattr(self, "_shown", None)
        if text == before:
            return
        self._shown = text
        self.set_class(bool(lines), "-shown")
        for name in PHASE_CLASSES:
            self.set_class(name == css, name)
        self.update(Text(text), layout=before is None or before.count("\n") != text.count("\n"))
