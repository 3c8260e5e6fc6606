"""The default plan's KPIs computed in plain Python from the demo documents.

An independent second implementation: the pipelines in core/default_plan.toml must agree
with it exactly on the seeded data.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime, timedelta
from typing import Any

Doc = dict[str, Any]
Data = dict[str, list[Doc]]


def _pct(hit: int, n: int) -> float:
    return 100 * (hit / n)


def _change(current: float, data: Data, base: str) -> float:
    baseline = float(next(d["value"] for d in data["baselines"] if d["_id"] == base))
    return 100 * (current / baseline - 1)


def _since(docs: Iterable[Doc], key: str, now: datetime, delta: timedelta) -> list[Doc]:
    return [d for d in docs if d.get(key) is not None and d[key] >= now - delta]


def _feature_share(data: Data, feature: str, population: Callable[[Doc], bool]) -> float:
    users = [u for u in data["users"] if population(u)]
    return _pct(sum(feature in u["features"] for u in users), len(users))


def _has(feature: str) -> Callable[[Doc], bool]:
    return lambda u: feature in u["features"]


def _avg(values: list[float]) -> float:
    return sum(values) / len(values)


def expected(data: Data, now: datetime) -> dict[str, float]:
    """Returns every default-plan KPI by pipeline name."""
    day, week, month = timedelta(days=1), timedelta(days=7), timedelta(days=30)
    profiles, users, trades = data["profiles"], data["users"], data["trades"]
    sessions = _since(data["sessions"], "started_at", now, day)
    views = _since(data["card_views"], "at", now, day)
    views_3d = [v for v in views if v["mode"] == "3d"]
    old = [u for u in users if u["created_at"] <= now - month]
    retained = _pct(sum(u["last_seen"] >= now - month for u in old), len(old))
    by_bidder: dict[int, list[Doc]] = {}
    for bid in data["bids"]:
        by_bidder.setdefault(bid["user_id"], []).append(bid)
    frequent = [b for b in by_bidder.values() if len(b) >= 5]
    active = [u for u in users if u["last_seen"] >= now - month]
    recent_tickets = _since(data["tickets"], "created_at", now, timedelta(hours=1))
    profile_week = [t for t in _since(data["tickets"], "created_at", now, week)]
    rated = [t["rating"] for t in data["tickets"] if t["rating"] is not None]
    pro = lambda u: u["tier"] == "pro"  # noqa: E731
    everyone = lambda u: True  # noqa: E731
    return {
        "profile_completion": _pct(
            sum(bool(p["display_name"] and p["avatar_url"] and p["bio"]) for p in profiles),
            len(profiles),
        ),
        "dau_change": _change(len({s["user_id"] for s in sessions}), data, "dau"),
        "session_duration_change": _change(
            _avg([s["minutes"] for s in sessions]), data, "session_minutes"
        ),
        "feature_adoption": _pct(sum(bool(u["features"]) for u in users), len(users)),
        "retention_30d_change": _change(retained, data, "retention_30d"),
        "trading_volume_change": _change(
            sum(t["price"] for t in _since(trades, "at", now, day)), data, "trading_volume_24h"
        ),
        "pro_conversions_change": _change(
            len(_since(users, "pro_since", now, week)), data, "pro_conversions_7d"
        ),
        "support_tickets_change": _change(
            sum(t["topic"] == "profile" for t in profile_week), data, "profile_tickets_7d"
        ),
        "avatar_upload": _pct(sum(bool(p["avatar_url"]) for p in profiles), len(profiles)),
        "bio_completion": _pct(sum(bool(p["bio"]) for p in profiles), len(profiles)),
        "social_links": _pct(sum(bool(p["social_links"]) for p in profiles), len(profiles)),
        "tier_upgrade": _feature_share(data, "tier_upgrade", lambda u: u["eligible_upgrade"]),
        "card_trading_change": _change(len(_since(trades, "at", now, day)), data, "trades_24h"),
        "viewer_3d_usage": _pct(len(views_3d), len(views)),
        "viewer_3d_mobile": _pct(sum(v["device"] == "mobile" for v in views_3d), len(views_3d)),
        "balance_dashboard": _feature_share(data, "balance_dashboard", _has("trading")),
        "investment_tracking": _feature_share(data, "investment_tracking", pro),
        "report_downloads": _feature_share(data, "report_download", _has("balance_dashboard")),
        "wishlist_creation": _pct(len({w["user_id"] for w in data["wishlists"]}), len(users)),
        "wishlist_conversion": _pct(sum(t["from_wishlist"] for t in trades), len(trades)),
        "order_creation": _feature_share(data, "active_orders", _has("trading")),
        "risk_control": _feature_share(data, "risk_controls", _has("trading")),
        "automation_setup": _feature_share(data, "automation", pro),
        "battle_participation": _feature_share(data, "battle", everyone),
        "tournament_engagement": _feature_share(data, "tournament", _has("battle")),
        "deck_builder": _feature_share(data, "deck_builder", _has("battle")),
        "bet_placement": _feature_share(data, "betting", _has("battle_viewer")),
        "win_rate_tracking": _feature_share(data, "win_rate_tracking", _has("betting")),
        "auction_participation": _pct(len(by_bidder), len(active)),
        "successful_bids": _pct(
            sum(any(b["won"] for b in bids) for bids in by_bidder.values()), len(by_bidder)
        ),
        "auto_bidding": _pct(sum(any(b["auto"] for b in bids) for bids in frequent), len(frequent)),
        "collection_view_time": _avg([s["collection_minutes"] for s in sessions]),
        "viewer_3d_interaction": _avg([v["seconds"] for v in views_3d]),
        "wishlist_items": _avg([len(w["items"]) for w in data["wishlists"]]),
        "avg_bet_size": _avg([b["amount"] for b in data["bets"]]),
        "ticket_volume": float(len(recent_tickets)),
        "profile_tickets": float(sum(t["topic"] == "profile" for t in recent_tickets)),
        "satisfaction": _pct(sum(r >= 4 for r in rated), len(rated)),
    }
