"""A credential passed to a command through `env_allow` under an innocent name is masked by
its value: the command's output echoing it shows ***."""

from __future__ import annotations

from pathlib import Path

from tests.runbook.conftest import make_book, records
from warroom.core.runbook import StepState

CREDS = "Zq7mR2xK9vL4pT8wN3bY"


async def test_a_credential_under_any_name_is_masked_in_output_and_audit(audit_path: Path) -> None:
    step = {
        "id": "deploy",
        "action": {
            "kind": "command",
            "argv": ["sh", "-c", 'echo "using $DEPLOY_CREDS and ${DEPLOY_CREDS%????}"'],
            "env_allow": ["PATH", "DEPLOY_CREDS"],
        },
    }
    book = make_book(audit_path, step, env={"PATH": "/usr/bin:/bin", "DEPLOY_CREDS": CREDS})
    await book.start(["deploy"])
    assert book.status["deploy"].state is StepState.DONE
    shown = "\n".join(line for _, line in book.output)
    assert "using ***" in shown and CREDS[:12] not in shown
    assert CREDS[:12] not in audit_path.read_text() and records(audit_path)
