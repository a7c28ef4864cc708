"""Block-end comments, the pindent idea: ``# end if`` after every block, and back again.

The comment for a block goes right after the block's last line (and after any comment lines
indented deeper than its header, which read as part of it), indented like the block's header.
``block_ends`` skips a comment that is already there, so it is idempotent, and
``strip_block_ends`` removes a comment only where ``block_ends`` would have put it.

Source that already holds such comments where ``block_ends`` would put them is taken as
annotated: ``strip_block_ends`` removes them too (no tool could tell them apart).
"""

from __future__ import annotations

import ast
import re

from .errors import parse_code

_NEWLINE = re.compile(r"\r\n|\r|\n")  # the line ends Python itself counts
_INDENT = re.compile(r"[ \t\f]*")

_LABELS = {
    ast.If: "if", ast.For: "for", ast.AsyncFor: "for", ast.While: "while",
    ast.Try: "try", ast.With: "with", ast.AsyncWith: "with", ast.Match: "match",
}
if hasattr(ast, "TryStar"):  # ``except*`` (Python 3.11+)
    _LABELS[ast.TryStar] = "try"


def _split_lines(code: str) -> list[tuple[str, str]]:
    """(content, line end) pairs; the last line's end is '' when the code has no final newline."""
    lines = []
    start = 0
    for match in _NEWLINE.finditer(code):
        lines.append((code[start:match.start()], match.group()))
        start = match.end()
    if start < len(code):
        lines.append((code[start:], ""))
    return lines


def _width(indent: str) -> int:
    # A form feed resets the column, as in Python's tokenizer.
    return len(indent.rsplit("\f", 1)[-1].expandtabs(8))


def _label(node: ast.stmt) -> str | None:
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
        return f"end def {node.name}"
    if isinstance(node, ast.ClassDef):
        return f"end class {node.name}"
    label = _LABELS.get(type(node))
    return f"end {label}" if label else None


def _blocks(tree: ast.Module, lines: list[tuple[str, str]]):
    """(node, depth, label) for every block, without recursion (deep code stays safe)."""
    stack = [(stmt, 0) for stmt in reversed(tree.body)]
    while stack:
        node, depth = stack.pop()
        label = _label(node)
        inner = depth
        if label and not (isinstance(node, ast.If) and _is_elif(node, lines)):
            yield node, depth, label
            inner = depth + 1
        children: list[ast.stmt] = []
        for field in ("body", "orelse", "finalbody"):
            value = getattr(node, field, None)
            if isinstance(value, list):
                children.extend(value)
        for part in getattr(node, "handlers", []) + getattr(node, "cases", []):
            children.extend(part.body)
        # An elif is part of its if: its own blocks are one level deeper than the if's.
        stack.extend((child, inner) for child in reversed(children))


def _is_elif(node: ast.If, lines: list[tuple[str, str]]) -> bool:
    return lines[node.lineno - 1][0].lstrip(" \t\f").startswith("elif")


def _is_comment(content: str) -> bool:
    return content.lstrip(" \t\f").startswith("#")


def _marker_position(lines: list[tuple[str, str]], node: ast.stmt) -> tuple[int, str]:
    """Where the comment for *node* goes (an index into *lines*) and its indentation."""
    indent = _INDENT.match(lines[node.lineno - 1][0]).group()
    width = _width(indent)
    position = node.end_lineno
    while position < len(lines):
        content = lines[position][0]
        if not _is_comment(content) or _width(_INDENT.match(content).group()) <= width:
            break
        position += 1
    return position, indent


def _markers(code: str):
    lines = _split_lines(code)
    tree = parse_code(code)
    found = []
    for node, depth, label in _blocks(tree, lines):
        position, indent = _marker_position(lines, node)
        marker = f"{indent}# {label}"
        present = position < len(lines) and lines[position][0] == marker
        found.append((position, depth, marker, present))
    return lines, found


def block_ends(code: str) -> str:
    """Add ``# end if``, ``# end for``, ``# end def name`` ... after each block.

    Comments, strings and blank lines are kept; running it twice changes nothing more.

    >>> print(block_ends("for i in range(3):\\n    if i:\\n        print(i)\\n"), end="")
    for i in range(3):
        if i:
            print(i)
        # end if
    # end for
    """
    lines, found = _markers(code)
    inserts: dict[int, list[tuple[int, str]]] = {}
    for position, depth, marker, present in found:
        if not present:
            inserts.setdefault(position, []).append((depth, marker))
    if not inserts:
        return code
    default_end = next((end for _, end in lines if end), "\n")
    out: list[list[str]] = []
    for index in range(len(lines) + 1):
        for _, marker in sorted(inserts.get(index, ()), key=lambda item: -item[0]):
            previous_end = out[-1][1] if out and out[-1][1] else default_end
            if out and not out[-1][1]:  # the code had no final newline: give the line one
                out[-1][1] = default_end
            out.append([marker, previous_end])
        if index < len(lines):
            out.append(list(lines[index]))
    if lines and not lines[-1][1] and len(lines) in inserts:
        out[-1][1] = ""  # keep "no final newline" as it was
    return "".join(content + end for content, end in out)


def strip_block_ends(code: str) -> str:
    """Remove exactly the comments :func:`block_ends` adds.

    >>> strip_block_ends(block_ends("while x:\\n    x -= 1\\n"))
    'while x:\\n    x -= 1\\n'
    """
    lines, found = _markers(code)
    remove = {position for position, _, _, present in found if present}
    if not remove:
        return code
    kept = [list(line) for index, line in enumerate(lines) if index not in remove]
    if kept and (len(lines) - 1) in remove and not lines[-1][1]:
        kept[-1][1] = ""  # block_ends gave this line its newline
    return "".join(content + end for content, end in kept)
