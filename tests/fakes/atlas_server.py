"""A fake Atlas Admin API v2 on 127.0.0.1 that checks HTTP Digest auth for real.

Speaks the wire format of reference/mongodb.md part B: versioned Accept header (406 without),
Digest challenge `realm="MMS Public API", qop="auth", algorithm=MD5`, nonce reuse with a
growing `nc` accepted (as Atlas does and httpx relies on), RateLimit-* headers, and the shared
fault modes of `tests.fakes.faults` (older names: `rate_limit` for 429 + Retry-After, `bad_json`
for malformed, `error_500` for 500). Faults apply once the Digest handshake has passed.

Cloud-backup snapshots (Admin API v2 "Cloud Backups", spec operationIds listBackupSnapshots
and listBackupShardedClusters): `GET /groups/{groupId}/clusters/{clusterName}/backup/snapshots`
and `.../backup/snapshots/shardedClusters`, paged by `itemsPerPage` (1-500, default 100) and
`pageNum` (from 1) with `links`, `results` and `totalCount`; an unknown cluster answers 404
CLUSTER_NOT_FOUND. Snapshot fields as in the spec's DiskBackupReplicaSet: id, createdAt,
expiresAt, status (queued, inProgress, completed, failed), snapshotType (onDemand, scheduled),
frequencyType, type, replicaSetName, mongodVersion, storageSizeBytes, cloudProvider, links.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, ClassVar
from urllib.parse import parse_qsl, urlsplit

from tests.fakes import faults
from tests.fakes.faults import Asked, Reply, json_reply, send
from tests.fakes.serving import serving

REALM = "MMS Public API"
ACCEPT = re.compile(r"^application/vnd\.atlas\.\d{4}-\d{2}-\d{2}\+json$")
PREFIX = "/api/atlas/v2/groups/"
_FIELD = re.compile(r'(\w+)=(?:"([^"]*)"|([^,\s]*))')


def _md5(text: str) -> str:
    return hashlib.md5(text.encode(), usedforsecurity=False).hexdigest()


@dataclass
class AtlasState(faults.Faults):
    """What the fake serves and what it saw. Tests change it between requests."""

    aliases: ClassVar[Mapping[str, str]] = {
        "rate_limit": "429",
        "bad_json": "malformed",
        "error_500": "500",
    }

    fault_reset: float = 55.0
    public_key: str = "pubkey"
    private_key: str = "privkey-secret"
    group: str = "32b6e34b3d91647abb20e7b8"
    processes: list[dict[str, Any]] = field(default_factory=list)
    measurements: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    alerts: list[dict[str, Any]] = field(default_factory=list)
    snapshots: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    """Cluster name -> its replica-set snapshots, in the order Atlas would list them."""
    sharded_snapshots: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    remaining: int = 100
    limit: int = 100
    nonces: dict[str, int] = field(default_factory=dict)
    log: list[tuple[int, str, list[tuple[str, str]]]] = field(default_factory=list)
    challenges: int = 0


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:
        return None

    def do_GET(self) -> None:
        state = self.server.state
        url = urlsplit(self.path)
        query = parse_qsl(url.query)
        reply = self._answer(state, url.path, query)
        state.log.append((reply.status, url.path, query))
        send(self, reply)

    def _answer(self, state: AtlasState, path: str, query: list[tuple[str, str]]) -> Reply:
        asked = Asked("GET", path, {k.lower(): v for k, v in self.headers.items()})
        vendor = AtlasAnswers(state)
        if not self._authorized(state):
            return vendor.auth_failed(asked, "")
        if not ACCEPT.match(self.headers.get("Accept", "")):
            body = _error(406, "INVALID_ACCEPT_HEADER", "versioned Accept header required")
            return json_reply(406, body)
        reply = state.answer(state.take("GET", path), asked, vendor)
        if reply is not None:
            return reply
        state.remaining = max(0, state.remaining - 1)
        status, body = self._route(state, path, query)
        return json_reply(status, body, limit_headers(state))

    def _route(self, state: AtlasState, path: str, query: list[tuple[str, str]]) -> tuple[int, Any]:
        if not path.startswith(PREFIX + state.group + "/"):
            return 404, _error(404, "GROUP_NOT_FOUND", "no such project")
        rest = path[len(PREFIX + state.group) :]
        if rest == "/processes":
            return 200, {
                "links": [],
                "results": state.processes,
                "totalCount": len(state.processes),
            }
        if rest == "/alerts":
            wanted = dict(query).get("status")
            items = [a for a in state.alerts if wanted is None or a.get("status") == wanted]
            return 200, {"links": [], "results": items, "totalCount": len(items)}
        match = re.fullmatch(r"/processes/([^/]+)/measurements", rest)
        if match:
            return self._measurements(state, match.group(1), query)
        match = re.fullmatch(r"/clusters/([^/]+)/backup/snapshots(/shardedClusters)?", rest)
        if match:
            kept = state.sharded_snapshots if match.group(2) else state.snapshots
            return _page(kept, match.group(1), query)
        return 404, _error(404, "RESOURCE_NOT_FOUND", "no such resource")

    def _measurements(
        self, state: AtlasState, process: str, query: list[tuple[str, str]]
    ) -> tuple[int, Any]:
        params = dict(query)
        names = [v for k, v in query if k == "m"]
        if "granularity" not in params or ("period" not in params and "start" not in params):
            return 400, _error(400, "INVALID_QUERY_PARAMETER", "granularity and period required")
        if len(names) > 10:
            return 400, _error(400, "INVALID_QUERY_PARAMETER", "at most 10 measurements")
        series = [s for s in state.measurements.get(process, []) if not names or s["name"] in names]
        body = {
            "groupId": state.group,
            "processId": process,
            "granularity": params["granularity"],
            "measurements": series,
            "links": [],
        }
        return 200, body

    def _authorized(self, state: AtlasState) -> bool:
        header = self.headers.get("Authorization", "")
        if not header.startswith("Digest "):
            return False
        fields = {k: a or b for k, a, b in _FIELD.findall(header[7:])}
        nonce, nc = fields.get("nonce", ""), fields.get("nc", "")
        if nonce not in state.nonces or fields.get("username") != state.public_key:
            return False
        if (
            fields.get("realm") != REALM
            or fields.get("qop") != "auth"
            or fields.get("uri") != self.path
        ):
            return False
        count = int(nc, 16) if re.fullmatch(r"[0-9a-fA-F]{8}", nc) else 0
        if count <= state.nonces[nonce]:
            return False  # a replayed nc
        ha1 = _md5(f"{state.public_key}:{REALM}:{state.private_key}")
        ha2 = _md5(f"GET:{fields['uri']}")
        expected = _md5(f"{ha1}:{nonce}:{nc}:{fields.get('cnonce', '')}:auth:{ha2}")
        if not secrets.compare_digest(expected, fields.get("response", "")):
            return False
        state.nonces[nonce] = count
        return True


def _page(
    kept: dict[str, list[dict[str, Any]]], cluster: str, query: list[tuple[str, str]]
) -> tuple[int, Any]:
    """One page of a cluster's snapshots, as the paged Atlas endpoints answer."""
    if cluster not in kept:
        return 404, _error(404, "CLUSTER_NOT_FOUND", f"No cluster named {cluster} exists")
    params = dict(query)
    try:
        size, page = int(params.get("itemsPerPage", "100")), int(params.get("pageNum", "1"))
    except ValueError:
        return 400, _error(400, "INVALID_QUERY_PARAMETER", "itemsPerPage and pageNum are integers")
    if not 1 <= size <= 500 or page < 1:
        return 400, _error(400, "INVALID_QUERY_PARAMETER", "itemsPerPage 1-500, pageNum >= 1")
    items = kept[cluster][(page - 1) * size : page * size]
    return 200, {"links": [], "results": items, "totalCount": len(kept[cluster])}


def snapshot(
    created: str, status: str = "completed", kind: str = "scheduled", n: int = 0
) -> dict[str, Any]:
    """A snapshot document with the spec's fields (values illustrative)."""
    return {
        "id": f"{n:024x}",
        "createdAt": created,
        "expiresAt": "2099-01-01T00:00:00Z",
        "status": status,
        "snapshotType": kind,
        "frequencyType": "hourly" if kind == "scheduled" else "ondemand",
        "type": "replicaSet",
        "replicaSetName": "atlas-xyz-shard-0",
        "mongodVersion": "8.0.4",
        "storageSizeBytes": 1_073_741_824,
        "cloudProvider": "AWS",
        "copyRegions": [],
        "policyItems": [],
        "links": [],
    }


def limit_headers(state: AtlasState) -> dict[str, str]:
    return {"RateLimit-Limit": str(state.limit), "RateLimit-Remaining": str(state.remaining)}


@dataclass(frozen=True)
class AtlasAnswers:
    """Atlas's part of the shared faults: `errorCode` bodies, Retry-After 429s, and a 401 that
    is a new Digest challenge (so the client tries once more, as with a wrong key)."""

    state: AtlasState
    credential_headers: tuple[str, ...] = ("authorization",)

    def error_body(self, status: int, echo: str) -> Any:
        # The adapter shows `errorCode`: an echoing gateway's text goes there too.
        return _error(status, f"UNEXPECTED_ERROR{echo}", f"boom{echo}")

    def rate_limited(self, asked: Asked, reset: float, echo: str) -> Reply:
        detail = f"Rate limit exceeded for api/atlas/v2/groups. Please retry after {reset:g} s."
        body = _error(429, f"RATE_LIMITED_TOKEN_BUCKET{echo}", detail)
        headers = {**limit_headers(self.state), "Retry-After": f"{reset:g}"}
        return json_reply(429, body, {**headers, "RateLimit-Remaining": "0"})

    def auth_failed(self, asked: Asked, echo: str) -> Reply:
        self.state.challenges += 1
        nonce = secrets.token_hex(16)
        self.state.nonces[nonce] = 0
        challenge = (
            f'Digest realm="{REALM}", domain="", nonce="{nonce}", '
            'algorithm=MD5, qop="auth", stale=false'
        )
        body = _error(401, f"UNAUTHORIZED{echo}", f"You are not authorized{echo}")
        return json_reply(401, body, {"WWW-Authenticate": challenge})


def _error(status: int, code: str, detail: str) -> dict[str, Any]:
    return {"detail": detail, "error": status, "errorCode": code, "parameters": [], "reason": code}


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, state: AtlasState) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.state = state


@contextmanager
def atlas_server(state: AtlasState | None = None) -> Iterator[tuple[str, AtlasState]]:
    """Runs the fake; yields (base URL like http://127.0.0.1:PORT, state)."""
    state = state or AtlasState()
    with serving(_Server(state), state.stop) as url:
        yield url, state
