"""Support issues that stream in during the simulated launch, faster while the incident runs."""

from __future__ import annotations

import random

from warroom.core.model import Issue

# (title, culprit, level, profile-related)
CATALOGUE = (
    ("Avatar upload fails with 413 Payload Too Large", "profile/avatar.upload", "error", True),
    ("3D card viewer shows a blank canvas on Safari", "cards/viewer3d.render", "error", True),
    ("Wishlist does not sync between devices", "wishlist/sync.push", "warning", True),
    ("Bio editor loses text on tab switch", "profile/bio.editor", "warning", True),
    ("Bid placed twice after double click", "bidding/auction.place_bid", "error", False),
    ("Battle arena lobby stuck on loading", "battles/lobby.join", "error", False),
    ("Balance dashboard totals off by one card", "balance/dashboard.totals", "warning", False),
    ("Social links reject valid URLs", "profile/social.validate", "warning", True),
    ("Deck builder drag and drop broken on mobile", "battles/deck.builder", "warning", False),
    ("Tier upgrade button does nothing", "cards/tier.upgrade", "error", True),
)
INCIDENT_ISSUES = (
    ("TimeoutError: GET /api/v2/profile took 30000ms", "api/profile.get", "fatal", True),
    ("MongoServerSelectionError: connection pool exhausted", "db/pool.acquire", "fatal", True),
    ("502 Bad Gateway from profile-service", "gateway/profile-service", "error", True),
)
NORMAL_GAP = 25.0  # simulated seconds between new issues in calm times
OPEN_WINDOW = 3600.0  # issues older than this (simulated seconds) count as resolved
MAX_OPEN = 60  # so a demo left running for days stays flat in memory and CPU


class SupportDesk:
    """Opens issues as simulated time passes; counts grow with traffic and the incident."""

    def __init__(self, seed: int) -> None:
        self._seed = seed
        self._opened: list[tuple[float, int]] = []  # (elapsed at opening, catalogue index)
        self._next_at = 5.0
        self._count = 0  # issues opened so far; numbers the next one

    def issues(self, elapsed: float, level: float, now: float) -> list[Issue]:
        while self._next_at <= elapsed:
            self._opened.append((self._next_at, self._count))
            self._count += 1
            self._next_at += NORMAL_GAP
        recent = [(t, i) for t, i in self._opened if elapsed - t <= OPEN_WINDOW]
        self._opened = recent[-MAX_OPEN:]
        out = [
            self._issue(opened, index, elapsed, now, CATALOGUE) for opened, index in self._opened
        ]
        if level > 0.2:
            out += [
                self._issue(elapsed - 60 * level, 100 + i, elapsed, now, INCIDENT_ISSUES, level)
                for i in range(len(INCIDENT_ISSUES))
                if level > 0.2 + 0.2 * i
            ]
        return out

    def _issue(
        self,
        opened: float,
        index: int,
        elapsed: float,
        now: float,
        catalogue: tuple[tuple[str, str, str, bool], ...],
        level: float = 0.0,
    ) -> Issue:
        title, culprit, severity, _ = catalogue[index % len(catalogue)]
        rng = random.Random(f"{self._seed}:issue:{index}")
        age = max(0.0, elapsed - opened)
        rate = rng.uniform(0.05, 0.3) + 3.0 * level
        count = 1 + int(age * rate)
        trend = tuple(1 + int(max(0.0, age - 10 * (11 - k)) * rate / 10) for k in range(12))
        return Issue(
            key=f"SIM-{index + 1}",
            title=title,
            level=severity,
            count=count,
            users=max(1, count * 2 // 3),
            first_seen=now - age,
            last_seen=now,
            culprit=culprit,
            trend=trend,
            permalink=f"https://sentry.example.invalid/issues/SIM-{index + 1}/",
            release="profile@2.0.0",
            is_new=age < 3600,
        )

    def tickets_last_hour(self, elapsed: float, profile_only: bool = False) -> int:
        recent = [i for opened, i in self._opened if elapsed - opened <= 3600]
        if profile_only:
            recent = [i for i in recent if CATALOGUE[i % len(CATALOGUE)][3]]
        return len(recent)
