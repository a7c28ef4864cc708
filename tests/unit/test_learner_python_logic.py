"""The kernel shows a learner's mistakes as IPython on CPython does (start-up code,
``build_tools/kernel_code/learner_python.py``), on CPython.

Its warnings filters, with warnings issued as ``compile`` issues them; its compiler, in a real
IPython shell (the host's Python 3.11 has no ``_IncompleteInputError``: a stand-in of that name
plays it). ``tests/browser/test_learner_python.py`` runs it in the real kernel.
"""

from __future__ import annotations

import asyncio
import json
import re
import sys
import threading
import warnings
from pathlib import Path
from types import SimpleNamespace

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from IPython.core.compilerop import CachingCompiler  # noqa: E402

from build_tools import paths  # noqa: E402
from build_tools.course import Course  # noqa: E402
from build_tools.kernel_code import learner_python as lp  # noqa: E402
from build_tools.learner_python import SOURCE, startup_code, with_learner_python  # noqa: E402


def shown(*issues) -> list[str]:
    """The messages shown of warnings issued as ``compile`` issues them: ``(message, category, file)``."""
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        probes = lp.ProbeWarnings()
        for issue in issues:
            if callable(issue):
                issue(probes)
            else:
                message, category, file = issue
                warnings.warn_explicit(message, category, file, 1)
    return [str(w.message) for w in seen]


QUIET = lp.ProbeWarnings.quiet
LOUD = lp.ProbeWarnings.loud


class _IncompleteInputError(SyntaxError):
    """Stands in for CPython 3.13+'s own (the host's Python has none)."""


# --- a warning once per run ---------------------------------------------------------------


def test_between_runs_the_parses_before_a_run_issue_no_syntax_warning():
    assert shown(QUIET, ("find_imports", SyntaxWarning, "<unknown>"), ("await check", SyntaxWarning, "<>")) == []


def test_the_cells_own_compile_warns_and_other_warnings_of_those_files_still_show():
    assert shown(
        QUIET,
        ("the cell", SyntaxWarning, "<ipython-input-3-0123456789ab>"),
        ("not a syntax warning", DeprecationWarning, "<>"),
        ("a file named <>x", SyntaxWarning, "<>x"),
    ) == ["the cell", "not a syntax warning", "a file named <>x"]


def test_during_a_run_a_learners_own_ast_parse_warns_as_on_cpython():
    assert shown(QUIET, LOUD, ("ast.parse", SyntaxWarning, "<unknown>")) == ["ast.parse"]


def test_the_filters_go_ahead_of_a_learners_own_and_are_never_doubled():
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a learner's, from an earlier cell
        before = list(warnings.filters)
        probes = lp.ProbeWarnings()
        probes.quiet()
        probes.quiet()
        warnings.warn_explicit("find_imports", SyntaxWarning, "<unknown>", 1)  # no error
        ours = [f for f in warnings.filters if f[0] == "ignore" and f[2] is SyntaxWarning]
        assert len(ours) == 2 and warnings.filters[:2] == ours
        probes.loud()
        assert warnings.filters == before


def test_a_warning_already_shown_is_not_shown_again_because_of_the_switching():
    registry: dict = {}
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("default")
        probes = lp.ProbeWarnings()
        warnings.warn_explicit("once", UserWarning, "lesson.py", 4, registry=registry)
        probes.quiet()
        probes.loud()
        warnings.warn_explicit("once", UserWarning, "lesson.py", 4, registry=registry)
    assert [str(w.message) for w in seen] == ["once"]


def test_a_run_with_a_top_level_await_ends_quiet_when_its_task_is_done():
    """pyodide-kernel runs such a cell with run_cell_async: no post_run_cell, only the task's end."""
    probes = lp.ProbeWarnings()
    states = []

    def quiet_now() -> bool:
        return any(f[0] == "ignore" and f[2] is SyntaxWarning for f in warnings.filters)

    async def kernel_run():
        probes.during_run(None)  # IPython's pre_run_cell
        states.append(quiet_now())
        await asyncio.sleep(0)

    async def requests():
        await asyncio.ensure_future(kernel_run())
        await asyncio.sleep(0)  # the task's done callbacks
        states.append(quiet_now())

    with warnings.catch_warnings():
        probes.quiet()
        # a thread of its own: a test run that drives a browser has an event loop in this one
        runner = threading.Thread(target=asyncio.run, args=(requests(),))
        runner.start()
        runner.join()
    assert states == [False, True]


# --- SyntaxError: incomplete input --------------------------------------------------------


def test_an_internal_incomplete_input_error_becomes_a_plain_syntax_error_at_the_same_place():
    error = _IncompleteInputError("incomplete input", ("<ipython-input-2-x>", 2, 19, "for i in range(3):\n", 2, -1))
    plain = lp.plain_syntax_error(error)
    assert type(plain) is SyntaxError
    assert (plain.msg, plain.filename, plain.lineno, plain.offset, plain.text) == (
        "incomplete input", "<ipython-input-2-x>", 2, 19, "for i in range(3):\n")


@pytest.mark.parametrize("error", [SyntaxError("invalid syntax"), IndentationError("unexpected indent")])
def test_other_syntax_errors_stay_as_they_are(error):
    assert lp.plain_syntax_error(error) is error


@pytest.fixture
def shell():
    from IPython.core.interactiveshell import InteractiveShell
    from traitlets.config import Config

    config = Config()
    config.HistoryManager.enabled = False  # as in the Pyodide kernel: no sqlite history
    InteractiveShell.clear_instance()
    ip = InteractiveShell.instance(config=config)
    shown_errors = []
    ip._showtraceback = lambda etype, evalue, stb: shown_errors.append((etype.__name__, "\n".join(stb)))
    ip.shown_errors = shown_errors
    with warnings.catch_warnings():
        yield ip
    InteractiveShell.clear_instance()


def test_the_shell_shows_an_unfinished_statement_as_syntax_error_incomplete_input_naming_the_line(
        shell, monkeypatch):
    lp._litecourse_learner_python()
    original = CachingCompiler.ast_parse

    def as_on_python_3_13(self, source, filename="<unknown>", symbol="exec"):
        try:
            return original(self, source, filename, symbol)
        except SyntaxError as error:
            raise _IncompleteInputError(*error.args) from None

    monkeypatch.setattr(CachingCompiler, "ast_parse", as_on_python_3_13)
    result = shell.run_cell("total = 0\nfor i in range(3):")
    assert type(result.error_before_exec) is SyntaxError
    ((name, text),) = shell.shown_errors
    text = re.sub(r"\x1b\[[0-9;]*m", "", text)  # colours
    assert name == "SyntaxError" and "_IncompleteInputError" not in text
    assert "SyntaxError: incomplete input" in text and "line 2" in text and "for i in range(3):" in text


def test_the_shell_keeps_its_compilers_state_and_runs_cells_as_before(shell):
    shell.run_cell("from __future__ import annotations")
    shell.run_cell("1 + 1", store_history=True)
    flags, names = shell.compile.flags, dict(shell.compile._filename_map)
    lp._litecourse_learner_python()
    lp._litecourse_learner_python()  # a second start-up changes nothing
    assert isinstance(shell.compile, lp.LearnerCompiler) and shell.compiler_class is lp.LearnerCompiler
    assert shell.compile.flags == flags and shell.compile._filename_map == names
    result = shell.run_cell("def f(x: not_defined): pass\nf.__annotations__")
    assert result.result == {"x": "not_defined"}  # the __future__ import still holds
    assert shell.run_cell("if True:\nprint(1)").error_before_exec.__class__ is IndentationError
    assert [e for e in shell.events.callbacks["pre_run_cell"] if getattr(e, "__name__", "") == "during_run"]


def test_use_learner_compiler_takes_over_any_state_the_compiler_holds():
    old = CachingCompiler()
    old.flags |= 0x1000000
    old._filename_map["<ipython-input-1-x>"] = 1
    stand_in = SimpleNamespace(compile=old, compiler_class=CachingCompiler)
    lp.use_learner_compiler(stand_in)
    assert stand_in.compile.flags == old.flags and stand_in.compile._filename_map == {"<ipython-input-1-x>": 1}


def test_the_kernels_ipython_is_the_version_the_compiler_was_checked_against():
    """The compiler replaces ``CachingCompiler.ast_parse`` (and the warnings rely on IPython's
    events): another IPython in the kernel must be checked before it ships."""
    if not paths.BASE_LOCK.exists():
        pytest.fail("Pyodide's lock is missing: run the build first (see README)")
    kernel = json.loads(paths.BASE_LOCK.read_text())["packages"]["ipython"]["version"]
    assert kernel == lp.CHECKED_WITH, (
        f"the kernel's IPython is now {kernel}, learner_python.py was checked against IPython {lp.CHECKED_WITH}: "
        "check that CachingCompiler.ast_parse, compiler_class and the pre_run_cell/post_run_cell events are "
        "as it expects (tests/browser/test_learner_python.py), then set CHECKED_WITH"
    )


# --- the start-up snippet -------------------------------------------------------------------


def test_every_course_gets_it_at_the_end_of_its_start_up_snippet():
    course = with_learner_python(Course(id="c", title="C", version="1", startup="import math"))
    first, last = course.startup.split("\n", 1)
    assert first == "import math" and last == startup_code()
    assert repr(SOURCE.read_text(encoding="utf-8"))[:-1] in last  # the file, then its call
    exec(last, {})  # outside IPython it does nothing
