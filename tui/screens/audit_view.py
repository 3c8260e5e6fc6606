"""The audit log, newest first, as the app's view of `warroom audit`.

Records wrap at the screen's width: an audit line cut at the edge of an 80-column terminal hid
the outcome and the reason, the parts an operator opens the log for.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from warroom.core.runbook import AuditLog
from warroom.core.runbook.audit_read import text_line
from warroom.core.textsafe import inert

SHOWN = 500  # newest records shown; `warroom audit` prints them all


class AuditViewScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,a", "app.pop_screen", "Back"),
        Binding("f5", "reload", "Reload"),
    ]
    DEFAULT_CSS = """
    AuditViewScreen #where { height: auto; padding: 0 1; background: $panel; }
    AuditViewScreen #problems { height: auto; padding: 0 1; color: $warning; }
    AuditViewScreen VerticalScroll { height: 1fr; padding: 0 1; }
    """

    def __init__(self, audit: AuditLog) -> None:
        super().__init__()
        self._audit = audit
        self.shown: list[str] = []
        """The records' lines as shown, newest first."""

    def compose(self) -> ComposeResult:
        yield Static(f"Audit log {self._audit.path} (newest first)", id="where")
        yield Static("", id="problems")
        with VerticalScroll():
            yield Static("", id="records")
        yield Footer()

    def on_mount(self) -> None:
        self.action_reload()

    def action_reload(self) -> None:
        try:
            result = self._audit.read()
        except OSError as exc:
            self.query_one("#problems", Static).update(f"cannot read: {exc.strerror or exc}")
            return
        self.query_one("#problems", Static).update(
            "\n".join(inert(p, 200) for p in result.problems[-5:])
        )
        records = result.records[-SHOWN:]
        self.shown = [inert(text_line(r), 400) for r in reversed(records)]
        body = Text("\n").join(Text(line) for line in self.shown)
        self.query_one("#records", Static).update(body if self.shown else "(no records yet)")
