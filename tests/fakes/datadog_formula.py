"""Evaluates Datadog formula arithmetic (`100 * q0 / q1`) for the fake server."""

from __future__ import annotations

import ast
import operator
from collections.abc import Callable, Mapping

_OPS: dict[type[ast.AST], Callable[[float, float], float]] = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: operator.truediv,
}


def evaluate(formula: str, names: Mapping[str, float | None]) -> float | None:
    """Returns the value of `formula`, None when a name is a gap or a division is by zero.

    Raises:
        ValueError: an unknown name or an expression Datadog formulas do not allow here.
    """
    tree = ast.parse(formula, mode="eval")
    try:
        return _eval(tree.body, names)
    except ZeroDivisionError:
        return None


def _eval(node: ast.AST, names: Mapping[str, float | None]) -> float | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, int | float):
        return float(node.value)
    if isinstance(node, ast.Name):
        if node.id not in names:
            raise ValueError(f"unknown query name {node.id!r} in formula")
        return names[node.id]
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        inner = _eval(node.operand, names)
        return None if inner is None else -inner
    if isinstance(node, ast.BinOp) and type(node.op) in _OPS:
        left, right = _eval(node.left, names), _eval(node.right, names)
        if left is None or right is None:
            return None
        return _OPS[type(node.op)](left, right)
    raise ValueError(f"unsupported formula element {type(node).__name__}")
