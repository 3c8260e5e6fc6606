"""Exactly what a step will do, as lines for the confirmation, the screen and the audit log.

Nothing here expands a `${NAME}` reference, so no secret can reach these lines; values that
are secret by their header name are masked whole.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

from warroom.core.runbook.masking import references, shown_header
from warroom.core.runbook_config import (
    Action,
    CommandAction,
    DatadogEventAction,
    FlagOffAction,
    FlagRolloutAction,
    HttpAction,
    NewRelicMarkerAction,
    SimulatedAction,
)
from warroom.core.scrub import MASK, SECRETS, Scrubber, looks_like_secret_value, looks_secret


def describe(action: Action, timeout: float | None = None) -> list[str]:
    """Returns one or more lines that say what the action runs, secrets masked."""
    limit = f" (timeout {timeout:g} s)" if timeout else ""
    if isinstance(action, CommandAction):
        lines = [f"run argv{limit}: {json.dumps(action.argv)}"]
        if action.cwd:
            lines.append(f"  in directory {action.cwd}")
        lines.append(f"  environment: {', '.join(action.env_allow) or 'empty'}")
        if action.secrets:
            lines.append(f"  secrets from environment: {', '.join(action.secrets)}")
        return lines
    if isinstance(action, HttpAction):
        lines = [f"{action.method} {action.url}{limit}"]
        lines += [f"  {k}: {shown_header(k, v)}" for k, v in action.headers.items()]
        if action.json_body is not None:
            lines.append(f"  json: {json.dumps(action.json_body, sort_keys=True)}")
        lines.append(f"  expect status {', '.join(str(s) for s in action.expect_status)}")
        return lines
    if isinstance(action, DatadogEventAction):
        tags = f" tags {', '.join(action.tags)}" if action.tags else ""
        return [f"post Datadog event {action.title!r}{tags}", *_text_lines(action.text)]
    if isinstance(action, NewRelicMarkerAction):
        entity = action.entity_guid or "the [sources.newrelic] entity_guid"
        lines = [f"record New Relic deployment marker: version {action.version!r} on {entity}"]
        return lines + _text_lines(action.description)
    if isinstance(action, SimulatedAction):
        return [f"simulated launch: {action.operation}"]
    if isinstance(action, FlagOffAction | FlagRolloutAction):
        return [_flag_line(action)]
    return [f"manual: mark done{': ' + action.note if action.note else ''}"]


def _flag_line(action: FlagOffAction | FlagRolloutAction) -> str:
    where = f" in {action.environment}" if action.environment else ""
    if isinstance(action, FlagOffAction):
        flags = ", ".join(action.flags) or "every [rollout] flag"
        return f"turn feature flags off{where}: {flags}"
    target = {"next": "the next stage", "prev": "the previous stage"}.get(str(action.pct))
    flag = action.flag or "the [rollout] stage flag"
    return f"set the rollout of {flag}{where} to {target or f'{action.pct:g}%'}"


def summary(action: Action, timeout: float | None = None) -> str:
    """`describe` as one line, for the audit log and one-line displays."""
    return " | ".join(line.strip() for line in describe(action, timeout))


def _text_lines(text: str) -> list[str]:
    return [f"  {line}" for line in text.splitlines()[:6]]


def secret_names(action: Action) -> list[str]:
    """Environment variables whose values are secrets for this action."""
    if isinstance(action, CommandAction):
        # A variable passed through `env_allow` whose name or value says it is a credential is
        # masked too: the command may echo it whether or not the plan listed it as a secret.
        return [*action.secrets, *(n for n in action.env_allow if looks_secret(n))]
    if isinstance(action, HttpAction):
        texts = [action.url, *action.headers.values(), *_strings(action.json_body)]
        return sorted({name for text in texts for name in references(text)})
    return []


def masker_for(action: Action, env: Mapping[str, str]) -> Scrubber:
    """A scrubber for every secret this action may handle, including literal secret headers,
    on top of the credentials the process registered (its output may quote a vendor's key)."""
    masker = Scrubber.for_names(secret_names(action), env).extend(SECRETS.secrets)
    if isinstance(action, CommandAction):
        passed = (env.get(n, "") for n in action.env_allow)
        masker = masker.extend(v for v in passed if looks_like_secret_value(v))
    if isinstance(action, HttpAction):
        literal = [v for k, v in action.headers.items() if shown_header(k, v) == MASK]
        masker = masker.extend(literal)
    return masker


def _strings(value: Any) -> Iterable[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, Mapping):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)
