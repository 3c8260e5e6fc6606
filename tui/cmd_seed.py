"""`warroom seed`: fills a MongoDB database with the example launch dataset, so the Product
and Executive KPI pipelines have real data to compute (see docs/mongodb.md)."""

from __future__ import annotations

import argparse
import os
import sys

from warroom.tui import cli_args
from warroom.tui.cli_common import add_command

# The dataset is built in memory before the first write: 20,000 users peaked at ~106 MB RSS.
MAX_USERS = 50_000


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = add_command(
        sub,
        "seed",
        "seed a MongoDB database with the example launch dataset",
        options=(),
        description="Seed a MongoDB database with the documented example launch dataset "
        "(users, profiles, wishlists, bids, tickets). Refuses to overwrite without --replace.",
    )
    _options(parser)
    parser.set_defaults(handler=run)


def _options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--uri",
        type=cli_args.store_uri,
        default=None,
        help="connection string (default: $MONGODB_URI)",
    )
    parser.add_argument(
        "--database", default="app", type=_database, help="database name (default: %(default)s)"
    )
    parser.add_argument(
        "--users",
        type=cli_args.whole(1, MAX_USERS),
        default=2000,
        help=f"users to generate, 1 to {MAX_USERS} (default: %(default)s)",
    )
    parser.add_argument(
        "--seed",
        type=int,
        default=7,
        dest="data_seed",
        metavar="SEED",
        help="seed of the generated data: the same seed gives the same data (default: %(default)s)",
    )
    parser.add_argument(
        "--replace", action="store_true", default=False, help="replace the demo collections"
    )


def _database(text: str) -> str:
    # MongoDB's own rule for database names; pymongo would reject them only after connecting.
    if not text or len(text) > 63 or any(c in text for c in '/\\. "$\x00'):
        raise argparse.ArgumentTypeError(
            f'expected a MongoDB database name (1-63 characters, none of / \\ . space " $), '
            f"got {text!r}"
        )
    return text


def run(args: argparse.Namespace) -> int:
    """Seeds. Returns 0, 2 without a URI, or SEED_FAILED (7) when nothing was written."""
    from warroom.dataset.seed import main as seed_main  # pymongo only when seeding

    uri = args.uri or os.environ.get("MONGODB_URI")
    if not uri:
        print("warroom seed: give --uri or set MONGODB_URI", file=sys.stderr)
        return 2
    argv = ["--uri", uri, "--database", args.database, "--users", str(args.users)]
    argv += ["--seed", str(args.data_seed)]
    if args.replace:
        argv.append("--replace")
    code: int = seed_main(argv)
    return code
