"""flowchart.js scripts <-> the flowchart model.

The parser reads what flowchart.js reads (definitions ``name=>kind: text``, chains
``a->b->c``, ``cond(yes, right)->x``, labels continued on following lines) and
reports anything malformed as ``line N: ...``. The emitter writes a script that
flowchart.js draws exactly as the model says, and ``parse_dsl(emit_dsl(m)) == m``.

flowchart.js has no escape characters, yet treats ``=>``, ``:>``, ``:$`` and ``|``
inside a label as syntax. The emitter therefore writes those (and arrows at the
start of continuation lines) with an invisible WORD JOINER (U+2060) inside, and a
label containing ``|`` gets a trailing ``|`` (an empty flowstate); the parser
undoes both. Links (``:>``), callbacks (``:$``), line styles (``@>``) and arrow
annotations (``@``) are refused with a message: course charts never navigate away.
"""

from __future__ import annotations

import difflib
import re

from .errors import DslError
from .model import (
    BRANCHES,
    DEFAULT_PATH_DIRECTIONS,
    DIRECTIONS,
    KINDS,
    Edge,
    Flowchart,
    Node,
)

_WJ = "\u2060"
# Sequences flowchart.js would read as syntax anywhere in a definition line.
_ALWAYS_ESCAPED = ("=>", ":>", ":$")
# Sequences that would start a new statement if they appeared on a continuation line.
_CONTINUATION_ESCAPED = ("->", "@>")
_ALL_ESCAPED = _ALWAYS_ESCAPED + _CONTINUATION_ESCAPED

_DEF_HEAD = re.compile(r"\s*(\w+)\s*(?:\((.*)\))?\s*", re.S)
_FLOW_REF = re.compile(r"(\w+)\s*(?:\(([^()]*)\))?")
_KIND_WORDS = "|".join(KINDS)
# Continuation lines that were probably meant as a definition or a connection.
_LOOKS_LIKE_DEFINITION = re.compile(
    rf"\s*(\w+)\s*(?:=|:|>|=\s+>|-\s*>)\s*(?:{_KIND_WORDS})\s*:", re.I
)
_LOOKS_LIKE_CONNECTION = re.compile(r"\s*(\w+)\s*(?:\([^()]*\))?\s*(?:[-=~>]\s*)+(\w+)\s*")
_BRANCH_ALIASES = {"true": "yes", "false": "no"}

_EXAMPLE = "for example `st=>start: Start`, `e=>end: End` and `st->e`"


# ---------------------------------------------------------------- emitting


def _escape_label(label: str) -> str:
    lines = label.split("\n")
    out = []
    for number, line in enumerate(lines):
        sequences = _ALL_ESCAPED if number else _ALWAYS_ESCAPED
        for seq in sequences:
            line = line.replace(seq, seq[0] + _WJ + seq[1:])
        if line.endswith("\\"):
            # flowchart.js joins a line ending in a backslash with the next one.
            line += _WJ
        out.append(line)
    return "\n".join(out)


def _unescape_label(text: str) -> str:
    for seq in _ALL_ESCAPED:
        text = text.replace(seq[0] + _WJ + seq[1:], seq)
    text = text.replace("\\" + _WJ + "\n", "\\\n")
    if text.endswith("\\" + _WJ):
        text = text[:-1]
    return text


def _definition(node: Node) -> str:
    params = ""
    if node.params:
        params = "(" + ",".join(f"{key}={value}" for key, value in node.params) + ")"
    text = _escape_label(node.label)
    if node.flowstate or "|" in node.label:
        text += "|" + node.flowstate
    if text:
        return f"{node.id}{params}=>{node.kind}: {text}"
    return f"{node.id}{params}=>{node.kind}"


def _reference(node_id: str, branch: str | None, direction: str | None) -> str:
    if branch in DEFAULT_PATH_DIRECTIONS and not direction:
        direction = DEFAULT_PATH_DIRECTIONS[branch]
    options = [part for part in (branch, direction) if part]
    return f"{node_id}({', '.join(options)})" if options else node_id


def emit_dsl(chart: Flowchart) -> str:
    """Write ``chart`` as a flowchart.js script: definitions, a blank line, then chains.

    >>> from codecharts.model import Flowchart, Node, Edge
    >>> print(emit_dsl(Flowchart([Node("st", "start", "start"), Node("e", "end", "end")],
    ...                          [Edge("st", "e")])), end="")
    st=>start: start
    e=>end: end
    <BLANKLINE>
    st->e
    """
    lines = [_definition(node) for node in chart.nodes]
    chains: list[str] = []
    chain = ""
    last_target = None
    for edge in chart.edges:
        step = _reference(edge.source, edge.branch, edge.direction)
        # Chains stop before a branch, so each yes/no/path reads on its own line.
        if chain and edge.source == last_target and edge.branch is None:
            # Continue `a->b` into `a->b->c`, moving b's options onto the middle.
            chain = chain[: chain.rfind("->") + 2] + step
        else:
            if chain:
                chains.append(chain)
            chain = step
        chain += "->" + edge.target
        last_target = edge.target
    if chain:
        chains.append(chain)
    if chains:
        lines.append("")
        lines.extend(chains)
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------- parsing


class _Statement:
    """One logical statement: its first line and the continuation lines after it."""

    def __init__(self, lineno: int, text: str):
        self.lineno = lineno
        self.text = text
        self.continuations: list[tuple[int, str]] = []

    def full_text(self) -> str:
        return "\n".join([self.text] + [line for _, line in self.continuations])


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _suggest(word: str, choices) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1)
    return f" Did you mean `{close[0]}`?" if close else ""


def _split_statements(text: str) -> list[_Statement]:
    physical = text.split("\n")
    # Join backslash-newline continuations first, as flowchart.js does.
    joined: list[tuple[int, str]] = []
    index = 0
    while index < len(physical):
        lineno, line = index + 1, physical[index]
        while line.endswith("\\") and index + 1 < len(physical):
            index += 1
            line = line[:-1] + "\n" + physical[index]
        joined.append((lineno, line))
        index += 1

    statements: list[_Statement] = []
    for lineno, line in joined:
        if "->" in line or "=>" in line or "@>" in line:
            statements.append(_Statement(lineno, line))
        elif statements:
            statements[-1].continuations.append((lineno, line))
        elif line.strip():
            raise DslError(
                f"line {lineno}: `{_short(line)}` is neither a box definition "
                f"(`name=>kind: text`) nor a connection (`a->b`); {_EXAMPLE}.",
                lineno,
            )
    return statements


def _parse_params(raw: str | None, lineno: int, name: str) -> tuple[tuple[str, str], ...]:
    if raw is None or not raw.strip():
        return ()
    pairs = []
    for entry in raw.split(","):
        parts = entry.split("=")
        if len(parts) != 2 or not parts[0].strip():
            raise DslError(
                f"line {lineno}: write options of `{name}` as `{name}(key=value)`, "
                f"not `({_short(raw)})`.",
                lineno,
            )
        pairs.append((parts[0].strip(), parts[1].strip()))
    return tuple(pairs)


def _parse_definition(statement: _Statement) -> tuple[Node, int]:
    lineno = statement.lineno
    text = statement.full_text().strip()
    head, rest = text.split("=>", 1)
    if "->" in head:
        raise DslError(
            f"line {lineno}: a line either defines a box (`=>`) or connects boxes (`->`), "
            f"not both: `{_short(text)}`.",
            lineno,
        )
    match = _DEF_HEAD.fullmatch(head)
    if not match:
        raise DslError(
            f"line {lineno}: `{_short(head.strip())}` is not a box name; "
            "use letters, digits and _ only, like `op1`.",
            lineno,
        )
    name, raw_params = match.groups()
    params = _parse_params(raw_params, lineno, name)

    if ": " in rest:
        kind, label = rest.split(": ", 1)
    else:
        kind, label = rest, ""
    kind = kind.strip()
    if "\n" in kind:
        raise DslError(
            f"line {lineno}: write `: ` between the kind and the text of `{name}`, "
            f"like `{name}=>operation: text`.",
            lineno,
        )
    if kind.endswith(":"):
        kind = kind[:-1].rstrip()
    if ":" in kind:
        before, after = kind.split(":", 1)
        if after.startswith(">"):
            raise DslError(
                f"line {lineno}: links (`:>`) are not supported in course flowcharts.",
                lineno,
            )
        if after.startswith("$"):
            raise DslError(
                f"line {lineno}: callbacks (`:$`) are not supported in course flowcharts.",
                lineno,
            )
        raise DslError(
            f"line {lineno}: put a space after the colon: `{name}=>{before.strip()}: {after}`.",
            lineno,
        )
    if kind not in KINDS:
        what = f"`{_short(kind)}`" if kind else "nothing"
        raise DslError(
            f"line {lineno}: {what} is not a kind of box.{_suggest(kind, KINDS)} "
            f"Use one of: {', '.join(KINDS)}.",
            lineno,
        )
    if ":$" in label:
        raise DslError(
            f"line {lineno}: callbacks (`:$`) are not supported in course flowcharts.", lineno
        )
    if ":>" in label:
        raise DslError(
            f"line {lineno}: links (`:>`) are not supported in course flowcharts.", lineno
        )
    flowstate = ""
    if "|" in label:
        parts = label.split("|")
        flowstate = parts[-1].strip()
        label = "|".join(parts[:-1])
    node = Node(name, kind, _unescape_label(label), flowstate, params)
    return node, lineno


def _parse_options(raw: str | None, lineno: int, ref: str) -> tuple[str | None, str | None]:
    if raw is None or not raw.strip():
        return None, None
    items = [item.strip() for item in raw.split(",")]
    branch_words = ("yes", "no", "true", "false", "next", "path1", "path2", "path3")
    branch = direction = None
    if len(items) == 1:
        word = items[0]
        if word in DIRECTIONS:
            direction = word
        elif word in branch_words:
            branch = word
        else:
            raise DslError(
                f"line {lineno}: `{ref}`: `{word}` is not a way out of a box; use yes or no "
                f"(conditions), path1..path3 (parallel) or a side: {', '.join(DIRECTIONS)}."
                + _suggest(word, branch_words + DIRECTIONS),
                lineno,
            )
    elif len(items) == 2 and items[0] in branch_words and items[1] in DIRECTIONS:
        branch, direction = items
    else:
        raise DslError(
            f"line {lineno}: `{ref}`: write a way out and a side, like `cond(yes, right)`; "
            f"`({_short(raw)})` is not understood.",
            lineno,
        )
    branch = _BRANCH_ALIASES.get(branch, branch)
    if branch == "next":
        branch = None
    return branch, direction


def _parse_connection(statement: _Statement) -> list[tuple[int, Edge, str]]:
    lineno = statement.lineno
    for cont_lineno, line in statement.continuations:
        if line.strip():
            raise DslError(
                f"line {cont_lineno}: `{_short(line)}` is neither a box definition "
                f"(`name=>kind: text`) nor a connection (`a->b`).",
                cont_lineno,
            )
    text = statement.text.strip()
    if "@>" in text:
        raise DslError(
            f"line {lineno}: line styles (`@>`) are not supported in course flowcharts.",
            lineno,
        )
    if "@" in text:
        raise DslError(
            f"line {lineno}: arrow annotations (`@text`) are not supported in course "
            "flowcharts; put the words in a box instead.",
            lineno,
        )
    refs = []
    for segment in text.split("->"):
        segment = segment.strip()
        if not segment:
            raise DslError(
                f"line {lineno}: `->` needs a box name on both sides: `{_short(text)}`.",
                lineno,
            )
        match = _FLOW_REF.fullmatch(segment)
        if not match:
            raise DslError(
                f"line {lineno}: `{_short(segment)}` is not a box name, optionally followed "
                "by a way out such as `(yes)`, `(no)`, `(path1, bottom)` or `(right)`.",
                lineno,
            )
        name, raw = match.groups()
        branch, direction = _parse_options(raw, lineno, segment)
        refs.append((name, branch, direction, segment))
    last = refs[-1]
    if last[1] or last[2]:
        raise DslError(
            f"line {lineno}: `{last[3]}` ends the connection, so its options describe no arrow; "
            f"put them where `{last[0]}` connects onward, like `{last[3]}->next_box`.",
            lineno,
        )
    edges = []
    for (source, branch, direction, ref), (target, *_rest) in zip(refs, refs[1:]):
        edges.append((lineno, Edge(source, target, branch, direction), ref))
    return edges


def _undefined_name_hint(name: str, statements: list[_Statement]) -> str:
    for statement in statements:
        for cont_lineno, line in statement.continuations:
            match = _LOOKS_LIKE_DEFINITION.match(line)
            if match and match.group(1) == name:
                return (
                    f" Line {cont_lineno} (`{_short(line)}`) looks like it was meant to define "
                    f"it: write `=>` between the name and the kind, like `{name}=>operation: ...`."
                )
    return ""


def _check_connection_typos(statements: list[_Statement], nodes: dict, connected: set) -> None:
    for statement in statements:
        for cont_lineno, line in statement.continuations:
            match = _LOOKS_LIKE_CONNECTION.fullmatch(line)
            if not match:
                continue
            first, second = match.groups()
            if first in nodes and second in nodes and not (first in connected and second in connected):
                raise DslError(
                    f"line {cont_lineno}: `{_short(line)}` looks like a connection but is read "
                    f"as more text for the box above; write `{first}->{second}`.",
                    cont_lineno,
                )


def parse_dsl(text: str) -> Flowchart:
    """Read a flowchart.js script into a :class:`~codecharts.model.Flowchart`.

    Raises :class:`~codecharts.errors.DslError` naming the line of the first problem.

    >>> chart = parse_dsl("st=>start: Start\\ne=>end: End\\nst->e")
    >>> [node.id for node in chart.nodes], chart.edges[0].target
    (['st', 'e'], 'e')
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise DslError(f"The flowchart script is empty: define boxes and join them, {_EXAMPLE}.")
    statements = _split_statements(text)

    nodes: dict[str, Node] = {}
    defined_at: dict[str, int] = {}
    raw_edges: list[tuple[int, Edge, str]] = []
    for statement in statements:
        if "=>" in statement.text:
            node, lineno = _parse_definition(statement)
            if node.id in nodes:
                raise DslError(
                    f"line {lineno}: `{node.id}` is already defined on line "
                    f"{defined_at[node.id]}; give each box its own name.",
                    lineno,
                )
            nodes[node.id] = node
            defined_at[node.id] = lineno
        elif "->" in statement.text:
            raw_edges.extend(_parse_connection(statement))
        else:  # only `@>` is left
            raise DslError(
                f"line {statement.lineno}: line styles (`@>`) are not supported in course "
                "flowcharts.",
                statement.lineno,
            )

    edges: list[Edge] = []
    taken: dict[tuple[str, str | None], tuple[int, str]] = {}
    for lineno, edge, ref in raw_edges:
        for name in (edge.source, edge.target):
            if name not in nodes:
                known = ", ".join(f"`{known}`" for known in nodes) or "none yet"
                raise DslError(
                    f"line {lineno}: there is no box called `{name}`."
                    f"{_suggest(name, nodes)}{_undefined_name_hint(name, statements)} "
                    f"Boxes defined: {known}.",
                    lineno,
                )
        source = nodes[edge.source]
        allowed = BRANCHES.get(source.kind)
        if source.kind == "end":
            raise DslError(
                f"line {lineno}: `{source.id}` is an end box, so no arrow can leave it.", lineno
            )
        if allowed and edge.branch not in allowed:
            if source.kind == "condition":
                raise DslError(
                    f"line {lineno}: `{source.id}` is a condition: say which answer the arrow "
                    f"follows, `{source.id}(yes)->...` or `{source.id}(no)->...`.",
                    lineno,
                )
            raise DslError(
                f"line {lineno}: `{source.id}` is a parallel box: say which path the arrow "
                f"follows, like `{source.id}(path1, bottom)->...` (path1, path2 or path3).",
                lineno,
            )
        if not allowed and edge.branch is not None:
            raise DslError(
                f"line {lineno}: `{ref}`: only a condition has (yes)/(no) arrows and only a "
                f"parallel box has paths; `{source.id}` is a {source.kind} box, so write "
                f"`{source.id}->...`.",
                lineno,
            )
        key = (edge.source, edge.branch)
        if key in taken:
            earlier_line, earlier_target = taken[key]
            way = f"a ({edge.branch}) arrow" if edge.branch else "an arrow out"
            raise DslError(
                f"line {lineno}: `{edge.source}` already has {way}, to `{earlier_target}` "
                f"(line {earlier_line}); a box has one way out"
                + (" per answer." if edge.branch else ", so use a condition to choose between two."),
                lineno,
            )
        taken[key] = (lineno, edge.target)
        if edge.branch in DEFAULT_PATH_DIRECTIONS and not edge.direction:
            edge = Edge(edge.source, edge.target, edge.branch, DEFAULT_PATH_DIRECTIONS[edge.branch])
        edges.append(edge)

    connected = {edge.source for edge in edges} | {edge.target for edge in edges}
    _check_connection_typos(statements, nodes, connected)
    if not edges and len(nodes) > 1:
        raise DslError(
            "The script defines boxes but connects none of them: add a connection such as "
            f"`{next(iter(nodes))}->{list(nodes)[1]}`."
        )
    return Flowchart(tuple(nodes.values()), tuple(edges))
