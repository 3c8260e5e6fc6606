"""A small NRQL parser for the fake NerdGraph: the subset warroom's plans use, parsed for real.

    SELECT item [, item]* FROM EventType [WHERE cond] [FACET attr [, attr]*] [LIMIT n]
        [SINCE n unit AGO] [UNTIL n unit AGO | UNTIL NOW] [TIMESERIES [n unit]]

after FROM the clauses come in any order, as in NRQL. An item is an aggregate (`count(*)`,
`average(x)`, `sum`, `min`, `max`, `latest`, `median`, `uniqueCount`, `percentile(x, 95, 99)`,
`percentage(f, WHERE cond)`, `filter(f, WHERE cond)`, `rate(f, 1 minute)`), arithmetic over
them, `AS 'name'`. A condition compares attributes (`=`, `!=`, `<`, `<=`, `>`, `>=`, `IS
[NOT] TRUE|FALSE|NULL`, `[NOT] IN (...)`, `[NOT] LIKE '%x'`) joined by AND, OR, NOT and
parentheses. A syntax error reads as New Relic's: `Error at line 1 position N, unexpected 'X'`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

UNITS = {"second": 1, "minute": 60, "hour": 3600, "day": 86400, "week": 604800}
AGGREGATES = {
    "count", "average", "sum", "min", "max", "latest", "median", "uniquecount", "percentile",
    "percentage", "filter", "rate",
}  # fmt: skip
KEYWORDS = {
    "SELECT", "FROM", "WHERE", "FACET", "LIMIT", "SINCE", "UNTIL", "TIMESERIES", "AS", "AND",
    "OR", "NOT", "IS", "IN", "LIKE", "AGO",
}  # fmt: skip
_TOKEN = re.compile(
    r"\s*(?:(?P<str>'(?:[^'\\]|\\.)*')|(?P<num>\d+(?:\.\d+)?)|(?P<name>`[^`]+`|[A-Za-z_][\w.]*)"
    r"|(?P<op><=|>=|!=|<>|[=<>(),*+/-]))"
)


class NrqlSyntaxError(ValueError):
    """The message New Relic gives, with the 1-based column of the offending token."""


@dataclass(frozen=True)
class Tok:
    kind: str
    text: str
    column: int

    @property
    def upper(self) -> str:
        return self.text.upper() if self.kind == "name" else self.text


@dataclass(frozen=True)
class Agg:
    """An aggregate call: `fn(args)`; `where` for percentage/filter, `per` seconds for rate."""

    fn: str
    attr: str | None = None
    inner: Agg | None = None
    numbers: tuple[float, ...] = ()
    where: Any = None
    per: float = 60.0


@dataclass(frozen=True)
class Item:
    expr: Any  # Agg | float | ("+"|"-"|"*"|"/", left, right)
    name: str | None
    text: str


@dataclass
class Query:
    items: list[Item]
    event_type: str
    where: Any = None
    facets: list[str] = field(default_factory=list)
    limit: int = 10
    since: float = 3600.0  # seconds ago
    until: float = 0.0
    timeseries: float | None = None  # bucket seconds


def tokenize(text: str) -> list[Tok]:
    out, pos = [], 0
    while pos < len(text):
        match = _TOKEN.match(text, pos)
        if match is None or match.end() == pos:
            if text[pos:].strip() == "":
                break
            column = pos + len(text[pos:]) - len(text[pos:].lstrip()) + 1
            raise NrqlSyntaxError(
                f"Error at line 1 position {column}, unexpected '{text[column - 1]}'"
            )
        kind = next(k for k in ("str", "num", "name", "op") if match.group(k) is not None)
        out.append(Tok(kind, match.group(kind), match.start(kind) + 1))
        pos = match.end()
    return out


def parse(text: str) -> Query:
    """Raises NrqlSyntaxError."""
    return _Parser(tokenize(text), len(text)).query()


class _Parser:
    def __init__(self, tokens: list[Tok], size: int) -> None:
        self.tokens, self.pos, self.size = tokens, 0, size

    # ------------------------------------------------------------------ helpers

    def peek(self) -> Tok | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def next(self) -> Tok:
        tok = self.peek()
        if tok is None:
            raise NrqlSyntaxError(
                f"Error at line 1 position {self.size + 1}, unexpected end of query"
            )
        self.pos += 1
        return tok

    def fail(self, tok: Tok | None = None) -> NrqlSyntaxError:
        tok = tok or self.peek()
        if tok is None:
            return NrqlSyntaxError(
                f"Error at line 1 position {self.size + 1}, unexpected end of query"
            )
        return NrqlSyntaxError(f"Error at line 1 position {tok.column}, unexpected '{tok.text}'")

    def accept(self, *words: str) -> bool:
        tok = self.peek()
        if tok is not None and tok.upper in words:
            self.pos += 1
            return True
        return False

    def expect(self, *words: str) -> Tok:
        tok = self.next()
        if tok.upper not in words:
            raise self.fail(tok)
        return tok

    def name(self) -> str:
        tok = self.next()
        if tok.kind != "name" or tok.upper in KEYWORDS:
            raise self.fail(tok)
        return tok.text.strip("`")

    def number(self) -> float:
        tok = self.next()
        if tok.kind != "num":
            raise self.fail(tok)
        return float(tok.text)

    def duration(self) -> float:
        amount = self.number() if (t := self.peek()) is not None and t.kind == "num" else 1.0
        tok = self.next()
        unit = tok.text.lower().rstrip("s")
        if unit not in UNITS:
            raise self.fail(tok)
        return amount * UNITS[unit]

    # ------------------------------------------------------------------ grammar

    def query(self) -> Query:
        self.expect("SELECT")
        items = [self.item()]
        while self.accept(","):
            items.append(self.item())
        self.expect("FROM")
        query = Query(items, self.name())
        while (tok := self.peek()) is not None:
            self.clause(query, tok)
        return query

    def clause(self, query: Query, tok: Tok) -> None:
        word = self.next().upper
        if word == "WHERE":
            query.where = self.condition()
        elif word == "FACET":
            query.facets = [self.name()]
            while self.accept(","):
                query.facets.append(self.name())
        elif word == "LIMIT":
            query.limit = int(self.number())
        elif word == "SINCE":
            query.since = self.duration()
            self.expect("AGO")
        elif word == "UNTIL":
            query.until = 0.0 if self.accept("NOW") else self.duration()
            if query.until:
                self.expect("AGO")
        elif word == "TIMESERIES":
            nxt = self.peek()
            query.timeseries = self.duration() if nxt is not None and nxt.kind == "num" else 60.0
        else:
            raise self.fail(tok)

    def item(self) -> Item:
        start = self.pos
        expr = self.sum()
        text = " ".join(t.text for t in self.tokens[start : self.pos])
        name = None
        if self.accept("AS"):
            tok = self.next()
            name = tok.text.strip("'`")
        return Item(expr, name, text)

    def sum(self) -> Any:
        left = self.product()
        while (tok := self.peek()) is not None and tok.text in "+-" and tok.kind == "op":
            self.pos += 1
            left = (tok.text, left, self.product())
        return left

    def product(self) -> Any:
        left = self.factor()
        while (tok := self.peek()) is not None and tok.text in "*/" and tok.kind == "op":
            self.pos += 1
            left = (tok.text, left, self.factor())
        return left

    def factor(self) -> Any:
        tok = self.next()
        if tok.kind == "num":
            return float(tok.text)
        if tok.text == "(":
            inner = self.sum()
            self.expect(")")
            return inner
        if tok.kind == "name" and tok.text.lower() in AGGREGATES:
            return self.aggregate(tok.text.lower())
        raise self.fail(tok)

    def aggregate(self, fn: str) -> Agg:
        self.expect("(")
        if fn in ("percentage", "filter", "rate"):
            inner = self.aggregate(self.name().lower())
            self.expect(",")
            if fn == "rate":
                agg = Agg(fn, inner=inner, per=self.duration())
            else:
                self.expect("WHERE")
                agg = Agg(fn, inner=inner, where=self.condition())
        elif fn == "count" and self.accept("*"):
            agg = Agg(fn)
        else:
            attr = self.name()
            numbers = []
            while self.accept(","):
                numbers.append(self.number())
            agg = Agg(fn, attr=attr, numbers=tuple(numbers))
        self.expect(")")
        return agg

    def condition(self) -> Any:
        left = self.conjunction()
        while self.accept("OR"):
            left = ("or", left, self.conjunction())
        return left

    def conjunction(self) -> Any:
        left = self.negation()
        while self.accept("AND"):
            left = ("and", left, self.negation())
        return left

    def negation(self) -> Any:
        if self.accept("NOT"):
            return ("not", self.negation())
        if self.accept("("):
            inner = self.condition()
            self.expect(")")
            return inner
        return self.comparison()

    def comparison(self) -> Any:
        attr = self.name()
        if self.accept("IS"):
            negate = self.accept("NOT")
            value = {"TRUE": True, "FALSE": False, "NULL": None}[
                self.expect("TRUE", "FALSE", "NULL").upper
            ]
            tested = ("is", attr, value)
            return ("not", tested) if negate else tested
        negate = self.accept("NOT")
        if self.accept("IN"):
            self.expect("(")
            values = [self.literal()]
            while self.accept(","):
                values.append(self.literal())
            self.expect(")")
            test: Any = ("in", attr, values)
        elif self.accept("LIKE"):
            test = ("like", attr, self.literal())
        else:
            if negate:
                raise self.fail()
            op = self.expect("=", "!=", "<>", "<", "<=", ">", ">=").text
            return ("cmp", op, attr, self.literal())
        return ("not", test) if negate else test

    def literal(self) -> Any:
        tok = self.next()
        if tok.kind == "str":
            return tok.text[1:-1].replace("\\'", "'")
        if tok.kind == "num":
            return float(tok.text)
        if tok.upper in ("TRUE", "FALSE"):
            return tok.upper == "TRUE"
        raise self.fail(tok)
