"""Asks before quitting while a runbook step (or a rollout advance) runs: quitting cancels
it, and kills a command's process group, which is itself an action on production."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from warroom.core.textsafe import inert


class QuitWhileRunningScreen(ModalScreen[bool]):
    """Dismisses with True to cancel the steps and quit, False to stay."""

    BINDINGS = [
        Binding("y", "decide(True)", "Cancel the steps and quit"),
        Binding("n,escape", "decide(False)", "Stay"),
    ]
    DEFAULT_CSS = """
    QuitWhileRunningScreen { align: center middle; }
    QuitWhileRunningScreen > Vertical { width: 70; max-width: 100%; height: auto;
                                        border: heavy $error; background: $surface; padding: 1 2; }
    """

    def __init__(self, titles: Sequence[str]) -> None:
        super().__init__()
        self._titles = list(titles)

    def compose(self) -> ComposeResult:
        text = Text("An action on production is running:\n", style="bold")
        for title in self._titles:
            text.append(f"  ▶ {inert(title, 80)}\n")
        text.append(
            "\nQuitting cancels it (a command's process group is killed; a flag change may"
            "\nalready have been sent); the audit log records that.\n"
        )
        text.append("y", style="bold reverse")
        text.append(" cancel the steps and quit    ")
        text.append("n", style="bold reverse")
        text.append(" / escape stay")
        with Vertical():
            yield Static(text)

    def action_decide(self, quit_now: bool) -> None:
        self.dismiss(quit_now)
