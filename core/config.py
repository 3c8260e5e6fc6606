"""The whole configuration: the launch plan plus sources, UI and runbook settings.

`load_config` reads TOML, overlays it on the built-in default plan (core/config_overlay.py) and
validates it. Every mistake becomes one `path:line: key: what was expected` line in a
`ConfigError`, at the line of the user's file for what the user wrote.
"""

from __future__ import annotations

import tomllib
from collections.abc import Collection, Mapping
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import Field, ValidationError, ValidationInfo, model_validator

from warroom.core.checklists.config import Checklist
from warroom.core.config_checks import LOCATED, config_problems, unlocated
from warroom.core.config_errors import (
    MAX_NESTING,
    Located,
    describe_syntax_error,
    describe_validation_errors,
    too_deep,
)
from warroom.core.config_overlay import Keyed, Overlaid, overlay
from warroom.core.errors import ConfigError
from warroom.core.guard.config import GuardConfig
from warroom.core.paths import UserDir, user_dir
from warroom.core.plan import (
    TABS,
    Criterion,
    Launch,
    MetricDef,
    Stage,
    Tab,
    ThresholdRule,
    TrendRule,
    Trigger,
    UiConfig,
)
from warroom.core.plan_cache import cached
from warroom.core.rollout.config import RolloutConfig
from warroom.core.runbook_config import RunbookConfig
from warroom.core.settings import SourcesConfig
from warroom.core.settings.common import StrictModel
from warroom.core.settings.history import HistorySettings

DEFAULT_PLAN_NAME = "default_plan.toml"
BUILT_IN_LABEL = "<built-in plan>"


class Config(StrictModel):
    replace: list[Keyed] = Field(
        default_factory=list,
        description="sections whose entries in this file replace the built-in ones wholesale "
        "instead of merging with them by id",
    )
    launch: Launch = Field(default_factory=Launch)
    ui: UiConfig = Field(default_factory=UiConfig)
    stages: list[Stage] = Field(default_factory=list)
    metrics: list[MetricDef] = Field(default_factory=list)
    alerts: list[ThresholdRule] = Field(default_factory=list)
    trends: list[TrendRule] = Field(default_factory=list)
    triggers: list[Trigger] = Field(default_factory=list)
    criteria: list[Criterion] = Field(default_factory=list)
    runbook: RunbookConfig = Field(default_factory=RunbookConfig)
    sources: SourcesConfig = Field(default_factory=SourcesConfig)
    history: HistorySettings = Field(default_factory=HistorySettings)
    rollout: RolloutConfig = Field(default_factory=RolloutConfig)
    checklists: list[Checklist] = Field(default_factory=list)
    autorollback: GuardConfig = Field(default_factory=GuardConfig)

    @model_validator(mode="after")
    def _cross_checked(self, info: ValidationInfo) -> Config:
        # `load_config` runs these checks itself, to give each problem its line.
        if not (info.context or {}).get(LOCATED):
            unlocated(config_problems(self))
        return self

    def metric(self, metric_id: str) -> MetricDef:
        """Returns the metric with that id. Raises KeyError if there is none."""
        for m in self.metrics:
            if m.id == metric_id:
                return m
        raise KeyError(metric_id)

    def metrics_on(self, tab: Tab) -> list[MetricDef]:
        """The tab's metrics, most important first: those a rollback trigger watches, then
        those an alert watches, then the rest, each in plan order. On a small terminal the
        first tiles are the ones that are visible without scrolling."""
        triggers = {t.metric for t in self.triggers}
        alerts = {a.metric for a in self.alerts} | {m for t in self.trends for m in t.metrics}
        on_tab = [m for m in self.metrics if m.tab == tab or tab in m.also_on]
        return sorted(on_tab, key=lambda m: 0 if m.id in triggers else 1 if m.id in alerts else 2)


def default_plan_text() -> str:
    """The commented TOML of the built-in plan, as `warroom config init` writes it."""
    return resources.files("warroom.core").joinpath(DEFAULT_PLAN_NAME).read_text(encoding="utf-8")


def default_config() -> Config:
    text = default_plan_text()
    return cached((BUILT_IN_LABEL, text), Config, lambda: config_from_text(text, BUILT_IN_LABEL))


def config_from_text(text: str, label: str) -> Config:
    """A whole plan given as TOML text (the built-in plan, or one of its APM variants), not
    overlaid on anything.

    Raises:
        ConfigError: the text is not TOML or fails validation; lines are named after `label`.
    """
    merged = overlay({}, _parse(text, label))
    return _validate(merged, Located.of((label, text), origins=merged.origins), None)


def find_config_path(explicit: str | None, env: Mapping[str, str] | None = None) -> Path | None:
    """Lookup order: `--config`, ./warroom.toml, $XDG_CONFIG_HOME/warroom/config.toml.

    Returns None when no file exists (the built-in plan applies). An explicit path is returned
    even if missing, so that the caller reports it.
    """
    if explicit:
        return Path(explicit)
    local = Path("warroom.toml")
    if local.is_file():
        return local
    user = user_dir(UserDir.CONFIG, env) / "config.toml"
    return user if user.is_file() else None


def load_config(path: Path | None, *, themes: Collection[str] | None = None) -> Config:
    """Reads and validates a config file overlaid on the default plan. `themes`: the theme
    names that exist (the UI layer knows them); None leaves `[ui] theme` unchecked.

    Raises:
        ConfigError: the file is missing, unreadable, not TOML, or fails validation.
    """
    if path is None:
        config = default_config()
        _check(config, Located.of((BUILT_IN_LABEL, default_plan_text())), themes)
        return config
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError([f"{path}: file not found"]) from None
    except IsADirectoryError:
        raise ConfigError([f"{path}: is a directory, not a config file"]) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError([f"{path}: cannot read: {exc}"]) from None
    default = default_plan_text()

    def build() -> Config:
        merged = overlay(tomllib.loads(default), _parse(text, str(path)))
        where = Located.of((str(path), text), (BUILT_IN_LABEL, default), origins=merged.origins)
        return _validate(merged, where, themes)

    # The theme names are part of the key: which themes exist decides if `[ui] theme` is valid.
    names = "\n".join(sorted(themes)) if themes is not None else "\0unchecked"
    return cached((str(path), text, default, names), Config, build)


def _parse(text: str, label: str) -> dict[str, Any]:
    deep = too_deep(text)
    if deep is not None:
        raise ConfigError([f"{label}:{deep}: syntax: nested more than {MAX_NESTING} levels deep"])
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError([describe_syntax_error(label, text, exc)]) from None
    except RecursionError:  # the scan above is rough; this is its safety net
        raise ConfigError([f"{label}:1: syntax: nested too deeply"]) from None


def _validate(merged: Overlaid, where: Located, themes: Collection[str] | None) -> Config:
    own = where.own_problems(merged.problems)
    try:
        config = Config.model_validate(merged.data, context={LOCATED: True})
    except ValidationError as exc:
        raise ConfigError(own + describe_validation_errors(where, exc, merged.data)) from None
    except RecursionError:
        raise ConfigError([where.line((), "(top level)", "nested too deeply")]) from None
    _check(config, where, themes, merged)
    return config


def _check(
    config: Config, where: Located, themes: Collection[str] | None, merged: Overlaid | None = None
) -> None:
    problems = config_problems(config, themes, where.key)
    if merged is not None:  # a rule naming a metric the file removed: said once, at the removal
        problems = [p for p in problems if p[0] not in merged.superseded]
    lines = (where.own_problems(merged.problems) if merged else []) + where.problems(problems)
    if lines:
        raise ConfigError(lines)


__all__ = [
    "TABS",
    "Config",
    "config_from_text",
    "default_config",
    "find_config_path",
    "load_config",
    "overlay",
]
