"""`warroom seed`: fills a MongoDB database with the example launch dataset, so the Product
and Executive KPI pipelines have real data to compute (see docs/mongodb.md)."""

from __future__ import annotations

import argparse
import os
import sys


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "seed",
        help="seed a MongoDB database with the example launch dataset",
        description="Seed a MongoDB database with the documented example launch dataset "
        "(users, profiles, wishlists, bids, tickets). Refuses to overwrite without --replace.",
    )
    parser.add_argument("--uri", help="connection string (default: $MONGODB_URI)")
    parser.add_argument("--database", default="app")
    parser.add_argument("--users", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=7, dest="data_seed", metavar="SEED")
    parser.add_argument("--replace", action="store_true", help="replace the demo collections")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
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
