"""A real Unleash 6.10.1 on the machine's Node 20 and PostgreSQL 15, for tests and `.ci/run`.

- `install()` puts `unleash-server@6.10.1` from npm into a cache outside the repository
  ($XDG_CACHE_HOME/warroom/unleash-6.10.1, else ~/.cache/warroom/...), once: about 180 MB and
  a minute; a complete install found there is reused. No install scripts run (Unleash needs
  none; one of them is an install-analytics ping).
- `UnleashServer.start()` starts the PostgreSQL cluster if it is down, creates a scratch role
  and database, and runs Unleash on 127.0.0.1 with CHECK_VERSION=false SEND_TELEMETRY=false;
  `stop()` ends Unleash, drops the scratch database and role, and stops the cluster only if it
  started it.

`python -m tests.support.unleash install` is what `.ci/run` calls to fill the cache.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

VERSION = "6.10.1"
CLUSTER = ("15", "main")
READY_TIMEOUT = 90.0
ADMIN_TIMEOUT = 30.0  # one set-up call; generous on a busy shared machine (10 s once ran out)
INSTALL_TIMEOUT = 900.0


# Read once, at import: the suite gives every test its own XDG_CACHE_HOME (so the app's plan
# cache starts empty), and the 180 MB install must not follow it into a temporary directory.
# tests/conftest.py imports this module before any test runs.
_CACHE_HOME = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")


def cache_dir() -> Path:
    return _CACHE_HOME / "warroom" / f"unleash-{VERSION}"


def server_script(root: Path | None = None) -> Path:
    return (root or cache_dir()) / "node_modules" / "unleash-server" / "dist" / "server.js"


def missing() -> str | None:
    """Why a real Unleash cannot run here (node, npm or PostgreSQL absent), else None."""
    for tool in ("node", "npm", "pg_ctlcluster", "pg_lsclusters", "psql"):
        if shutil.which(tool) is None:
            return f"{tool} is not installed"
    if _cluster_status() is None:
        return f"PostgreSQL cluster {' '.join(CLUSTER)} does not exist"
    return None


def installed(root: Path | None = None) -> bool:
    root = root or cache_dir()
    package = root / "node_modules" / "unleash-server" / "package.json"
    try:
        version = json.loads(package.read_text()).get("version")
    except (OSError, ValueError):
        return False
    return version == VERSION and server_script(root).is_file()


def install(progress: bool = False) -> Path:
    """The cache directory with Unleash installed, installing it first when needed.

    Raises:
        RuntimeError: npm failed (its last output lines are in the message).
    """
    root = cache_dir()
    root.parent.mkdir(parents=True, exist_ok=True)
    with _locked(root.parent / f".unleash-{VERSION}.lock"):
        if installed(root):
            return root
        partial = Path(tempfile.mkdtemp(prefix=f"unleash-{VERSION}.", dir=root.parent))
        try:
            (partial / "package.json").write_text('{"name":"warroom-unleash","private":true}\n')
            if progress:
                print(f"installing unleash-server@{VERSION} into {root} (about a minute)")
            argv = ["npm", "install", "--no-audit", "--no-fund", "--ignore-scripts"]
            done = subprocess.run(
                [*argv, f"unleash-server@{VERSION}"],
                cwd=partial,
                capture_output=True,
                text=True,
                timeout=INSTALL_TIMEOUT,
                check=False,
            )
            if done.returncode != 0 or not installed(partial):
                tail = (done.stderr or done.stdout).strip().splitlines()[-5:]
                raise RuntimeError(f"npm install failed ({done.returncode}): {' | '.join(tail)}")
            shutil.rmtree(root, ignore_errors=True)
            partial.rename(root)  # atomic: a half-done install is never taken for a good one
        finally:
            shutil.rmtree(partial, ignore_errors=True)
    return root


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    """Serialises installs by concurrent test runs on one machine."""
    with open(path, "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


# ---------------------------------------------------------------- PostgreSQL


def _cluster_status() -> str | None:
    """ "online" or "down" for the cluster, None when it does not exist."""
    done = subprocess.run(["pg_lsclusters", "--no-header"], capture_output=True, text=True)
    for line in done.stdout.splitlines():
        parts = line.split()
        if tuple(parts[:2]) == CLUSTER and len(parts) >= 4:
            return parts[3]
    return None


def _as_postgres(argv: list[str]) -> list[str]:
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *argv]
    return argv  # already the postgres user, or a user allowed to run it


def _psql(*commands: str) -> str:
    """Runs the commands as the postgres user. Returns psql's output (unaligned, no headers).

    Raises:
        RuntimeError: psql failed; the end of its error output says why.
    """
    argv = ["psql", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1"]
    for command in commands:
        argv += ["-c", command]
    done = subprocess.run(_as_postgres(argv), capture_output=True, text=True, cwd="/")
    if done.returncode != 0:
        raise RuntimeError(f"psql failed: {done.stderr.strip()[-300:]}")
    return done.stdout


@dataclass
class ScratchDatabase:
    """A role and a database of their own, dropped by `drop()`."""

    name: str = field(default_factory=lambda: f"warroom_{secrets.token_hex(4)}")
    password: str = field(default_factory=lambda: secrets.token_hex(12))
    started_cluster: bool = False

    def create(self) -> None:
        if _cluster_status() != "online":
            subprocess.run(["pg_ctlcluster", *CLUSTER, "start"], check=True, capture_output=True)
            self.started_cluster = True
        _psql(
            f"CREATE ROLE {self.name} LOGIN PASSWORD '{self.password}';",
            f"CREATE DATABASE {self.name} OWNER {self.name};",
        )

    @staticmethod
    def _others_remain() -> bool:
        try:
            left = _psql("SELECT count(*) FROM pg_database WHERE datname LIKE 'warroom\\_%';")
        except RuntimeError:
            return False
        return left.strip() not in ("", "0")

    @property
    def url(self) -> str:
        return f"postgres://{self.name}:{self.password}@127.0.0.1:5432/{self.name}"

    def drop(self) -> None:
        with contextlib.suppress(RuntimeError):
            _psql(f"DROP DATABASE IF EXISTS {self.name};", f"DROP ROLE IF EXISTS {self.name};")
        # Another test run (a second checkout) may be using the cluster this one started:
        # stopping it then would cut that run's Unleash off mid-test.
        if self.started_cluster and not self._others_remain():
            subprocess.run(["pg_ctlcluster", *CLUSTER, "stop"], check=False, capture_output=True)


# ---------------------------------------------------------------- Unleash


@dataclass
class UnleashServer:
    """One Unleash on 127.0.0.1 with a scratch database, an admin and a client token."""

    db: ScratchDatabase = field(default_factory=ScratchDatabase)
    port: int = field(default_factory=free_port)
    admin_token: str = field(default_factory=lambda: f"*:*.{secrets.token_hex(16)}")
    client_token: str = field(default_factory=lambda: f"default:production.{secrets.token_hex(16)}")
    logdir: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="warroom-unleash-")))
    proc: subprocess.Popen[bytes] | None = None

    @classmethod
    def start(cls) -> UnleashServer:
        """Installs (if needed), creates the database and waits until /health answers.

        Raises:
            RuntimeError: npm, PostgreSQL or Unleash failed; the server is cleaned up.
        """
        root = install()
        server = cls()
        try:
            server.db.create()
            server._launch(root)
        except BaseException:
            server.stop()
            raise
        return server

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def _launch(self, root: Path) -> None:
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": str(self.logdir),
            "DATABASE_URL": self.db.url,
            "DATABASE_SSL": "false",
            "HTTP_HOST": "127.0.0.1",
            "PORT": str(self.port),
            "UNLEASH_URL": self.url,
            "INIT_ADMIN_API_TOKENS": self.admin_token,
            "INIT_CLIENT_API_TOKENS": self.client_token,
            "CHECK_VERSION": "false",
            "SEND_TELEMETRY": "false",
            "LOG_LEVEL": "warn",
        }
        log = open(self.logdir / "unleash.log", "wb")  # noqa: SIM115 - the process owns it
        self.proc = subprocess.Popen(
            ["node", str(server_script(root))],
            cwd=root,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
        log.close()
        self._wait_healthy()

    def _wait_healthy(self) -> None:
        deadline = time.monotonic() + READY_TIMEOUT
        while time.monotonic() < deadline:
            if self.proc is not None and self.proc.poll() is not None:
                raise RuntimeError(f"unleash exited with {self.proc.returncode}: {self.log()}")
            try:
                # Our own server on 127.0.0.1: the scheme is always http.
                with urllib.request.urlopen(f"{self.url}/health", timeout=1) as answer:  # noqa: S310
                    if answer.status == 200:
                        return
            except (OSError, urllib.error.URLError):
                pass
            time.sleep(0.1)
        raise RuntimeError(f"unleash not healthy in {READY_TIMEOUT:g}s: {self.log()}")

    def log(self) -> str:
        try:
            return (self.logdir / "unleash.log").read_text(errors="replace")[-800:]
        except OSError:
            return ""

    def kill(self) -> None:
        """Ends Unleash at once (the provider is "down"); `revive()` starts it again."""
        if self.proc is not None and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=10)

    def revive(self) -> None:
        self._launch(cache_dir())

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=5)
        self.db.drop()
        shutil.rmtree(self.logdir, ignore_errors=True)

    # ------------------------------------------------------------ admin calls for test set-up

    def admin(self, method: str, path: str, body: Any = None, token: str | None = None) -> Any:
        """One admin API call; returns the decoded JSON (None for an empty body).

        Raises:
            urllib.error.HTTPError: a failing status.
        """
        data = None if body is None else json.dumps(body).encode()
        url = f"{self.url}{path}"  # always http://127.0.0.1:PORT/...
        request = urllib.request.Request(url, data=data, method=method)  # noqa: S310
        request.add_header("Authorization", token or self.admin_token)
        request.add_header("Content-Type", "application/json")
        with urllib.request.urlopen(request, timeout=ADMIN_TIMEOUT) as answer:  # noqa: S310
            raw = answer.read()
        return json.loads(raw) if raw.strip() else None

    def create_flag(self, name: str, rollout: int | None = 5, enabled: bool = True) -> None:
        """A release flag in project `default` with a flexibleRollout in production."""
        base = "/api/admin/projects/default/features"
        self.admin("POST", base, {"name": name, "type": "release", "impressionData": False})
        env = f"{base}/{name}/environments/production"
        if rollout is not None:
            params = {"rollout": str(rollout), "stickiness": "default", "groupId": name}
            strategy = {"name": "flexibleRollout", "parameters": params, "constraints": []}
            self.admin("POST", f"{env}/strategies", strategy)
        if enabled:
            self.admin("POST", f"{env}/on")

    def set_rollout(self, name: str, value: str) -> None:
        """Patches the production flexibleRollout to `value` (as another operator would)."""
        strategy = self.flag_env(name)["strategies"][0]["id"]
        path = f"/api/admin/projects/default/features/{name}/environments/production"
        patch = [{"op": "replace", "path": "/parameters/rollout", "value": value}]
        self.admin("PATCH", f"{path}/strategies/{strategy}", patch)

    def rollout(self, name: str) -> str:
        """The production flexibleRollout's stored `rollout` string."""
        return str(self.flag_env(name)["strategies"][0]["parameters"]["rollout"])

    def flag_env(self, name: str) -> dict[str, Any]:
        env: dict[str, Any] = self.admin(
            "GET", f"/api/admin/projects/default/features/{name}/environments/production"
        )
        return env


def main(argv: list[str]) -> int:
    if argv[1:] != ["install"]:
        print("usage: python -m tests.support.unleash install", file=sys.stderr)
        return 2
    reason = missing()
    if reason:
        print(f"cannot install Unleash: {reason}", file=sys.stderr)
        return 1
    print(f"unleash-server@{VERSION} ready in {install(progress=True)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
