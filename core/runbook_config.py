"""Manual rollback steps and their actions, as configured.

Only the shapes live here; running them is `core.runbook`. Secrets are never values in the
config: headers and environment entries name environment variables (`${NAME}`).
"""

from __future__ import annotations

import math
import re
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit

from pydantic import Field, ValidationInfo, field_validator, model_validator

from warroom.core.config_checks import LOCATED, runbook_problems, unlocated
from warroom.core.plan import IDENT
from warroom.core.settings.common import Seconds, StrictModel, Text

# A URL that is wholly one `${NAME}` reference (a Slack webhook is itself a secret) can only be
# checked once expanded, when the step runs; any other URL must say http or https itself.
_WHOLE_REFERENCE = re.compile(r"^\$\{[A-Za-z_][A-Za-z0-9_]*\}")
Argument = Annotated[str, Field(min_length=1)]
HttpStatus = Annotated[int, Field(ge=100, le=599)]


class ManualAction(StrictModel):
    """A checklist item the operator marks done."""

    kind: Literal["manual"] = "manual"
    note: Text = ""


class SimulatedAction(StrictModel):
    """An operation on the simulated launch (only meaningful in `warroom demo`)."""

    kind: Literal["simulated"] = "simulated"
    operation: str


class CommandAction(StrictModel):
    """An argv list run without a shell."""

    kind: Literal["command"] = "command"
    argv: list[Argument] = Field(min_length=1, description="no empty elements")
    env_allow: list[str] = Field(default_factory=lambda: ["PATH", "HOME", "LANG", "KUBECONFIG"])
    secrets: list[str] = Field(default_factory=list, description="env vars passed through")
    cwd: str | None = None


class HttpAction(StrictModel):
    """An HTTP request; header values may reference `${ENV_VAR}` and are masked when shown."""

    kind: Literal["http"] = "http"
    method: Literal["GET", "POST", "PUT", "PATCH", "DELETE"] = "POST"
    url: str
    headers: dict[str, str] = Field(default_factory=dict)
    json_body: dict[str, Any] | None = Field(default=None, alias="json")
    expect_status: list[HttpStatus] = Field(
        default_factory=lambda: [200, 201, 202, 204], min_length=1
    )

    @field_validator("url")
    @classmethod
    def _http_url(cls, url: str) -> str:
        if _WHOLE_REFERENCE.match(url):
            return url
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ValueError("must be an http:// or https:// URL with a host")
        return url

    @field_validator("json_body")
    @classmethod
    def _finite(cls, body: dict[str, Any] | None) -> dict[str, Any] | None:
        if body is not None and not _all_finite(body):
            raise ValueError("numbers must be finite (no nan or inf): JSON cannot carry them")
        return body


class DatadogEventAction(StrictModel):
    """Posts an annotation to Datadog's event stream."""

    kind: Literal["datadog_event"] = "datadog_event"
    title: str
    text: str = ""
    tags: list[str] = Field(default_factory=list)


DeploymentType = Literal["BASIC", "BLUE_GREEN", "CANARY", "OTHER", "ROLLING", "SHADOW"]


class NewRelicMarkerAction(StrictModel):
    """Records a New Relic deployment marker (change tracking) on an APM entity, so its
    charts show when the rollback happened. Text fields may reference `${ENV_VAR}`."""

    kind: Literal["newrelic_marker"] = "newrelic_marker"
    version: str = Field(min_length=1, description="the version running after this step")
    description: str = ""
    entity_guid: str | None = Field(
        default=None, description="default: [sources.newrelic] entity_guid"
    )
    deployment_type: DeploymentType = "BASIC"
    user: str = Field(default="", description="default: $USER")
    changelog: str = ""
    commit: str = ""
    group_id: str = ""


class FlagOffAction(StrictModel):
    """Turns launch flags off in one environment, through the `[rollout]` provider."""

    kind: Literal["flag_off"] = "flag_off"
    flags: list[str] = Field(
        default_factory=list, description="flag keys; default: every [rollout] flag"
    )
    environment: str | None = Field(default=None, description="default: [rollout].environment")


class FlagRolloutAction(StrictModel):
    """Sets one flag's rollout percentage: a value, or the plan's next / previous stage."""

    kind: Literal["flag_rollout"] = "flag_rollout"
    pct: Annotated[float, Field(ge=0, le=100)] | Literal["next", "prev"]
    flag: str | None = Field(default=None, description="default: the first [rollout] flag")
    environment: str | None = Field(default=None, description="default: [rollout].environment")


FLAG_KINDS = ("flag_off", "flag_rollout")

Action = Annotated[
    ManualAction
    | SimulatedAction
    | CommandAction
    | HttpAction
    | DatadogEventAction
    | NewRelicMarkerAction
    | FlagOffAction
    | FlagRolloutAction,
    Field(discriminator="kind"),
]


def _all_finite(node: Any) -> bool:
    """True when no float anywhere inside `node` is NaN or infinite. Iterative: a config may
    nest deeply, and recursion would end in a RecursionError rather than an answer."""
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, float) and not math.isfinite(item):
            return False
        if isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return True


class RunbookGroup(StrictModel):
    id: str = Field(pattern=IDENT)
    title: Text
    target_minutes: float | None = Field(default=None, gt=0, le=1440)
    key: str | None = Field(
        default=None,
        pattern=r"^[A-Z]$",
        description="upper-case key that runs the whole group (default: its first free letter)",
    )


RESERVED_KEYS = "aqrx"
"""Lower-case keys the app and the runbook screen use themselves (audit, quit, runbook, cancel)."""


class RunbookStep(StrictModel):
    id: str = Field(pattern=IDENT)
    title: Text
    group: str
    key: str | None = Field(
        default=None,
        pattern=r"^[0-9a-z]$",
        description="single-key shortcut (default: the next free digit)",
    )
    action: Action = Field(default_factory=ManualAction)
    demo_action: Action | None = Field(
        default=None, description="what the step does in `warroom demo` instead"
    )
    rollout_action: Action | None = Field(
        default=None,
        description="what the step does instead when a flag provider is at hand ([rollout]'s, "
        "or the demo's simulated flags; it wins over demo_action), e.g. flag_off",
    )
    timeout: Seconds | None = None
    requires: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _free_key(self) -> RunbookStep:
        if self.key is not None and self.key in RESERVED_KEYS:
            raise ValueError(
                f"step {self.id!r}: key {self.key!r} is taken by the app ({RESERVED_KEYS})"
            )
        return self


class RunbookConfig(StrictModel):
    groups: list[RunbookGroup] = Field(default_factory=list)
    steps: list[RunbookStep] = Field(default_factory=list)
    audit_path: str | None = Field(
        default=None, description="default: $XDG_STATE_HOME/warroom/audit.jsonl"
    )
    kill_grace: float = Field(
        default=3.0, gt=0, le=60, description="seconds between SIGTERM and SIGKILL of a command"
    )

    @model_validator(mode="after")
    def _references(self, info: ValidationInfo) -> RunbookConfig:
        if not (info.context or {}).get(LOCATED):
            unlocated(runbook_problems(self))
        return self
