"""Functions in English: what they take, what they say they do, what they return."""

from __future__ import annotations

import ast

from . import words
from .expressions import code, name_of, phrase

FunctionNode = ast.FunctionDef | ast.AsyncFunctionDef

# First words of a docstring that are verbs in the imperative ("Add two numbers").
IMPERATIVE_VERBS = frozenset("""
    add append apply ask assign build calculate call check choose clean clear close collect
    combine compare compute construct convert copy count create decide decode delete describe
    display divide do double download draw emit encode ensure evaluate extract fetch fill filter
    find fix format generate get give greet guess handle increase initialise initialize insert
    join keep list load look make map merge move multiply normalise normalize open parse pick
    play plot prepare print process produce push put raise read record register remove render
    repeat replace reset resolve return reverse roll round run save scan search select send
    set show shuffle simulate sort split square start stop store strip subtract sum swap take
    tell test toggle transform translate try turn update use validate wait walk wrap write
""".split())


def _third_person_stem(word: str) -> str | None:
    """'adds' -> 'add', 'applies' -> 'apply', 'pushes' -> 'push' when it is a known verb."""
    for suffix, replacement in (("ies", "y"), ("es", ""), ("s", "")):
        if word.endswith(suffix) and word[: -len(suffix)] + replacement in IMPERATIVE_VERBS:
            return word[: -len(suffix)] + replacement
    return None


def docstring_sentence(doc: str | None) -> str | None:
    """The docstring's first line as a sentence about the function.

    An imperative first line becomes "It will ...", a third-person one "It ...";
    anything else is quoted, because rephrasing it could change what it means.

    >>> docstring_sentence("Add two numbers")
    'It will add two numbers.'
    >>> docstring_sentence("Returns the total.")
    'It returns the total.'
    >>> docstring_sentence("Helper for the parser.")
    'Its docstring says: “Helper for the parser.”'
    """
    if not doc:
        return None
    lines = [line.strip() for line in doc.strip().splitlines() if line.strip()]
    if not lines:
        return None
    first = lines[0]
    head, _, rest = first.partition(" ")
    lowered = head.lower()
    second = rest.split(" ", 1)[0].lower()
    if head.isalpha() and not head.isupper() and second not in ("of", "for", "is", "are", "="):
        body = first.rstrip(".").rstrip()
        body = lowered + body[len(head):]
        if lowered in IMPERATIVE_VERBS:
            return f"It will {body}."
        if _third_person_stem(lowered):
            return f"It {body}."
    return f"Its docstring says: “{first}”"


def _clause_names(names: list[str]) -> tuple[str, int]:
    return words.join(names), len(names)


def parameter_sentence(node: FunctionNode | ast.Lambda, name: str, *, skip_first: bool = False) -> str:
    """What a function takes, grouped: required, optional with defaults, and the rest.

    >>> f = ast.parse("def test_fn(a, b=1, c=2): pass").body[0]
    >>> parameter_sentence(f, "test_fn")
    'test_fn takes three arguments: a is required; b and c are optional, with defaults 1 and 2.'
    """
    args = node.args
    positional = list(args.posonlyargs) + list(args.args)
    # Defaults belong to the last positional parameters.
    defaults = [None] * (len(positional) - len(args.defaults)) + list(args.defaults)
    pairs = list(zip(positional, defaults))
    besides = ""
    if skip_first and pairs:
        besides = f" besides {pairs[0][0].arg}"
        pairs = pairs[1:]
    required = [a for a, d in pairs if d is None]
    optional = [(a, d) for a, d in pairs if d is not None]
    clauses: list[str] = []
    if required:
        names, n = _clause_names([a.arg for a in required])
        clauses.append(f"{names} {words.verb('is', n)} required")
    if optional:
        names, n = _clause_names([a.arg for a, _ in optional])
        defaults = words.join([phrase(d) for _, d in optional])
        default_words = "with the default" if n == 1 else "with defaults"
        clauses.append(f"{names} {words.verb('is', n)} optional, {default_words} {defaults}")
    posonly = [a.arg for a, _ in pairs if any(a is p for p in args.posonlyargs)]
    if posonly:
        names, n = _clause_names(posonly)
        clauses.append(f"{names} can only be given by position")
    if args.vararg:
        clauses.append(f"*{args.vararg.arg} collects any extra positional arguments")
    kw_required = [a.arg for a, d in zip(args.kwonlyargs, args.kw_defaults) if d is None]
    kw_optional = [(a.arg, d) for a, d in zip(args.kwonlyargs, args.kw_defaults) if d is not None]
    if kw_required:
        names, n = _clause_names(kw_required)
        clauses.append(f"{names} must be given by name")
    if kw_optional:
        names, n = _clause_names([a for a, _ in kw_optional])
        defaults = words.join([phrase(d) for _, d in kw_optional])
        default_words = "with the default" if n == 1 else "with defaults"
        clauses.append(f"{names} {words.verb('is', n)} optional and must be given by name, "
                       f"{default_words} {defaults}")
    if args.kwarg:
        clauses.append(f"**{args.kwarg.arg} collects any extra keyword arguments")
    total = len(pairs) + len(args.kwonlyargs) + bool(args.vararg) + bool(args.kwarg)
    if total == 0:
        return f"{name} takes no arguments{besides}."
    return f"{name} takes {words.count(total, 'argument')}{besides}: {'; '.join(clauses)}."


def annotation_sentence(node: FunctionNode, *, skip_first: bool = False) -> str | None:
    """The type hints, if there are any.

    >>> f = ast.parse("def f(a: int, b: str) -> float: pass").body[0]
    >>> annotation_sentence(f)
    'Type hints: a is int, b is str and the result is float.'
    """
    args = node.args
    params = list(args.posonlyargs) + list(args.args)
    if skip_first:
        params = params[1:]
    params += [p for p in (args.vararg,) if p] + list(args.kwonlyargs) + [p for p in (args.kwarg,) if p]
    parts = [f"{p.arg} is {code(p.annotation)}" for p in params if p.annotation is not None]
    if node.returns is not None:
        parts.append(f"the result is {code(node.returns)}")
    if not parts:
        return None
    return f"Type hints: {words.join(parts)}."


def _own_nodes(node: ast.AST):
    """Every node inside a function body, without entering nested functions, classes or lambdas."""
    stack = list(reversed(node.body))
    while stack:
        child = stack.pop()
        yield child
        if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):
            continue
        stack.extend(reversed(list(ast.iter_child_nodes(child))))


def returns_sentence(node: FunctionNode) -> str:
    """What the function gives back: each return expression, or nothing.

    >>> returns_sentence(ast.parse("def f(a):\\n    return a + 1").body[0])
    'It returns a plus 1.'
    >>> returns_sentence(ast.parse("def f(a):\\n    print(a)").body[0])
    'It returns nothing.'
    """
    returns: list[str] = []
    yields: list[str] = []
    for child in _own_nodes(node):
        if isinstance(child, ast.Return):
            value = phrase(child.value) if child.value is not None else "nothing"
            if value not in returns:
                returns.append(value)
        elif isinstance(child, ast.Yield):
            value = phrase(child.value) if child.value is not None else "None"
            if value not in yields:
                yields.append(value)
        elif isinstance(child, ast.YieldFrom):
            value = f"every item of {phrase(child.value)}"
            if value not in yields:
                yields.append(value)
    if yields:
        return f"It is a generator: it yields {words.join(yields[:4], 'and')}" + (
            " and more." if len(yields) > 4 else ".")
    if not returns:
        return "It returns nothing."
    if len(returns) == 1:
        return f"It returns {returns[0]}."
    shown = returns[:5]
    return f"It returns {words.join(shown, 'or')}, depending on which return statement runs."


def is_method(node: FunctionNode, in_class: bool) -> bool:
    """True when the first parameter is the instance or class (not a static method)."""
    if not in_class:
        return False
    if any(name_of(d) == "staticmethod" for d in node.decorator_list):
        return False
    return bool(node.args.posonlyargs or node.args.args)


def decorator_sentence(node: FunctionNode) -> str | None:
    """Decorators in words.

    >>> decorator_sentence(ast.parse("@property\\ndef f(self): pass").body[0])
    'It is a property: it is read like an attribute, without brackets.'
    """
    sentences = []
    others = []
    for deco in node.decorator_list:
        name = name_of(deco)
        if name == "property":
            sentences.append("It is a property: it is read like an attribute, without brackets.")
        elif name == "staticmethod":
            sentences.append("It is a static method: it does not receive the object.")
        elif name == "classmethod":
            sentences.append("It is a class method: it receives the class instead of an object.")
        else:
            others.append(name or code(deco))
    if others:
        sentences.append(f"It is decorated with {words.join(others)}.")
    return " ".join(sentences) or None


def intro_sentence(node: FunctionNode, in_class: bool) -> str:
    """ "A function named f is defined." and its variants.

    >>> intro_sentence(ast.parse("async def fetch(): pass").body[0], False)
    'An asynchronous function named fetch is defined.'
    """
    kind = "method" if in_class else "function"
    if isinstance(node, ast.AsyncFunctionDef):
        kind = "asynchronous " + kind
    return f"{words.capitalize(words.article(kind))} named {node.name} is defined."


def type_params_sentence(node: ast.AST) -> str | None:
    """Generic functions, classes and type aliases (Python 3.12+): their type parameters.

    >>> type_params_sentence(ast.parse("def f(x): pass").body[0]) is None
    True
    """
    params = getattr(node, "type_params", None) or []
    names = []
    for param in params:
        prefix = {"ParamSpec": "**", "TypeVarTuple": "*"}.get(type(param).__name__, "")
        names.append(prefix + param.name)
    if not names:
        return None
    return f"It has the type {words.plural('parameter', len(names))} {words.join(names)}."


def header_sentences(node: FunctionNode, *, in_class: bool = False) -> list[tuple[int, str]]:
    """Intro, decorators, parameters, type hints and docstring of a function, with their lines.

    >>> f = ast.parse("def area(w, h):\\n    'Compute the area.'\\n    return w * h").body[0]
    >>> header_sentences(f)  # doctest: +NORMALIZE_WHITESPACE
    [(1, 'A function named area is defined.'), (1, 'area takes two arguments: w and h are required.'),
     (2, 'It will compute the area.')]
    """
    skip_first = is_method(node, in_class)
    line = node.lineno
    sentences = [(line, intro_sentence(node, in_class))]
    for extra in (decorator_sentence(node),
                  type_params_sentence(node),
                  parameter_sentence(node, node.name, skip_first=skip_first),
                  annotation_sentence(node, skip_first=skip_first)):
        if extra:
            sentences.append((line, extra))
    doc = docstring_sentence(ast.get_docstring(node, clean=True))
    if doc:
        sentences.append((node.body[0].lineno, doc))
    return sentences


def returns_nothing_at_end(node: FunctionNode) -> bool:
    """True when the function has no return or yield and does not end by raising."""
    if node.body and isinstance(node.body[-1], ast.Raise):
        return False
    return not any(isinstance(child, (ast.Return, ast.Yield, ast.YieldFrom))
                   for child in _own_nodes(node))


def function_item(node: FunctionNode, *, in_class: bool = False) -> dict:
    """The structured form of a function definition."""
    args = node.args
    params = []
    positional = list(args.posonlyargs) + list(args.args)
    defaults = [None] * (len(positional) - len(args.defaults)) + list(args.defaults)
    for arg, default in zip(positional, defaults):
        kind = "positional_only" if arg in args.posonlyargs else "positional_or_keyword"
        params.append(_param(arg, kind, default))
    if args.vararg:
        params.append(_param(args.vararg, "var_positional", None))
    for arg, default in zip(args.kwonlyargs, args.kw_defaults):
        params.append(_param(arg, "keyword_only", default))
    if args.kwarg:
        params.append(_param(args.kwarg, "var_keyword", None))
    return {
        "kind": "method" if in_class else "function",
        "name": node.name,
        "line": node.lineno,
        "end_line": node.end_lineno,
        "async": isinstance(node, ast.AsyncFunctionDef),
        "decorators": [code(d) for d in node.decorator_list],
        "parameters": params,
        "returns": code(node.returns) if node.returns is not None else None,
        "docstring": ast.get_docstring(node, clean=True),
        "result": returns_sentence(node),
    }


def _param(arg: ast.arg, kind: str, default: ast.AST | None) -> dict:
    return {"name": arg.arg, "kind": kind,
            "default": code(default) if default is not None else None,
            "annotation": code(arg.annotation) if arg.annotation is not None else None}
