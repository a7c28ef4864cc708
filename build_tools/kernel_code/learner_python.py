"""Runs in the Pyodide kernel at start-up: the kernel shows a learner's mistakes as IPython on
CPython does.

**A warning once per run.** Before IPython compiles a cell to run it, the cell is parsed three
more times: by Pyodide's ``find_imports`` (pyodide-kernel loads the packages a cell imports;
``ast.parse``, file name ``<unknown>``) and twice by IPython's check for a top-level ``await``
(``compile``, file name ``<>``). Each parse issues the cell's ``SyntaxWarning`` again
(``"\\s" is an invalid escape sequence``): four in the notebook for one. Warnings filters
(Python's own hook) ignore ``SyntaxWarning`` from those two file names between two runs; from
IPython's ``pre_run_cell`` event until the run ends they are off, so a learner's own
``ast.parse`` warns as on CPython.

**An unfinished statement is a ``SyntaxError``.** IPython's compiler parses with codeop's
``PyCF_ALLOW_INCOMPLETE_INPUT``, so on Python 3.13+ ``for i in range(3):`` alone ends in
``_IncompleteInputError: incomplete input``, a name internal to CPython. The shell's
``compiler_class`` (IPython's trait for the compiler it uses) becomes a ``CachingCompiler``
whose ``ast_parse`` raises a plain ``SyntaxError`` with the same message and place: IPython
then shows ``SyntaxError: incomplete input`` under the cell's line, as on CPython 3.12. The
shell exists before the start-up runs, so its compiler is made again from the class, keeping
its state (``__future__`` flags, cell names). Checked against IPython ``CHECKED_WITH``
(``tests/unit/test_learner_python_logic.py`` fails when the kernel's IPython is another version).

Pure Python; harmless outside IPython (it then does nothing).
"""

import re
import warnings

from IPython.core.compilerop import CachingCompiler

#: the IPython version whose ``CachingCompiler.ast_parse`` and events this was checked against
CHECKED_WITH = "9.12.0"
#: file names of the parses made before a cell runs: Pyodide's find_imports, IPython's await check
PROBE_FILES = ("<unknown>", "<>")


class ProbeWarnings:
    """Ignores ``SyntaxWarning`` from the parses before a run (``quiet``), or not (``loud``).

    The filter entries are put in and taken out of the filter list itself, without marking the
    filters as changed: that mark makes every ``"default"`` warning already shown show again,
    and these entries only ever match warnings that no registry remembers (``compile``'s).

    >>> import warnings
    >>> probes = ProbeWarnings(warnings)
    >>> with warnings.catch_warnings(record=True) as seen:
    ...     warnings.simplefilter("always")
    ...     probes.quiet()
    ...     warnings.warn_explicit("x", SyntaxWarning, "<>", 1)
    ...     probes.loud()
    ...     warnings.warn_explicit("y", SyntaxWarning, "<>", 1)
    >>> [str(w.message) for w in seen]
    ['y']
    """

    def __init__(self, module=warnings, files=PROBE_FILES):
        self._module = module  # its ``filters`` is looked up each time: catch_warnings replaces it
        self._entries = [("ignore", None, SyntaxWarning, re.compile(re.escape(f) + r"\Z"), 0) for f in files]

    def quiet(self, *_):
        """Ignore the probes' syntax warnings, ahead of any other filter (an event callback)."""
        self.loud()
        self._module.filters[:0] = self._entries

    def loud(self, *_):
        """Let the probes' syntax warnings through again (an event callback)."""
        filters = self._module.filters
        filters[:] = [f for f in filters if f not in self._entries]

    def during_run(self, *_):
        """``pre_run_cell``: loud while the cell is compiled and runs; quiet again when the run
        ends (``post_run_cell``, or, for a cell with a top-level ``await``, which pyodide-kernel
        runs without that event, when the kernel's task for the request is done)."""
        self.loud()
        task = _current_task()
        if task is not None:
            task.add_done_callback(self.quiet)


def _current_task():
    """The asyncio task running now, or None outside one."""
    import asyncio

    try:
        return asyncio.current_task()
    except RuntimeError:  # no running event loop
        return None


def plain_syntax_error(error):
    """``error`` as a plain ``SyntaxError`` when it is of a subclass internal to CPython
    (``_IncompleteInputError``); other errors (``IndentationError``, ``SyntaxError``) as they are.

    >>> class _IncompleteInputError(SyntaxError): pass
    >>> plain = plain_syntax_error(_IncompleteInputError("incomplete input", ("<c>", 2, 19, "for i in x:\\n", 2, -1)))
    >>> type(plain).__name__, plain.msg, plain.lineno, plain.text
    ('SyntaxError', 'incomplete input', 2, 'for i in x:\\n')
    >>> e = IndentationError("expected an indented block")
    >>> plain_syntax_error(e) is e
    True
    """
    if type(error).__name__ == "_IncompleteInputError":
        return SyntaxError(*error.args)
    return error


class LearnerCompiler(CachingCompiler):
    """IPython's compiler, whose syntax errors are ``SyntaxError`` or one of its public kinds."""

    def ast_parse(self, source, filename="<unknown>", symbol="exec"):
        try:
            return super().ast_parse(source, filename, symbol)
        except SyntaxError as error:
            plain = plain_syntax_error(error)
            if plain is error:
                raise
            raise plain from None


def use_learner_compiler(shell):
    """Make ``shell`` compile with :class:`LearnerCompiler`, keeping its compiler's state."""
    if isinstance(shell.compile, LearnerCompiler):
        return
    compiler = LearnerCompiler()
    compiler.__dict__.update(shell.compile.__dict__)  # __future__ flags, cell names for tracebacks
    shell.compiler_class = LearnerCompiler
    shell.compile = compiler


def _litecourse_learner_python():
    """Install both in the running IPython (once per kernel)."""
    try:
        from IPython import get_ipython
    except ImportError:
        return
    shell = get_ipython()
    if shell is None or isinstance(shell.compile, LearnerCompiler):
        return
    use_learner_compiler(shell)
    probes = ProbeWarnings()
    probes.quiet()
    shell.events.register("pre_run_cell", probes.during_run)
    shell.events.register("post_run_cell", probes.quiet)
