"""Expressions in English: values ("a plus b", "the length of x") and quoted code.

What cannot be phrased well is quoted as code in backticks, so nothing is ever lost.
"""

from __future__ import annotations

import ast

from . import words

MAX_QUOTE = 70

_BINARY_WORDS = {
    ast.Add: "plus", ast.Sub: "minus", ast.Mult: "times", ast.Div: "divided by",
    ast.Pow: "to the power of",
}
# Only these read unambiguously when chained: "a plus b plus c".
_CHAINABLE = (ast.Add, ast.Mult)

_BUILTIN_RESULTS = {
    "len": "the length of {}",
    "sum": "the sum of {}",
    "max": "the largest of {}",
    "min": "the smallest of {}",
    "abs": "the absolute value of {}",
    "sorted": "{} sorted",
    "reversed": "{} in reverse order",
    "int": "{} converted to an integer",
    "float": "{} converted to a decimal number",
    "str": "{} converted to text",
    "list": "{} converted to a list",
    "tuple": "{} converted to a tuple",
    "set": "{} converted to a set",
    "bool": "{} converted to True or False",
    "type": "the type of {}",
}

_EMPTY_CALLS = {"list": "an empty list", "dict": "an empty dictionary", "set": "an empty set",
                "tuple": "an empty tuple", "str": "an empty string"}


def code(node: ast.AST, limit: int = MAX_QUOTE) -> str:
    """The code of *node* on one line, shortened past *limit* characters.

    >>> code(ast.parse("a  +  b").body[0].value)
    'a + b'
    """
    try:
        text = ast.unparse(node)
    except (RecursionError, MemoryError):
        return "..."
    except Exception:  # a node this Python cannot unparse: say so instead of failing
        return f"<{type(node).__name__}>"
    text = " ".join(text.split())
    if len(text) > limit:
        text = text[: limit - 3].rstrip() + "..."
    return text


def quote(node: ast.AST, limit: int = MAX_QUOTE) -> str:
    """The code of *node* in backticks.

    >>> quote(ast.parse("f(x)").body[0].value)
    '`f(x)`'
    """
    return "`" + code(node, limit).replace("`", "'") + "`"


def is_simple(node: ast.AST) -> bool:
    """Names, literals, dotted names and simple indexing read fine as they are.

    >>> is_simple(ast.parse("a.b[0]").body[0].value), is_simple(ast.parse("f(x)").body[0].value)
    (True, False)
    """
    if isinstance(node, ast.Name):
        return True
    if isinstance(node, ast.Constant):
        return not isinstance(node.value, (str, bytes)) or len(repr(node.value)) <= 40
    if isinstance(node, ast.Attribute):
        return is_simple(node.value) and not isinstance(node.value, ast.Constant)
    if isinstance(node, ast.Subscript):
        return is_simple(node.value) and is_simple(node.slice)
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        return isinstance(node.operand, (ast.Constant, ast.Name))
    return False


def name_of(node: ast.AST) -> str | None:
    """The dotted name a call or decorator refers to, if it is one.

    >>> name_of(ast.parse("os.path.join").body[0].value)
    'os.path.join'
    """
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        base = name_of(node.value)
        return f"{base}.{node.attr}" if base else None
    return None


def phrase(node: ast.AST | None) -> str:
    """A value in English, or its code quoted when English would be clumsy.

    >>> phrase(ast.parse("a + b").body[0].value)
    'a plus b'
    >>> phrase(ast.parse("len(items)").body[0].value)
    'the length of items'
    >>> phrase(ast.parse("x if y else z").body[0].value)
    'x if y is true, otherwise z'
    """
    if node is None:
        return "nothing"
    if is_simple(node):
        return code(node)
    handler = _PHRASERS.get(type(node))
    if handler is not None:
        result = handler(node)
        if result:
            return result
    return quote(node)


def _binop(node: ast.BinOp) -> str | None:
    op_word = _BINARY_WORDS.get(type(node.op))
    if op_word is None:
        if isinstance(node.op, ast.Mod) and not _is_text(node.left):
            if is_simple(node.left) and is_simple(node.right):
                return f"the remainder of {code(node.left)} divided by {code(node.right)}"
        if isinstance(node.op, ast.FloorDiv) and is_simple(node.left) and is_simple(node.right):
            return f"{code(node.left)} divided by {code(node.right)}, rounded down"
        return None
    if _is_text(node.left) or _is_text(node.right):
        if isinstance(node.op, ast.Add):
            return None  # string concatenation reads better as code
    left = node.left
    if isinstance(left, ast.BinOp) and type(left.op) is type(node.op) and isinstance(node.op, _CHAINABLE):
        left_words = _binop(left)
    elif is_simple(left):
        left_words = code(left)
    else:
        left_words = None
    if left_words is None or not is_simple(node.right):
        return None
    return f"{left_words} {op_word} {code(node.right)}"


def _is_text(node: ast.AST) -> bool:
    return isinstance(node, ast.JoinedStr) or (
        isinstance(node, ast.Constant) and isinstance(node.value, (str, bytes)))


def _call(node: ast.Call) -> str | None:
    func = name_of(node.func)
    if func == "input":
        if node.args:
            return f"the user's answer to {phrase(node.args[0])}"
        return "the user's answer"
    if func in _EMPTY_CALLS and not node.args and not node.keywords:
        return _EMPTY_CALLS[func]
    if func in _BUILTIN_RESULTS and len(node.args) == 1 and not node.keywords:
        inner = node.args[0]
        if func in ("int", "float") and isinstance(inner, ast.Call) and name_of(inner.func) == "input":
            kind = "an integer" if func == "int" else "a decimal number"
            return f"{_call(inner)}, converted to {kind}"
        if is_simple(inner) or isinstance(inner, ast.Call):
            return _BUILTIN_RESULTS[func].format(phrase(inner))
        if isinstance(inner, ast.GeneratorExp):  # sum(x for x in xs): no "a generator of"
            items = f"{phrase(inner.elt)} {comprehension_tail(inner.generators)}"
            return _BUILTIN_RESULTS[func].format(items)
    if func == "round" and node.args and not node.keywords and is_simple(node.args[0]):
        if len(node.args) == 1:
            return f"{code(node.args[0])} rounded to a whole number"
        if len(node.args) == 2 and isinstance(node.args[1], ast.Constant):
            places = node.args[1].value
            if isinstance(places, int) and not isinstance(places, bool):
                return f"{code(node.args[0])} rounded to {words.count(places, 'decimal place')}"
    return f"the result of {quote(node)}"


def _sequence(node: ast.List | ast.Tuple | ast.Set) -> str | None:
    kind = {ast.List: "list", ast.Tuple: "tuple", ast.Set: "set"}[type(node)]
    if not node.elts:
        return f"an empty {kind}"
    if len(node.elts) <= 6 and all(is_simple(e) for e in node.elts):
        return f"{words.article(kind)} of {words.join(code(e) for e in node.elts)}"
    return None


def _dict(node: ast.Dict) -> str | None:
    if not node.keys:
        return "an empty dictionary"
    if len(node.keys) <= 6 and all(k is not None and is_simple(k) for k in node.keys):
        noun = words.plural("key", len(node.keys))
        return f"a dictionary with the {noun} {words.join(code(k) for k in node.keys)}"
    return None


def comprehension_tail(generators: list[ast.comprehension]) -> str:
    """ "for each x in xs where x is greater than 0", for every ``for`` of a comprehension.

    >>> comprehension_tail(ast.parse("[x for x in xs if x > 0]").body[0].value.generators)
    'for each x in xs where x is greater than 0'
    """
    from .conditions import condition

    parts = []
    for gen in generators:
        target = gen.target
        names = words.join([code(e) for e in target.elts]) if isinstance(
            target, ast.Tuple) and target.elts else code(target)
        part = f"for each {names} in {phrase(gen.iter)}"
        if gen.ifs:
            part += " where " + words.join(condition(test) for test in gen.ifs)
        parts.append(part)
    return ", ".join(parts)


def _comprehension(node: ast.AST) -> str | None:
    tail = comprehension_tail(node.generators)
    if isinstance(node, ast.DictComp):
        return f"a dictionary mapping {phrase(node.key)} to {phrase(node.value)}, {tail}"
    kind = {ast.ListComp: "a list", ast.SetComp: "a set", ast.GeneratorExp: "a generator"}[type(node)]
    return f"{kind} of {phrase(node.elt)} {tail}"


def lambda_words(node: ast.Lambda) -> str:
    """A lambda as a small function.

    >>> lambda_words(ast.parse("lambda x: x * 2").body[0].value)
    'a small function (a lambda) that takes x and returns x times 2'
    """
    names = [a.arg for a in node.args.posonlyargs + node.args.args + node.args.kwonlyargs]
    if node.args.vararg:
        names.append("*" + node.args.vararg.arg)
    if node.args.kwarg:
        names.append("**" + node.args.kwarg.arg)
    takes = f"takes {words.join(names)}" if names else "takes no arguments"
    return f"a small function (a lambda) that {takes} and returns {phrase(node.body)}"


def _ifexp(node: ast.IfExp) -> str:
    from .conditions import condition

    return f"{phrase(node.body)} if {condition(node.test)}, otherwise {phrase(node.orelse)}"


def _compare_or_bool(node: ast.AST) -> str:
    from .conditions import condition

    return f"whether {condition(node)}"


def _unary(node: ast.UnaryOp) -> str | None:
    if isinstance(node.op, ast.Not):
        return _compare_or_bool(node)
    if isinstance(node.op, ast.USub) and is_simple(node.operand):
        return f"minus {code(node.operand)}"
    return None


def _fstring(node: ast.JoinedStr) -> str:
    return f"the f-string {quote(node)}"


def _template(node: ast.AST) -> str:
    return f"the template string {quote(node)}"


def _named(node: ast.NamedExpr) -> str:
    return f"{phrase(node.value)} (stored in {code(node.target)})"


def _await(node: ast.Await) -> str:
    return f"the result of waiting for {quote(node.value)}"


_PHRASERS = {
    ast.BinOp: _binop,
    ast.Call: _call,
    ast.List: _sequence,
    ast.Tuple: _sequence,
    ast.Set: _sequence,
    ast.Dict: _dict,
    ast.ListComp: _comprehension,
    ast.SetComp: _comprehension,
    ast.GeneratorExp: _comprehension,
    ast.DictComp: _comprehension,
    ast.Lambda: lambda_words,
    ast.IfExp: _ifexp,
    ast.Compare: _compare_or_bool,
    ast.BoolOp: _compare_or_bool,
    ast.UnaryOp: _unary,
    ast.Await: _await,
    ast.JoinedStr: _fstring,
    ast.NamedExpr: _named,
}
if hasattr(ast, "TemplateStr"):  # t-strings, Python 3.14+
    _PHRASERS[ast.TemplateStr] = _template
