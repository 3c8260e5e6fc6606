"""The part of NerdGraph's schema warroom touches, executed by graphql-core with resolvers over
the fake's state: real GraphQL parsing and validation, aliases, variables, fragments, and
per-field errors whose `path` ends in the alias, as any GraphQL server produces them.

Types follow the reference notes (`nrql(query: Nrql!, timeout: Seconds, async: Boolean)`,
`results` as a JSON scalar, `aiIssues.issues` with list-valued titles,
`changeTrackingCreateDeployment` requiring `entityGuid` and `version`).
"""

from __future__ import annotations

import base64
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from graphql import GraphQLError, GraphQLResolveInfo, GraphQLSchema, build_schema

from tests.fakes import nrql_eval
from tests.fakes.newrelic_events import events
from tests.fakes.nrql_parse import NrqlSyntaxError, parse

if TYPE_CHECKING:
    from tests.fakes.newrelic_server import NerdGraphState

SDL = """
scalar Nrql
scalar Seconds
scalar EpochMilliseconds
scalar EntityGuid
scalar NrdbResult

type Query { actor: Actor, requestContext: RequestContext }
type Mutation {
  changeTrackingCreateDeployment(
    deployment: ChangeTrackingDeploymentInput!
  ): ChangeTrackingDeployment
}
type RequestContext { userId: ID, apiKey: String }
type Actor { user: User, account(id: Int!): Account }
type User { id: Int, name: String, email: String }
type Account {
  id: Int
  name: String
  nrql(query: Nrql!, timeout: Seconds, async: Boolean): NrdbResultContainer
  aiIssues: AiIssues
}
type NrdbResultContainer {
  results: [NrdbResult]
  totalResult: NrdbResult
  otherResult: NrdbResult
  metadata: NrdbMetadata
}
type NrdbMetadata {
  eventTypes: [String], facets: [String], messages: [String], timeWindow: NrdbTimeWindow
}
type NrdbTimeWindow {
  begin: EpochMilliseconds, end: EpochMilliseconds, since: String, until: String
}
enum AiIssuesIssueState { CREATED ACTIVATED DEACTIVATED CLOSED }
enum AiIssuesPriority { LOW MEDIUM HIGH CRITICAL }
input AiIssuesFilterIssues {
  states: [AiIssuesIssueState], priority: [AiIssuesPriority], ids: [ID], entityGuids: [EntityGuid]
}
input TimeWindowInput { startTime: EpochMilliseconds!, endTime: EpochMilliseconds! }
type AiIssues {
  issues(filter: AiIssuesFilterIssues, timeWindow: TimeWindowInput, cursor: String): AiIssuesData
}
type AiIssuesData { issues: [AiIssue], nextCursor: String }
type AiIssue {
  issueId: ID, priority: AiIssuesPriority, state: AiIssuesIssueState, title: [String],
  description: [String], entityNames: [String], entityGuids: [EntityGuid],
  conditionName: [String], policyName: [String], activatedAt: EpochMilliseconds,
  createdAt: EpochMilliseconds, closedAt: EpochMilliseconds, totalIncidents: Int
}
enum ChangeTrackingDeploymentType { BASIC BLUE_GREEN CANARY OTHER ROLLING SHADOW }
input ChangeTrackingDeploymentInput {
  entityGuid: EntityGuid!, version: String!, deploymentType: ChangeTrackingDeploymentType,
  description: String, user: String, changelog: String, commit: String, groupId: String,
  timestamp: EpochMilliseconds, deepLink: String
}
type ChangeTrackingDeployment {
  deploymentId: String, entityGuid: EntityGuid, version: String, timestamp: EpochMilliseconds,
  deploymentType: ChangeTrackingDeploymentType, description: String, user: String,
  changelog: String, commit: String, groupId: String, deepLink: String
}
"""
SCHEMA: GraphQLSchema = build_schema(SDL)
DEFAULT_WINDOW_MS = 24 * 3600 * 1000


@dataclass
class Context:
    """One request: the NRQL it ran, and whether it tripped the repeat limit."""

    now: float
    over_budget: bool = False
    """Every NRQL query is refused for the account's budget (the "429-in-200" fault)."""
    nrql: list[str] = field(default_factory=list)
    repeat_exceeded: bool = False


def error(message: str, error_class: str) -> GraphQLError:
    return GraphQLError(message, extensions={"errorClass": error_class})


class Root:
    """Root value of both operations: `actor` for queries, the mutation field for mutations."""

    def __init__(self, state: NerdGraphState) -> None:
        self.state = state

    def actor(self, info: GraphQLResolveInfo) -> Actor:
        return Actor(self.state)

    def changeTrackingCreateDeployment(
        self, info: GraphQLResolveInfo, deployment: dict[str, Any]
    ) -> dict[str, Any]:
        if deployment["entityGuid"] not in self.state.entities:
            raise error(f"Entity {deployment['entityGuid']} not found", "INVALID_INPUT")
        stored = {
            **deployment,
            "deploymentId": f"dep-{len(self.state.deployments) + 1}",
            "timestamp": deployment.get("timestamp") or int(info.context.now * 1000),
        }
        self.state.deployments.append(stored)
        return stored


class Actor:
    def __init__(self, state: NerdGraphState) -> None:
        self.state = state

    def user(self, info: GraphQLResolveInfo) -> dict[str, Any]:
        return {"id": 1, "name": "Fake User", "email": "fake@example.invalid"}

    def account(self, info: GraphQLResolveInfo, id: int) -> Account:
        if id != self.state.account_id:
            raise error(f"Not authorized to access account {id}", "FORBIDDEN")
        return Account(self.state, id)


class Account:
    def __init__(self, state: NerdGraphState, account_id: int) -> None:
        self.state = state
        self.id = account_id
        self.name = "Fake account"

    def nrql(self, info: GraphQLResolveInfo, query: str, **_: Any) -> dict[str, Any]:
        ctx: Context = info.context
        for fragment, error_class in self.state.nrql_faults.items():
            if fragment in query:
                raise error(f"NRQL query failed ({error_class})", error_class)
        verdict = self.state.admit(query, ctx)
        if verdict:
            raise error(verdict, "TOO_MANY_REQUESTS")
        try:
            parsed = parse(query)
        except NrqlSyntaxError as exc:
            raise error(f"NRQL Syntax Error: {exc}", "INVALID_INPUT") from None
        found = events(self.state.profile, parsed.event_type, ctx.now, parsed.since)
        return nrql_eval.evaluate(parsed, found, ctx.now)

    def aiIssues(self, info: GraphQLResolveInfo) -> AiIssues:
        return AiIssues(self.state)


class AiIssues:
    def __init__(self, state: NerdGraphState) -> None:
        self.state = state

    def issues(
        self,
        info: GraphQLResolveInfo,
        filter: dict[str, Any] | None = None,
        timeWindow: dict[str, Any] | None = None,
        cursor: str | None = None,
    ) -> dict[str, Any]:
        now_ms = int(info.context.now * 1000)
        window = timeWindow or {"startTime": now_ms - DEFAULT_WINDOW_MS, "endTime": now_ms}
        states = (filter or {}).get("states")
        chosen = [
            i for i in self.state.issues
            if (not states or i["state"] in states)
            and window["startTime"] <= i["activatedAt"] <= window["endTime"]
        ]  # fmt: skip
        start = int(base64.b64decode(cursor).decode()) if cursor else 0
        size = self.state.issues_page
        more = start + size < len(chosen)
        token = base64.b64encode(str(start + size).encode()).decode() if more else None
        return {"issues": chosen[start : start + size], "nextCursor": token}
