"""Vendor units into the plan's units: a number is only shown in the unit the plan asked for.

A vendor that says what unit a value is in (Datadog's series `unit` metadata, New Relic's
attributes) has it converted to the metric's `unit`; one that says nothing is trusted to answer
in the plan's unit. A unit that cannot be converted (bytes into seconds) raises `UnitMismatch`,
and the adapter reports the metric as a problem instead of a scaled number.

Units are (primary, per): `ms` is (millisecond, -), `/min` is (-, minute), `kB/s` is
(kilobyte, second). Names are the plan's short forms and Datadog's unit names alike.
"""

from __future__ import annotations

from dataclasses import dataclass

# name -> (family, size in the family's base unit)
_UNITS: dict[str, tuple[str, float]] = {}


def _add(family: str, size: float, *names: str) -> None:
    for name in names:
        _UNITS[name] = (family, size)


_add("time", 1e-9, "ns", "nanosecond", "nanoseconds")
_add("time", 1e-6, "us", "µs", "microsecond", "microseconds")
_add("time", 1e-3, "ms", "millisecond", "milliseconds")
_add("time", 1.0, "s", "sec", "second", "seconds")
_add("time", 60.0, "min", "minute", "minutes")
_add("time", 3600.0, "h", "hour", "hours")
_add("time", 86400.0, "d", "day", "days")
_add("time", 604800.0, "w", "week", "weeks")
_add("percentage", 1.0, "%", "percent", "percentage")
_add("percentage", 100.0, "fraction", "ratio")
_add("percentage", 1e-9, "percent_nano")
_add("bytes", 1.0, "B", "byte", "bytes")
_add("bytes", 1e3, "kB", "KB", "kilobyte", "kilobytes")
_add("bytes", 1e6, "MB", "megabyte", "megabytes")
_add("bytes", 1e9, "GB", "gigabyte", "gigabytes")
_add("bytes", 1024.0, "KiB", "kibibyte", "kibibytes")
_add("bytes", 1024.0**2, "MiB", "mebibyte", "mebibytes")
_add("bytes", 1024.0**3, "GiB", "gibibyte", "gibibytes")
_ALIASES = {"rpm": "/min", "rps": "/s", "rph": "/h"}


class UnitMismatch(ValueError):
    """The vendor's unit cannot be converted to the plan's."""


@dataclass(frozen=True, slots=True)
class Unit:
    """A primary unit over an optional per-unit; None for either part means "a count"."""

    primary: str | None = None
    per: str | None = None

    def __str__(self) -> str:
        return f"{self.primary or ''}{'/' + self.per if self.per else ''}" or "(count)"


def parse(text: str) -> Unit:
    """The plan's unit string (`s`, `ms`, `%`, `/min`, `kB/s`, `rpm`, `ECE`, ``) as a Unit."""
    text = _ALIASES.get(text.strip(), text.strip())
    primary, _, per = text.partition("/")
    return Unit(primary or None, per or None)


def factor(source: Unit, target: Unit) -> float:
    """The number to multiply a value in `source` by to express it in `target`.

    A primary the table does not know (requests, hits, ECE) counts as a count: it converts
    only to another count, by 1.

    Raises:
        UnitMismatch: the two units measure different things.
    """
    return _ratio(source.primary, target.primary, source, target) / _ratio(
        source.per, target.per, source, target
    )


def convert(value: float, source: Unit | None, target: str) -> float:
    """`value` (in `source`, None when the vendor did not say) in the plan's `target` unit.

    Raises:
        UnitMismatch: the units measure different things.
    """
    if source is None:
        return value
    return value * factor(source, parse(target))


def _ratio(a: str | None, b: str | None, source: Unit, target: Unit) -> float:
    known_a, known_b = _UNITS.get(a or ""), _UNITS.get(b or "")
    if known_a is None and known_b is None:
        return 1.0  # both counts (or both absent)
    if known_a is None or known_b is None or known_a[0] != known_b[0]:
        raise UnitMismatch(f"reported in {source}, the plan wants {target}")
    return known_a[1] / known_b[1]
