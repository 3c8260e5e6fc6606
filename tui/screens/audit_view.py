"""The audit log, newest first, as the app's view of `warroom audit`."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Footer, Log, Static

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
    AuditViewScreen Log { height: 1fr; }
    """

    def __init__(self, audit: AuditLog) -> None:
        super().__init__()
        self._audit = audit

    def compose(self) -> ComposeResult:
        yield Static(f"Audit log {self._audit.path} (newest first)", id="where")
        yield Static("", id="problems")
        yield Log(id="records")
        yield Footer()

    def on_mount(self) -> None:
        self.action_reload()

    def action_reload(self) -> None:
        log = self.query_one(Log)
        log.clear()
        try:
            result = self._audit.read()
        except OSError as exc:
            self.query_one("#problems", Static).update(f"cannot read: {exc.strerror or exc}")
            return
        self.query_one("#problems", Static).update(
            "\n".join(inert(p, 200) for p in result.problems[-5:])
        )
        records = result.records[-SHOWN:]
        if not records:
            log.write_line("(no records yet)")
        for record in reversed(records):
            log.write_line(inert(text_line(record), 400))
