"""The rollback stopwatch against the plan's target ("< 5 minutes" for the immediate group)."""

from __future__ import annotations

from textual.widgets import Static


def _clock(seconds: float) -> str:
    whole = int(seconds)
    return f"{whole // 60}:{whole % 60:02d}"


class RunbookStopwatch(Static):
    DEFAULT_CSS = """
    RunbookStopwatch { height: 1; padding: 0 1; background: $panel; color: $foreground; }
    RunbookStopwatch.-running { background: $warning-muted; text-style: bold; }
    RunbookStopwatch.-over { background: $error; color: $text; text-style: bold; }
    RunbookStopwatch.-finished { background: $success-muted; }
    """

    def show_time(
        self,
        elapsed: float | None,
        target: float | None,
        finished: bool,
        label: str,
        *,
        dry_run: bool = False,
    ) -> None:
        """Draws `⏱ 1:42 / 5:00 Immediate rollback`; before the first step, says when it starts.
        Under `dry_run` a finished group is "rehearsed", never "done": nothing was carried out."""
        budget = f" / {_clock(target)} target" if target else ""
        if elapsed is None:
            text = f"⏱ --:--{budget} · starts at the first confirmed step"
        elif finished and dry_run:
            text = f"⏱ {_clock(elapsed)}{budget} · {label} rehearsed (dry run: nothing ran)"
        elif finished:
            text = f"⏱ {_clock(elapsed)}{budget} · {label} done"
        else:
            over = target is not None and elapsed > target
            text = f"⏱ {_clock(elapsed)}{budget} · {label}{' · OVER TARGET' if over else ''}"
        over_now = elapsed is not None and target is not None and elapsed > target
        self.set_class(elapsed is not None and not finished and not over_now, "-running")
        self.set_class(over_now and not finished, "-over")
        self.set_class(finished, "-finished")
        if text != getattr(self, "_shown", None):
            self._shown = text
            self.update(text)
