"""The detailed walk: every statement in order, as sentences tied to line numbers."""

from __future__ import annotations

import ast
import re

from . import words
from .calls import asks_user, call_action
from .classes import class_sentences
from .conditions import condition
from .expressions import code, is_simple, name_of, phrase, quote
from .functions import header_sentences, returns_nothing_at_end, type_params_sentence
from .imports import from_import_sentence, import_sentence
from .loops import for_sentence, while_sentence
from .model import Sentence

_AUGMENTED = {
    ast.Add: "{t} is increased by {v}",
    ast.Sub: "{t} is decreased by {v}",
    ast.Mult: "{t} is multiplied by {v}",
    ast.Div: "{t} is divided by {v}",
    ast.FloorDiv: "{t} is divided by {v}, rounded down",
    ast.Mod: "{t} is set to the remainder of {t} divided by {v}",
    ast.Pow: "{t} is raised to the power of {v}",
}


def is_docstring(stmt: ast.stmt) -> bool:
    return (isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Constant)
            and isinstance(stmt.value.value, str))


def fallback_text(node: ast.AST) -> str:
    """The sentence for anything that cannot be phrased: the code, quoted.

    >>> fallback_text(ast.parse("x @ y").body[0])
    'Line 1 runs: `x @ y`.'
    """
    return f"Line {node.lineno} runs: {quote(node)}."


def _target(node: ast.AST) -> str:
    return code(node) if is_simple(node) else quote(node)


class Walker:
    """Collects sentences; every statement is phrased inside a safety net.

    A statement that cannot be phrased (or hits a bug) falls back to quoting its code, so a
    learner never sees an exception; with ``strict=True`` bugs are raised instead, for tests.
    """

    def __init__(self, source: str, strict: bool = False):
        self.lines = re.split(r"\r\n|\r|\n", source)  # as Python counts lines
        self.strict = strict
        self.sentences: list[Sentence] = []
        self.internal_errors: list[str] = []

    # -- plumbing ---------------------------------------------------------------------------
    def say(self, line: int | None, text: str, depth: int) -> None:
        self.sentences.append(Sentence(line, words.finish(text), depth))

    def fallback(self, node: ast.AST, depth: int) -> None:
        self.sentences.append(Sentence(node.lineno, fallback_text(node), depth))

    def safely(self, node: ast.AST, depth: int, produce) -> None:
        """Run *produce*; if it fails, replace what it said by the quoted code of *node*."""
        mark = len(self.sentences)
        try:
            produce()
        except RecursionError:  # absurdly nested code: quoting it is the honest answer
            del self.sentences[mark:]
            self.fallback(node, depth)
        except Exception as error:
            if self.strict:
                raise
            del self.sentences[mark:]
            self.internal_errors.append(
                f"line {getattr(node, 'lineno', '?')}: {type(error).__name__}: {error}")
            self.fallback(node, depth)

    def keyword_line(self, keyword: str, first: int, last: int) -> int:
        """The line of an ``else``/``finally`` keyword, which the syntax tree does not record."""
        pattern = re.compile(rf"\s*{keyword}\b")
        for number in range(last, first - 1, -1):
            if 0 < number <= len(self.lines) and pattern.match(self.lines[number - 1]):
                return number
        return last

    # -- walking ----------------------------------------------------------------------------
    def module(self, tree: ast.Module) -> None:
        body = tree.body
        if body and is_docstring(body[0]):
            doc = body[0].value.value.strip().splitlines()
            if doc:
                self.say(body[0].lineno, f"The module's docstring says: “{doc[0].strip()}”", 0)
            body = body[1:]
        self.body(body, 0)

    def body(self, stmts: list[ast.stmt], depth: int, *, in_class: bool = False,
             skip_docstring: bool = False) -> None:
        i = 0
        if skip_docstring and stmts and is_docstring(stmts[0]):
            i = 1
        while i < len(stmts):
            stmt = stmts[i]
            if isinstance(stmt, ast.Import):
                # Consecutive imports read as one sentence: "Three modules are imported ...".
                j = i
                while j < len(stmts) and isinstance(stmts[j], ast.Import):
                    j += 1
                group = stmts[i:j]
                self.safely(
                    stmt, depth, lambda stmt=stmt, group=group: self.say(stmt.lineno, import_sentence(group), depth)
                )
                i = j
                continue
            self.safely(stmt, depth, lambda stmt=stmt: self.statement(stmt, depth, in_class))
            i += 1

    def statement(self, stmt: ast.stmt, depth: int, in_class: bool) -> None:
        handler = getattr(self, "on_" + type(stmt).__name__, None)
        if handler is None:
            self.fallback(stmt, depth)
        else:
            handler(stmt, depth, in_class)

    # -- definitions ------------------------------------------------------------------------
    def on_FunctionDef(self, node, depth, in_class):
        for line, text in header_sentences(node, in_class=in_class):
            self.say(line, text, depth)
        self.body(node.body, depth + 1, skip_docstring=True)
        if returns_nothing_at_end(node):
            self.say(node.end_lineno, "It returns nothing.", depth + 1)

    on_AsyncFunctionDef = on_FunctionDef

    def on_ClassDef(self, node, depth, in_class):
        for text in class_sentences(node):
            self.say(node.lineno, text, depth)
        self.body(node.body, depth + 1, in_class=True, skip_docstring=True)

    def on_ImportFrom(self, node, depth, in_class):
        self.say(node.lineno, from_import_sentence(node), depth)

    def on_TypeAlias(self, node, depth, in_class):
        self.say(node.lineno, f"{code(node.name)} is defined as a type alias for {quote(node.value)}", depth)
        generic = type_params_sentence(node)
        if generic:
            self.say(node.lineno, generic, depth)

    # -- simple statements ------------------------------------------------------------------
    def on_Assign(self, node, depth, in_class):
        value, targets = node.value, node.targets
        if len(targets) == 1:
            target = targets[0]
            asked = asks_user(value)
            if asked and is_simple(target):
                prompt, conversion = asked
                text = f"It asks the user {prompt}" if prompt else "It asks the user for some input"
                text += " and stores the answer"
                if conversion:
                    text += f", converted to {conversion},"
                self.say(node.lineno, f"{text} in {_target(target)}", depth)
                return
            if isinstance(target, (ast.Tuple, ast.List)) and not any(
                    isinstance(e, ast.Starred) for e in target.elts):
                names = [_target(e) for e in target.elts]
                if isinstance(value, (ast.Tuple, ast.List)) and len(value.elts) == len(names):
                    values = [code(e) for e in value.elts]
                    if len(names) == 2 and names == values[::-1]:
                        self.say(node.lineno, f"{names[0]} and {names[1]} swap their values", depth)
                        return
                    self.say(node.lineno, f"{words.join(names)} are set to "
                             f"{words.join([phrase(e) for e in value.elts])}, respectively", depth)
                    return
                self.say(node.lineno, f"The values of {phrase(value)} are unpacked into "
                         f"{words.join(names)}", depth)
                return
        names = [_target(t) for t in targets]
        if len(names) == 1:
            self.say(node.lineno, f"{names[0]} is set to {phrase(value)}", depth)
        else:
            every = "both" if len(names) == 2 else "all"
            self.say(node.lineno, f"{words.join(names)} are {every} set to {phrase(value)}", depth)

    def on_AnnAssign(self, node, depth, in_class):
        text = f"{_target(node.target)} is declared as {code(node.annotation)}"
        if node.value is not None:
            text += f" and set to {phrase(node.value)}"
        self.say(node.lineno, text, depth)

    def on_AugAssign(self, node, depth, in_class):
        target, value = _target(node.target), phrase(node.value)
        if isinstance(node.op, ast.Add) and isinstance(node.value, (ast.Constant, ast.JoinedStr)) \
                and isinstance(getattr(node.value, "value", ""), str):
            self.say(node.lineno, f"{value} is added to the end of {target}", depth)
            return
        pattern = _AUGMENTED.get(type(node.op))
        if pattern:
            self.say(node.lineno, pattern.format(t=target, v=value), depth)
        else:
            self.say(node.lineno, f"{target} is updated: {quote(node)}", depth)

    def on_Expr(self, node, depth, in_class):
        value = node.value
        if isinstance(value, ast.Call):
            self.say(node.lineno, "It " + call_action(value), depth)
        elif isinstance(value, ast.Constant) and value.value is Ellipsis:
            self.say(node.lineno, "It does nothing here (...)", depth)
        elif isinstance(value, ast.Constant) and isinstance(value.value, str):
            self.say(node.lineno, "A string stands on its own here; it does nothing "
                     "(such strings are often used as comments)", depth)
        elif isinstance(value, ast.Await):
            self.say(node.lineno, f"It waits for {quote(value.value)} to finish", depth)
        elif isinstance(value, ast.Yield):
            shown = phrase(value.value) if value.value is not None else "None"
            self.say(node.lineno, f"It yields {shown}, pausing until the next value is asked for", depth)
        elif isinstance(value, ast.YieldFrom):
            self.say(node.lineno, f"It yields every item of {phrase(value.value)}", depth)
        else:
            self.fallback(node, depth)

    def on_Return(self, node, depth, in_class):
        if node.value is None:
            self.say(node.lineno, "It stops here and returns nothing", depth)
        else:
            self.say(node.lineno, f"It returns {phrase(node.value)}", depth)

    def on_Raise(self, node, depth, in_class):
        exc = node.exc
        if exc is None:
            text = "It raises the error being handled again"
        else:
            text = f"It raises {self._error_words(exc)}"
        if node.cause is not None:
            if isinstance(node.cause, ast.Constant) and node.cause.value is None:
                text += ", hiding the error that led to it"
            else:
                text += f", caused by {phrase(node.cause)}"
        self.say(node.lineno, text, depth)

    @staticmethod
    def _error_words(exc: ast.AST) -> str:
        name = name_of(exc.func) if isinstance(exc, ast.Call) else name_of(exc)
        if not name or not name.split(".")[-1][:1].isupper():
            return phrase(exc)
        if not isinstance(exc, ast.Call) or (not exc.args and not exc.keywords):
            return words.article(name)
        if len(exc.args) == 1 and not exc.keywords:
            return f"{words.article(name)} with the message {phrase(exc.args[0])}"
        return f"{words.article(name)}: {quote(exc)}"

    def on_Assert(self, node, depth, in_class):
        text = f"It checks that {condition(node.test)}; if not, it stops with an AssertionError"
        if node.msg is not None:
            text += f" and the message {phrase(node.msg)}"
        self.say(node.lineno, text, depth)

    def on_Delete(self, node, depth, in_class):
        self.say(node.lineno, f"It deletes {words.join([_target(t) for t in node.targets])}", depth)

    def on_Global(self, node, depth, in_class):
        n = len(node.names)
        if n == 1:
            text = f"{node.names[0]} refers to the global variable {node.names[0]}, not a new local one"
        else:
            text = (f"{words.join(node.names)} refer to the global variables of the same names, "
                    "not new local ones")
        self.say(node.lineno, text, depth)

    def on_Nonlocal(self, node, depth, in_class):
        n = len(node.names)
        if n == 1:
            text = f"{node.names[0]} refers to the variable {node.names[0]} of the enclosing function"
        else:
            text = (f"{words.join(node.names)} refer to the variables of the same names in the "
                    "enclosing function")
        self.say(node.lineno, text, depth)

    def on_Pass(self, node, depth, in_class):
        self.say(node.lineno, "It does nothing here (pass)", depth)

    def on_Break(self, node, depth, in_class):
        self.say(node.lineno, "It breaks out of the loop", depth)

    def on_Continue(self, node, depth, in_class):
        self.say(node.lineno, "It skips the rest of this round and goes on with the next round "
                 "of the loop", depth)

    # -- compound statements ----------------------------------------------------------------
    def on_If(self, node, depth, in_class):
        self.say(node.lineno, f"It checks whether {condition(node.test)}", depth)
        self.body(node.body, depth + 1)
        current = node
        while current.orelse:
            orelse = current.orelse
            nested = orelse[0]
            if (len(orelse) == 1 and isinstance(nested, ast.If)
                    and nested.col_offset == node.col_offset):
                self.say(nested.lineno, f"Otherwise, it checks whether {condition(nested.test)}", depth)
                self.body(nested.body, depth + 1)
                current = nested
                continue
            line = self.keyword_line("else", current.body[-1].end_lineno, orelse[0].lineno)
            self.say(line, "Otherwise, it runs the else block", depth)
            self.body(orelse, depth + 1)
            break

    def _loop_else(self, node, depth):
        if node.orelse:
            line = self.keyword_line("else", node.body[-1].end_lineno, node.orelse[0].lineno)
            self.say(line, "If the loop finishes without a break, it runs the else block", depth)
            self.body(node.orelse, depth + 1)

    def on_For(self, node, depth, in_class):
        self.say(node.lineno, for_sentence(node), depth)
        self.body(node.body, depth + 1)
        self._loop_else(node, depth)

    on_AsyncFor = on_For

    def on_While(self, node, depth, in_class):
        self.say(node.lineno, while_sentence(node), depth)
        self.body(node.body, depth + 1)
        self._loop_else(node, depth)

    def on_Try(self, node, depth, in_class, group: bool = False):
        self.say(node.lineno, "It tries the following, watching for errors", depth)
        self.body(node.body, depth + 1)
        for handler in node.handlers:
            self.say(handler.lineno, self._handler_words(handler, group), depth)
            self.body(handler.body, depth + 1)
        last = (node.handlers[-1].body if node.handlers else node.body)[-1].end_lineno
        if node.orelse:
            line = self.keyword_line("else", last, node.orelse[0].lineno)
            self.say(line, "If no error happened, it runs the else block", depth)
            self.body(node.orelse, depth + 1)
            last = node.orelse[-1].end_lineno
        if node.finalbody:
            line = self.keyword_line("finally", last, node.finalbody[0].lineno)
            self.say(line, "Finally, whether or not an error happened, it runs the finally block",
                     depth)
            self.body(node.finalbody, depth + 1)

    def on_TryStar(self, node, depth, in_class):
        self.on_Try(node, depth, in_class, group=True)

    @staticmethod
    def _handler_words(handler: ast.ExceptHandler, group: bool) -> str:
        kind = handler.type
        if kind is None:
            what = "any error happens"
        else:
            kinds = kind.elts if isinstance(kind, ast.Tuple) else [kind]
            names = [name_of(k) for k in kinds]
            if all(names):
                listed = words.join([words.article(n) for n in names], "or")
            else:
                listed = f"an error matching {quote(kind)}"
            what = f"the group of errors contains {listed}" if group else f"{listed} happens"
        calling = f" (calling it {handler.name})" if handler.name else ""
        return f"If {what}{calling}, it runs this block"

    def on_With(self, node, depth, in_class):
        parts = []
        opens_only = True
        for item in node.items:
            ctx, var = item.context_expr, item.optional_vars
            alias = f" as {_target(var)}" if var is not None else ""
            if isinstance(ctx, ast.Call) and name_of(ctx.func) == "open" and ctx.args:
                parts.append(f"opens the file {phrase(ctx.args[0])}{alias}")
            else:
                opens_only = False
                parts.append(f"uses {quote(ctx)}{alias}")
        lead = "In an asynchronous with statement, it " if isinstance(node, ast.AsyncWith) else "It "
        if opens_only:
            files = "file is" if len(parts) == 1 else "files are"
            text = f"{lead}{words.join(parts)} for the block below; the {files} closed afterwards"
        else:
            text = f"{lead}{words.join(parts)} for the block below, and cleans up afterwards"
        self.say(node.lineno, text, depth)
        self.body(node.body, depth + 1)

    on_AsyncWith = on_With

    def on_Match(self, node, depth, in_class):
        n = len(node.cases)
        self.say(node.lineno, f"It compares {phrase(node.subject)} with {words.count(n, 'case')}", depth)
        for case in node.cases:
            self.say(case.pattern.lineno, self._case_words(case), depth)
            self.body(case.body, depth + 1)

    @staticmethod
    def _case_words(case: ast.match_case) -> str:
        pattern = case.pattern
        guard = f" and {condition(case.guard)}" if case.guard is not None else ""
        if isinstance(pattern, ast.MatchAs) and pattern.pattern is None:
            if case.guard is not None:
                calling = f"Calling the value {pattern.name}, if" if pattern.name else "If"
                return f"{calling} {condition(case.guard)}, it runs this block"
            calling = f", calling the value {pattern.name}" if pattern.name else ""
            return f"In any other case{calling}, it runs this block"
        if isinstance(pattern, ast.MatchValue):
            return f"If it is equal to {phrase(pattern.value)}{guard}, it runs this block"
        if isinstance(pattern, ast.MatchSingleton):
            return f"If it is {pattern.value!r}{guard}, it runs this block"
        if isinstance(pattern, ast.MatchOr) and all(
                isinstance(p, ast.MatchValue) for p in pattern.patterns):
            values = words.join([phrase(p.value) for p in pattern.patterns], "or")
            return f"If it is equal to {values}{guard}, it runs this block"
        return f"If it matches the pattern {quote(pattern)}{guard}, it runs this block"
