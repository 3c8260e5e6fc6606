"""Every subcommand, walked through bad inputs: the documented exit code, one readable line on
stderr, and never a traceback."""

from __future__ import annotations

import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.cli.test_headless import warroom

USAGE = 2  # README: usage error, or a config that cannot be used
SEED_FAILED = 7  # README: `seed` wrote nothing
UNREACHABLE = "mongodb://127.0.0.1:1/?serverSelectionTimeoutMS=300"


def cases(tmp: Path) -> list[tuple[list[str], int]]:
    bad_toml, deep = tmp / "bad.toml", tmp / "deep.toml"
    bad_toml.write_text("[ui]\nmax_fps = nan\n")
    deep.write_text("x = " + "[" * 5000 + "]" * 5000 + "\n")
    existing = tmp / "exists.toml"
    existing.write_text("")
    rows: list[tuple[list[str], int]] = []
    # A bad value of a shared option, or a shared option the command does not take: each is
    # one line and exit 2.
    for command in (
        "run",
        "demo",
        "snapshot",
        "check",
        "audit",
        "replay",
        "report",
        "collect",
        "serve",
    ):
        rows += [
            ([command, "--speed", "0"], USAGE),
            ([command, "--start-at", "1e12"], USAGE),
            ([command, "--theme", "no-such-theme"], USAGE),
            ([command, "--store", "http://x"], USAGE),
            ([command, "--config", str(tmp / "missing.toml")], USAGE),
        ]
    for command in ("demo", "check"):
        rows += [([command, "--speed", s], USAGE) for s in ("-1", "1e308", "nan", "fast")]
        rows += [([command, "--start-at", v], USAGE) for v in ("1e308", "-5", "inf")]
        rows += [
            ([command, "--config", str(tmp)], USAGE),
            ([command, "--config", str(bad_toml)], USAGE),
            ([command, "--config", str(deep)], USAGE),
        ]
    rows += [
        (["--speed", "0", "demo"], USAGE),
        (["no-such-command"], USAGE),
        (["snapshot", "--format", "yaml"], USAGE),
        (["snapshot", "--demo", "--log-file", "/proc/warroom.log"], USAGE),
        (["--log-file", str(tmp / "no" / "such" / "dir.log"), "check", "--demo"], USAGE),
        (["demo"], USAGE),  # standard output is not a terminal here
        (["audit", "--theme", "mono"], USAGE),  # not an option of audit
        (["completion", "tcsh"], USAGE),
        (["check", "--tab", "nowhere"], USAGE),
        (["audit", "--since", "99999999d"], USAGE),
        (["audit", "--since", ""], USAGE),
        (["audit", "--format", "xml"], USAGE),
        (["audit", "--config", str(bad_toml)], USAGE),
        (["replay", "--since", ""], USAGE),
        (["replay", "--since", "99999999d"], USAGE),
        (["replay", "--from", "nan"], USAGE),
        (["replay", "--history", str(tmp / "none.sqlite3")], USAGE),
        (["report", "--to", "1e400"], USAGE),
        (["report", "--from", "99999-01-01"], USAGE),
        (["report", "--format", "pdf"], USAGE),
        (["report", "--history", str(tmp / "none.sqlite3")], USAGE),
        (["collect"], USAGE),
        (["collect", "--store", "http://x"], USAGE),
        (["collect", "--store", "mongodb://"], USAGE),
        (["collect", "--store", UNREACHABLE, "--heartbeat", "0"], USAGE),
        (["collect", "--store", UNREACHABLE, "--listen", "nowhere"], USAGE),
        (["serve", "--port", "0"], USAGE),
        (["serve", "--port", "70000"], USAGE),
        (["serve", "--port", "http"], USAGE),
        (["seed"], USAGE),
        (["seed", "--uri", "http://x"], USAGE),
        (["seed", "--uri", UNREACHABLE, "--users", "0"], USAGE),
        (["seed", "--uri", UNREACHABLE, "--users", "1000000000"], USAGE),
        (["seed", "--uri", UNREACHABLE, "--database", ""], USAGE),
        (["seed", "--uri", UNREACHABLE, "--database", "a/b"], USAGE),
        (["seed", "--uri", UNREACHABLE], SEED_FAILED),
        (["config"], USAGE),
        (["config", "validate", str(tmp / "missing.toml")], USAGE),
        (["config", "validate", str(tmp)], USAGE),
        (["config", "validate", str(deep)], USAGE),
        (["config", "init", str(existing)], USAGE),
        (["config", "init", "/proc/warroom.toml"], USAGE),
    ]
    return rows


def run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return warroom(*args, cwd=cwd)


# About 110 processes, each importing warroom: a couple of minutes on a loaded 2-core machine.
# The suite's 120 s limit is there to catch a hang; this test's own limit does the same.
@pytest.mark.timeout(600)
def test_every_subcommand_refuses_bad_input_in_one_line(tmp_path: Path) -> None:
    table = cases(tmp_path)
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(lambda row: run(row[0], tmp_path), table))
    wrong = []
    for (args, code), result in zip(table, results, strict=True):
        lines = result.stderr.splitlines()
        readable = len(lines) == 1 and lines[0].strip() and len(lines[0]) < 400
        clean = "Traceback" not in result.stderr + result.stdout
        if result.returncode != code or not readable or not clean:
            wrong.append(f"{args}: exit {result.returncode} (want {code}), stderr {lines!r}")
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("directory", [True, False])
def test_config_init_into_a_directory_writes_warroom_toml_there(
    tmp_path: Path, directory: bool
) -> None:
    target = tmp_path / "conf"
    target.mkdir()
    result = run(["config", "init", str(target if directory else target / "plan.toml")], tmp_path)
    assert result.returncode == 0, result.stderr
    written = target / ("warroom.toml" if directory else "plan.toml")
    assert written.is_file() and run(["config", "validate", str(written)], tmp_path).returncode == 0
