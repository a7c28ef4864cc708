"""Reading order: the order in which a person would follow a flowchart's boxes.

A depth-first walk from the start, yes-branch before no-branch (and path1 before
path2), taken in reverse post-order: every box comes after all the boxes that lead
to it, except along an arrow that loops back. Both the long description (step
numbers) and the code-to-flowchart ids (``op1``, ``op2``, ...) use it.
"""

from __future__ import annotations

from .model import Flowchart

BRANCH_ORDER = {"yes": 0, None: 1, "path1": 2, "path2": 3, "path3": 4, "no": 5}


def reading_order(chart: Flowchart) -> list[str]:
    """Ids of the boxes reachable from the start, in reading order.

    >>> from codecharts.dsl import parse_dsl
    >>> reading_order(parse_dsl("s=>start: s\\nc=>condition: c\\ny=>operation: y\\n"
    ...     "n=>operation: n\\ne=>end: e\\ns->c\\nc(no)->n->e\\nc(yes)->y->e"))
    ['s', 'c', 'y', 'n', 'e']
    """
    start = chart.start_id
    if start is None:
        return []

    def children(node_id: str):
        ordered = sorted(chart.outgoing(node_id), key=lambda e: BRANCH_ORDER.get(e.branch, 1))
        # The branch explored last comes first in reverse post-order.
        return iter([edge.target for edge in reversed(ordered)])

    seen = {start}
    post: list[str] = []
    stack = [(start, children(start))]
    while stack:
        node_id, pending = stack[-1]
        child = next(pending, None)
        if child is None:
            post.append(node_id)
            stack.pop()
        elif child not in seen:
            seen.add(child)
            stack.append((child, children(child)))
    post.reverse()
    return post
