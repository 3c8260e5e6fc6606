"""Confirmation of runbook steps: shows exactly what will run; only `yes` + Enter runs it.

There is no Run button: the text field has the focus, so no stray Enter or Space can start
a step. Escape cancels (and the caller records the cancellation).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from warroom.core.textsafe import inert

CONFIRM_WORD = "yes"


class ConfirmScreen(ModalScreen[bool]):
    """Dismisses with True only after the operator typed `yes` and pressed Enter."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]
    DEFAULT_CSS = """
    ConfirmScreen { align: center middle; }
    ConfirmScreen > Vertical { width: 100; max-width: 100%; height: auto; max-height: 90%;
                               border: thick $error; background: $surface; padding: 0 1; }
    ConfirmScreen #heading { text-style: bold; color: $error; }
    ConfirmScreen #what { height: auto; max-height: 20; }
    ConfirmScreen #mode { color: $warning; text-style: bold; }
    ConfirmScreen #problem { color: $error; height: auto; }
    """

    def __init__(
        self,
        heading: str,
        steps: Sequence[tuple[str, Sequence[str]]],
        mode: str,
        current: Callable[[], Awaitable[Sequence[Sequence[str]]]] | None = None,
    ) -> None:
        """`steps`: (title, lines of what it runs) each, already masked; `mode` e.g. DRY RUN.
        `current` reads the state the steps act on now (a flag's value): one list of lines
        per step, shown under it; `yes` is accepted only once they are on screen."""
        super().__init__()
        self._heading = heading
        self._steps = steps
        self._mode = mode
        self._current = current
        self._now: Sequence[Sequence[str]] | None = None if current else ()

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(inert(self._heading, 200)), id="heading")
            if self._mode:
                yield Static(self._mode, id="mode")
            with VerticalScroll(id="what"):
                yield Static(self._describe(), id="what-text")
            yield Static("", id="problem")
            yield Input(
                placeholder=f"type {CONFIRM_WORD} and press Enter · Escape cancels", id="answer"
            )

    def _describe(self) -> Text:
        text = Text()
        for number, (title, lines) in enumerate(self._steps, start=1):
            text.append(f"{number}. {inert(title, 120)}\n", style="bold")
            for line in lines:
                text.append(f"   {inert(line, 300)}\n")
            if self._now is None:
                text.append("   now: reading…\n", style="italic")
            elif number <= len(self._now):
                for line in self._now[number - 1]:
                    text.append(f"   now: {inert(line, 300)}\n", style="bold")
        return text

    def on_mount(self) -> None:
        self.query_one(Input).focus()
        if self._current is not None:
            self.run_worker(self._read_current(self._current), exclusive=True)

    async def _read_current(
        self, current: Callable[[], Awaitable[Sequence[Sequence[str]]]]
    ) -> None:
        self._now = await current()
        self.query_one("#what-text", Static).update(self._describe())

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self._now is None:
            self.query_one("#problem", Static).update(
                "Still reading the current state: confirm once it is shown."
            )
            return
        if event.value.strip() == CONFIRM_WORD:
            self.dismiss(True)
            return
        event.input.clear()
        self.query_one("#problem", Static).update(
            f"Not confirmed: type {CONFIRM_WORD} to run, or press Escape to cancel."
        )

    def action_cancel(self) -> None:
        self.dismiss(False)
