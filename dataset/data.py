"""The demo launch dataset: deterministic documents for the example schema (docs/mongodb.md).

`build(users, seed, now)` returns `{collection: [documents]}`; the same arguments always give
the same documents. Timestamps lie relative to `now` and keep a margin from the KPI windows'
edges (1 h, 24 h, 7 d, 30 d), so a pipeline run seconds later counts exactly the same documents.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from typing import Any

Doc = dict[str, Any]

# Edges of the KPI time windows, in hours, and how far every timestamp keeps away from them.
_EDGES_H = (1.0, 24.0, 168.0, 720.0)
_MARGIN_H = 0.25
TOPICS = ("profile", "billing", "trading", "account", "bug")

# feature -> (probability, feature the user must already have, or None)
FEATURES: dict[str, tuple[float, str | None]] = {
    "trading": (0.6, None),
    "balance_dashboard": (0.8, "trading"),
    "report_download": (0.35, "balance_dashboard"),
    "active_orders": (0.55, "trading"),
    "risk_controls": (0.62, "trading"),
    "battle": (0.45, None),
    "tournament": (0.28, "battle"),
    "deck_builder": (0.72, "battle"),
    "battle_viewer": (0.6, None),
    "betting": (0.38, "battle_viewer"),
    "win_rate_tracking": (0.82, "betting"),
}
PRO_FEATURES = {"investment_tracking": 0.55, "automation": 0.32}


COLLECTIONS = (
    "users", "profiles", "wishlists", "trades", "sessions",
    "card_views", "bids", "bets", "tickets", "baselines",
)  # fmt: skip


class _Gen:
    def __init__(self, seed: int, now: datetime) -> None:
        self.rng = random.Random(seed)
        self.now = now
        self.ids: dict[str, int] = {}

    def next_id(self, collection: str) -> int:
        self.ids[collection] = self.ids.get(collection, 0) + 1
        return self.ids[collection]

    def ago(self, lo_h: float, hi_h: float) -> datetime:
        """A moment between `lo_h` and `hi_h` hours ago, kept clear of the window edges."""
        hours = self.rng.uniform(lo_h, hi_h)
        for edge in _EDGES_H:
            if abs(hours - edge) < _MARGIN_H:
                hours = edge + _MARGIN_H if hours >= edge else edge - _MARGIN_H
        return self.now - timedelta(hours=max(0.05, hours))

    def chance(self, p: float) -> bool:
        return self.rng.random() < p


def _features(g: _Gen, pro: bool, eligible: bool) -> list[str]:
    """Launch features used by one user; some need another first (no tournament without battle)."""
    used: list[str] = []
    for name, (p, needs) in FEATURES.items():
        if (needs is None or needs in used) and g.chance(p):
            used.append(name)
    used += [name for name, p in PRO_FEATURES.items() if pro and g.chance(p)]
    if eligible and g.chance(0.42):
        used.append("tier_upgrade")
    return used


def _user(g: _Gen, uid: int) -> Doc:
    pro = g.chance(0.2)
    active = g.chance(0.8)
    eligible = g.chance(0.5)
    return {
        "_id": uid,
        "name": f"user{uid:05d}",
        "created_at": g.ago(24, 24 * 120),
        "last_seen": g.ago(0.1, 24 * 25) if active else g.ago(24 * 35, 24 * 90),
        "tier": "pro" if pro else "free",
        "pro_since": g.ago(2, 24 * 60) if pro else None,
        "eligible_upgrade": eligible,
        "features": _features(g, pro, eligible),
    }


def _profile(g: _Gen, uid: int) -> Doc:
    engaged = g.chance(0.8)
    links = [f"https://social.example/{uid}/{n}" for n in range(g.rng.randint(1, 3))]
    avatar = g.chance(0.95 if engaged else 0.3)
    return {
        "_id": uid,
        "display_name": f"Player {uid}" if g.chance(0.97) else "",
        "avatar_url": f"https://cdn.example/avatars/{uid}.png" if avatar else None,
        "bio": "Collector and trader." if g.chance(0.86 if engaged else 0.2) else "",
        "social_links": links if g.chance(0.6 if engaged else 0.15) else [],
    }


def _wishlist(g: _Gen, uid: int) -> Doc:
    items = g.rng.sample(range(1, 5000), g.rng.randint(3, 14))
    return {
        "_id": g.next_id("wishlists"),
        "user_id": uid,
        "items": items,
        "created_at": g.ago(1, 24 * 20),
    }


def _trade(g: _Gen, users: int, recent: bool) -> Doc:
    return {
        "_id": g.next_id("trades"),
        "buyer_id": g.rng.randint(1, users),
        "seller_id": g.rng.randint(1, users),
        "card_id": g.rng.randint(1, 5000),
        "price": round(g.rng.uniform(2, 180), 2),
        "from_wishlist": g.chance(0.27),
        "at": g.ago(0.05, 24) if recent else g.ago(24, 24 * 7),
    }


def _session(g: _Gen, uid: int) -> Doc:
    return {
        "_id": g.next_id("sessions"),
        "user_id": uid,
        "started_at": g.ago(0.05, 72),
        "minutes": round(g.rng.uniform(2, 40), 1),
        "collection_minutes": round(g.rng.uniform(0, 7), 1),
        "device": "mobile" if g.chance(0.55) else "desktop",
    }


def _card_view(g: _Gen, uid: int) -> Doc:
    three_d = g.chance(0.64)
    return {
        "_id": g.next_id("card_views"),
        "user_id": uid,
        "card_id": g.rng.randint(1, 5000),
        "mode": "3d" if three_d else "2d",
        "device": "mobile" if g.chance(0.45) else "desktop",
        "seconds": round(g.rng.uniform(10, 60) if three_d else g.rng.uniform(2, 15), 1),
        "at": g.ago(0.05, 48),
    }


def _bids(g: _Gen, uid: int) -> list[Doc]:
    count = g.rng.choice((1, 1, 2, 3, 5, 6, 8))
    auto_user = count >= 5 and g.chance(0.45)
    return [
        {
            "_id": g.next_id("bids"),
            "user_id": uid,
            "auction_id": g.rng.randint(1, 300),
            "amount": round(g.rng.uniform(5, 400), 2),
            "auto": auto_user and g.chance(0.6),
            "won": g.chance(0.12),
            "placed_at": g.ago(0.1, 24 * 6),
        }
        for _ in range(count)
    ]


def _bets(g: _Gen, uid: int) -> list[Doc]:
    return [
        {
            "_id": g.next_id("bets"),
            "user_id": uid,
            "battle_id": g.rng.randint(1, 500),
            "amount": round(g.rng.uniform(10, 70), 2),
            "at": g.ago(0.1, 24 * 6),
        }
        for _ in range(g.rng.randint(1, 6))
    ]


def _ticket(g: _Gen, users: int, last_hour: bool) -> Doc:
    rated = g.chance(0.6)
    return {
        "_id": g.next_id("tickets"),
        "user_id": g.rng.randint(1, users),
        "topic": g.rng.choice(TOPICS),
        "status": g.rng.choice(("open", "pending", "solved")),
        "created_at": g.ago(0.05, 1) if last_hour else g.ago(1, 24 * 9),
        "rating": g.rng.choices((1, 2, 3, 4, 5), (1, 1, 1, 5, 14))[0] if rated else None,
    }


def _baselines(g: _Gen, users: int) -> list[Doc]:
    """Pre-launch figures, recorded once before the rollout (the "change" KPIs divide by them)."""
    scale = users / 100
    figures = {
        "dau": round(scale * 36),
        "session_minutes": 16.5,
        "retention_30d": 61.0,
        "trading_volume_24h": round(scale * 2900, 2),
        "trades_24h": round(scale * 33),
        "pro_conversions_7d": max(1, round(scale * 2)),
        "profile_tickets_7d": max(1, round(scale * 4.4)),
    }
    return [{"_id": key, "value": value} for key, value in figures.items()]


def build(users: int, seed: int, now: datetime) -> dict[str, list[Doc]]:
    """Returns the whole dataset for `users` users. Deterministic in (users, seed, now)."""
    g = _Gen(seed, now)
    data: dict[str, list[Doc]] = {name: [] for name in COLLECTIONS}
    for uid in range(1, users + 1):
        user = _user(g, uid)
        data["users"].append(user)
        data["profiles"].append(_profile(g, uid))
        if g.chance(0.72):
            data["wishlists"].append(_wishlist(g, uid))
        data["sessions"] += [_session(g, uid) for _ in range(g.rng.randint(0, 3))]
        data["card_views"] += [_card_view(g, uid) for _ in range(g.rng.randint(0, 4))]
        if user["last_seen"] > now - timedelta(days=30) and g.chance(0.48):
            data["bids"] += _bids(g, uid)
        if "betting" in user["features"]:
            data["bets"] += _bets(g, uid)
    data["trades"] = [_trade(g, users, recent=g.chance(0.3)) for _ in range(users * 3 // 2)]
    data["tickets"] = [_ticket(g, users, last_hour=g.chance(0.08)) for _ in range(users // 4)]
    data["baselines"] = _baselines(g, users)
    return data
