"""A mutable working graph, and the walk that copies pyflowchart's node graph into it.

pyflowchart links its boxes through groups (``NodesGroup``) and invisible hops
(``TransparentNode``/``CondYN``); here every box is a :class:`RawNode` and every
arrow a :class:`RawEdge` whose ``target`` is ``None`` while it leads nowhere yet.
:mod:`codecharts.from_code` reshapes this graph before it becomes a model.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field

from .model import DIRECTIONS


@dataclass
class RawNode:
    key: int
    kind: str
    label: str
    origin: object = None  # the pyflowchart node it was copied from, if any
    statement: ast.AST | None = None  # the statement it stands for, if known


@dataclass
class RawEdge:
    source: int
    target: int | None
    branch: str | None = None
    direction: str | None = None


@dataclass
class RawGraph:
    nodes: dict[int, RawNode] = field(default_factory=dict)
    edges: list[RawEdge] = field(default_factory=list)
    next_key: int = 0

    def add_node(self, kind: str, label: str, origin=None, statement=None) -> int:
        key = self.next_key
        self.next_key += 1
        self.nodes[key] = RawNode(key, kind, label, origin, statement)
        return key

    def add_edge(self, source: int, target: int | None, branch=None, direction=None) -> RawEdge:
        edge = RawEdge(source, target, branch, direction)
        self.edges.append(edge)
        return edge

    def outgoing(self, key: int) -> list[RawEdge]:
        return [edge for edge in self.edges if edge.source == key]

    def redirect(self, old: int, new: int | None) -> None:
        """Arrows into ``old`` now lead to ``new`` (``None``: lead nowhere yet)."""
        for edge in self.edges:
            if edge.target == old:
                edge.target = new

    def remove(self, key: int) -> None:
        """Drop a node and the arrows out of it (arrows into it must be redirected first)."""
        del self.nodes[key]
        self.edges = [edge for edge in self.edges if edge.source != key]

    def bypass(self, key: int) -> None:
        """Remove a node that has one way out, joining its callers straight to its successor."""
        out = self.outgoing(key)
        self.redirect(key, out[0].target if out else None)
        self.remove(key)


def _pyflowchart_classes():
    from pyflowchart.node import NodesGroup, TransparentNode

    return NodesGroup, TransparentNode


def _resolve(connection, nodes_group, transparent):
    """Follow groups and invisible hops to the real box a connection leads to."""
    params = [p for p in connection.params if p]
    target = connection.next_node
    # Bounded: a malformed pyflowchart graph must not hang the kernel.
    for _ in range(100_000):
        if isinstance(target, nodes_group):
            target = target.head
        elif isinstance(target, transparent):
            params.extend(p for p in target.connection.params if p)
            if target.connect_direction:
                params.append(target.connect_direction)
            target = target.connection.next_node
        else:
            break
    return target, params


def copy_pyflowchart(graph: RawGraph, head) -> int | None:
    """Copy every box reachable from pyflowchart node ``head`` into ``graph``.

    Returns the key of the copied head (``None`` if ``head`` leads to no box).
    Iterative on purpose: a 2,000-line script is a 2,000-box chain.
    """
    nodes_group, transparent = _pyflowchart_classes()
    start, _params = _resolve(_FakeConnection(head), nodes_group, transparent)
    if start is None:
        return None
    keys: dict[int, int] = {}
    pending = [start]
    copied = []
    while pending:
        node = pending.pop()
        if id(node) in keys:
            continue
        keys[id(node)] = graph.add_node(
            node.node_type, node.node_text, node, getattr(node, "ast_object", None)
        )
        copied.append(node)
        for connection in node.connections:
            target, _ = _resolve(connection, nodes_group, transparent)
            if target is not None:
                pending.append(target)
    for node in copied:
        seen = set()
        found = []
        for connection in node.connections:
            target, params = _resolve(connection, nodes_group, transparent)
            if node.connect_direction:
                params.append(node.connect_direction)
            branch = next((p for p in params if p in ("yes", "no")), None)
            direction = next((p for p in reversed(params) if p in DIRECTIONS), None)
            target_key = keys[id(target)] if target is not None else None
            if (target_key, branch) in seen:
                continue
            seen.add((target_key, branch))
            found.append((target_key, branch, direction))
        for target_key, branch, direction in found:
            # A branch first left dangling and later connected appears twice: keep the real one.
            if target_key is None and any(t is not None and b == branch for t, b, _ in found):
                continue
            graph.add_edge(keys[id(node)], target_key, branch, direction)
    return keys[id(start)]


class _FakeConnection:
    """Lets the head be resolved like any connection target."""

    def __init__(self, node):
        self.next_node = node
        self.params = []
