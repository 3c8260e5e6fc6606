"""`warroom completion SHELL`: the shell's completion script, generated from the parser.

shtab reads the same argparse parser that parses the command line, so the completions can
never disagree with `--help`. Options that take a file complete file names.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator

from warroom.tui.cli_common import add_command

SHELLS = ("bash", "zsh", "fish")
FILE_METAVARS = ("PATH", "FILE")
INSTALL = """Print the completion script for SHELL, generated from warroom's own parser.
Where each shell finds it:

  warroom completion bash > ~/.local/share/bash-completion/completions/warroom
  warroom completion zsh > ~/.zfunc/_warroom   # with fpath+=~/.zfunc before compinit
  warroom completion fish > ~/.config/fish/completions/warroom.fish
"""


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = add_command(
        sub,
        "completion",
        "print a shell completion script (bash, zsh, fish)",
        options=(),
        description=INSTALL,
    )
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.add_argument("shell", choices=SHELLS, metavar="SHELL", help="bash, zsh or fish")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Prints the script. Returns 0."""
    sys.stdout.write(script(args.shell))
    return 0


def script(shell: str) -> str:
    """The completion script of the whole `warroom` command line for `shell`.

    Raises:
        ValueError: a shell shtab does not know (the parser only lets SHELLS through).
    """
    import shtab  # only this command needs it

    from warroom.tui.cli import build_parser

    parser = build_parser()
    for action in _actions(parser):
        if action.metavar in FILE_METAVARS or action.dest == "path":
            action.complete = shtab.FILE  # type: ignore[attr-defined]
    text: str = shtab.complete(parser, shell=shell)
    return text


def _actions(parser: argparse.ArgumentParser) -> Iterator[argparse.Action]:
    """Every action of the parser and of its subcommands, depth first."""
    for action in parser._actions:
        yield action
        if isinstance(action, argparse._SubParsersAction):
            for child in action.choices.values():
                yield from _actions(child)
