"""Seeds a local mongod with the demo launch dataset so the Product KPIs have live data.

    python -m sources.mongo_seed --uri mongodb://127.0.0.1:27017/?directConnection=true

It refuses to touch a database that already has a `users` collection unless told to replace
the demo collections (`--replace`): pointing it at production by mistake must do nothing.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from pymongo import ASCENDING, MongoClient
from pymongo.errors import PyMongoError

from warroom.dataset.data import COLLECTIONS, build
from warroom.sources.mongo.errors import hosts_of

INDEXES = {
    "sessions": "started_at",
    "trades": "at",
    "card_views": "at",
    "tickets": "created_at",
    "bids": "user_id",
    "wishlists": "user_id",
    "users": "last_seen",
}


SEED_FAILED = 7
"""Exit code when nothing was seeded: the database already holds data (without --replace), or
MongoDB could not be reached or refused the write. Documented in the README's table."""


class SeedRefused(RuntimeError):
    """The target database already holds data and `replace` was not given."""


def seed(
    uri: str,
    database: str,
    users: int,
    seed: int,
    *,
    now: datetime | None = None,
    replace: bool = True,
) -> dict[str, int]:
    """Writes the demo dataset into `database`, replacing the demo collections.

    Returns:
        The number of documents written per collection.
    Raises:
        SeedRefused: `replace` is False and the database already has a `users` collection.
        pymongo.errors.PyMongoError: the server could not be reached or refused a write.
    """
    data = build(users, seed, now or datetime.now(UTC))
    client: MongoClient[dict[str, Any]] = MongoClient(uri, serverSelectionTimeoutMS=5000)
    try:
        db = client[database]
        if not replace and "users" in db.list_collection_names():
            raise SeedRefused(f"database {database!r} already has a users collection")
        counts: dict[str, int] = {}
        for name in COLLECTIONS:
            db.drop_collection(name)
            if data[name]:
                db[name].insert_many(data[name], ordered=False)
            if name in INDEXES:
                db[name].create_index([(INDEXES[name], ASCENDING)])
            counts[name] = len(data[name])
        return counts
    finally:
        client.close()


def main(argv: Sequence[str] | None = None) -> int:
    """CLI entry. Returns the exit code: 0 seeded, 2 usage, SEED_FAILED refused or failed."""
    parser = argparse.ArgumentParser(prog="python -m warroom.dataset.seed", description=__doc__)
    parser.add_argument("--uri", default=os.environ.get("MONGODB_URI"), help="default $MONGODB_URI")
    parser.add_argument("--database", default="app")
    parser.add_argument("--users", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--replace", action="store_true", help="replace existing demo collections")
    args = parser.parse_args(argv)
    if not args.uri:
        parser.error("give --uri or set MONGODB_URI")
    try:
        counts = seed(args.uri, args.database, args.users, args.seed, replace=args.replace)
    except SeedRefused as exc:
        print(f"refused: {exc}; pass --replace to overwrite the demo collections", file=sys.stderr)
        return SEED_FAILED
    except PyMongoError as exc:
        # The URI may carry a password: name the hosts only.
        print(f"seeding {hosts_of(args.uri)} failed: {type(exc).__name__}", file=sys.stderr)
        return SEED_FAILED
    total = sum(counts.values())
    print(f"seeded {total} documents into {args.database} on {hosts_of(args.uri)}")
    for name, count in counts.items():
        print(f"  {name:<12} {count}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
