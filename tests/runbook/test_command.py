"""`command` actions on real child processes: exit codes, streaming, timeouts that kill the
whole process group, literal argv, and the environment allowlist."""

from __future__ import annotations

import asyncio
import json
import os
import sys
import time
from pathlib import Path

from tests.runbook.conftest import SECRET, make_book, records
from tests.tui.helpers import wait_for
from warroom.core.runbook import StepState
from warroom.core.runbook.state import Blocked, BlockReason

PY = sys.executable
# A child that starts a grandchild ignoring SIGTERM, prints both pids, then sleeps.
FAMILY = (
    "import os, subprocess, sys, time\n"
    "gc = subprocess.Popen([sys.executable, '-c', 'import signal, time; "
    "signal.signal(signal.SIGTERM, signal.SIG_IGN); time.sleep(60)'])\n"
    "print('pids', os.getpid(), gc.pid, flush=True)\n"
    "time.sleep(60)\n"
)


def alive(pid: int) -> bool:
    """True while the process exists and is not a zombie (an unreaped corpse is gone)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, IndexError):
        return False
    return state != "Z"


def command(step_id: str, *argv: str, **extra: object) -> dict[str, object]:
    return {"id": step_id, "action": {"kind": "command", "argv": list(argv), **extra}}


async def test_success_streams_output_and_records_exit_code(audit_path: Path) -> None:
    book = make_book(audit_path, command("ok", PY, "-c", "print('hello'); print('world')"))
    lines: list[str] = []
    book.printed.append(lambda _step, line: lines.append(line))
    await book.start(["ok"])
    assert book.status["ok"].state is StepState.DONE
    assert lines == ["hello", "world"]
    started, finished = records(audit_path)
    assert (started["event"], finished["event"]) == ("started", "finished")
    assert finished["exit_code"] == 0 and finished["outcome"] == "done"
    assert finished["run"] == started["run"]


async def test_failure_keeps_exit_code_and_stderr(audit_path: Path) -> None:
    script = "import sys; print('boom', file=sys.stderr); sys.exit(3)"
    book = make_book(audit_path, command("bad", PY, "-c", script))
    lines: list[str] = []
    book.printed.append(lambda _step, line: lines.append(line))
    await book.start(["bad"])
    assert book.status["bad"].state is StepState.FAILED
    assert "exit code 3" in book.status["bad"].detail
    assert lines == ["stderr: boom"]
    assert records(audit_path)[-1]["exit_code"] == 3


async def test_timeout_kills_child_and_grandchild(audit_path: Path) -> None:
    timeout, grace = 3.0, 0.5  # the timeout covers two Python start-ups and the pids line
    step = command("slow", PY, "-c", FAMILY) | {"timeout": timeout}
    book = make_book(audit_path, step, grace=grace)
    lines: list[str] = []
    book.printed.append(lambda _step, line: lines.append(line))
    began = time.monotonic()
    await book.start(["slow"])
    took = time.monotonic() - began
    assert lines and lines[0].startswith("pids "), lines
    child, grandchild = (int(p) for p in lines[0].split()[1:])
    assert book.status["slow"].state is StepState.FAILED
    assert "timed out" in book.status["slow"].detail
    assert took < timeout + grace + 2.0  # timeout + grace + slack, not the script's 60 s
    for _ in range(40):  # the orphaned grandchild is reaped by init asynchronously
        if not alive(grandchild):
            break
        await asyncio.sleep(0.05)
    assert not alive(child)
    assert not alive(grandchild)  # it ignored SIGTERM: only the group SIGKILL ended it


async def test_cancel_kills_the_group_and_is_recorded(audit_path: Path) -> None:
    book = make_book(audit_path, command("slow", PY, "-c", FAMILY) | {"timeout": 30.0})
    lines: list[str] = []
    book.printed.append(lambda _step, line: lines.append(line))
    task = book.start(["slow"])
    await wait_for(lambda: bool(lines), 20)  # the child printed its pids
    assert book.blocked("slow") == Blocked(BlockReason.RUNNING)
    assert book.cancel("slow")
    await task
    child, grandchild = (int(p) for p in lines[0].split()[1:])
    assert book.status["slow"].state is StepState.CANCELLED
    for _ in range(40):
        if not alive(grandchild):
            break
        await asyncio.sleep(0.05)
    assert not alive(child) and not alive(grandchild)
    assert records(audit_path)[-1]["outcome"] == "cancelled"


async def test_a_second_cancel_does_not_stop_the_kill(audit_path: Path) -> None:
    # x, then x (or q, y) again within the kill grace: the SIGKILL must still go out.
    deaf = (
        "import os, signal, time\n"
        "signal.signal(signal.SIGTERM, signal.SIG_IGN)\n"
        "print('pid', os.getpid(), flush=True)\n"
        "time.sleep(60)\n"
    )
    book = make_book(audit_path, command("slow", PY, "-c", deaf) | {"timeout": 30.0}, grace=1.0)
    lines: list[str] = []
    book.printed.append(lambda _step, line: lines.append(line))
    task = book.start(["slow"])
    await wait_for(lambda: bool(lines), 20)
    pid = int(lines[0].split()[1])
    assert book.cancel("slow")
    await asyncio.sleep(0.2)  # inside the grace: the process ignores SIGTERM
    book.cancel("slow")
    await book.cancel_all()
    await asyncio.wait({task}, timeout=10)
    assert task.done() and book.status["slow"].state is StepState.CANCELLED
    assert not alive(pid)


async def test_argv_is_passed_literally_never_to_a_shell(audit_path: Path, tmp_path: Path) -> None:
    canary = tmp_path / "pwned"
    hostile = [f"; rm -rf {tmp_path}/x", f"$(touch {canary})", f"`touch {canary}`", "a b|c>d"]
    script = "import json, sys; print(json.dumps(sys.argv[1:]))"
    book = make_book(audit_path, command("lit", PY, "-c", script, *hostile))
    lines: list[str] = []
    book.printed.append(lambda _step, line: lines.append(line))
    await book.start(["lit"])
    assert json.loads(lines[0]) == hostile
    assert not canary.exists()
    assert json.dumps(hostile)[1:-1] in records(audit_path)[0]["action"].replace("\\\\", "\\")


async def test_environment_is_the_allowlist_plus_named_secrets(audit_path: Path) -> None:
    script = (
        "import os; print(sorted(k for k in os.environ if k != 'LC_CTYPE'));"
        " print('token', os.environ['TOKEN'])"
    )
    step = command("env", PY, "-c", script, env_allow=["PATH"], secrets=["TOKEN"])
    env = {"PATH": os.environ["PATH"], "OTHER": "leak", "TOKEN": SECRET}
    book = make_book(audit_path, step, env=env)
    lines: list[str] = []
    book.printed.append(lambda _step, line: lines.append(line))
    await book.start(["env"])
    assert lines[0] == "['PATH', 'TOKEN']"
    assert lines[1] == "token ***"  # the secret reached the child, not the pane
    assert SECRET not in audit_path.read_text()


async def test_missing_secret_or_program_fails_without_running(audit_path: Path) -> None:
    book = make_book(
        audit_path,
        command("nosecret", PY, "-c", "print(1)", secrets=["TOKEN"]),
        command("noprog", "/nonexistent/warroom-test-binary"),
    )
    await book.start(["nosecret"])
    await book.start(["noprog"])
    assert book.status["nosecret"].detail == "secret not set: TOKEN"
    assert book.status["noprog"].state is StepState.FAILED
    assert "cannot start" in book.status["noprog"].detail
