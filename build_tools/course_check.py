"""``./run check``: run the course's notebooks in the browser and say how to fix each failure.

The rot guard (``tests/browser/test_course_content.py``) runs every notebook of the outline top
to bottom in the built site, as a learner pressing Shift+Enter would. Courses raise errors on
purpose to teach them and use shell commands (``!ls``) that have no shell in the browser: such a
cell fails the guard until it carries the tag that says so, the same tags nbclient and Jupyter
Book read:

- ``raises-exception``: the cell is meant to raise; its error is expected (and a cell with the
  tag that raises nothing is reported);
- ``skip-execution``: the cell is not run (a shell command, a loop that never ends, a call that
  needs the network).

This module holds the failures (``Failure``), the advice for each (``advice``), the report, and
``accept``, which tags exactly the listed cells in the notebooks of ``content/``. ``main`` runs
the rot guard on the course alone (pytest in a child process, which records its failures in a
file) and prints the report; ``--accept`` then tags the cells it showed.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

RAISES = "raises-exception"
SKIP = "skip-execution"
#: the rot guard writes its failures (JSON lines) to the file this variable names
FAILURES_ENV = "LITECOURSE_CHECK_FAILURES"
#: the rot guard runs only this course ("content" or "replaced") when the variable is set
ONLY_ENV = "LITECOURSE_CHECK_ONLY"

HOW_TO_TAG = (
    "to tag a cell in JupyterLab: select it, open the right sidebar's Property Inspector (the gear), "
    "and add the tag under Cell Tags; or run `./run check --accept` to tag every cell listed here"
)

#: a line that asks IPython for a shell, which the browser's kernel does not have
_SHELL = re.compile(r"^\s*(!|%%(bash|sh|script|system)\b|%(sx|system)\b|\w+\s*=\s*!)", re.MULTILINE)


@dataclass(frozen=True)
class Failure:
    """One cell of a course notebook that did not run as its tags say."""

    notebook: str  # path inside content/, '/' separators
    cell: int  # 0-based index among all cells
    kind: str  # "error" | "timeout" | "raised-nothing"
    detail: str  # the error ("NameError: name 'Q' is not defined"), or the time limit
    source: str  # the cell's source when it ran: a cell changed since is not tagged blindly

    @property
    def tag(self) -> str:
        """The tag that makes the cell pass, or "" when the fix is the teacher's call.

        >>> Failure("a.ipynb", 3, "error", "NameError: name 'Q' is not defined", "Q").tag
        'raises-exception'
        >>> Failure("a.ipynb", 3, "error", "OSError: no shell", "!ls -l").tag
        'skip-execution'
        >>> Failure("a.ipynb", 3, "timeout", "120 s", "while True: pass").tag
        'skip-execution'
        """
        if self.kind == "raised-nothing":
            return ""
        if self.kind == "timeout" or _SHELL.search(self.source):
            return SKIP
        return RAISES


def error_line(ename: str, evalue: str) -> str:
    """An error output as Python prints its last line (the Pyodide kernel names the class as
    ``<class 'NameError'>``; the report says ``NameError``).

    >>> error_line("<class 'NameError'>", "name 'Q' is not defined")
    "NameError: name 'Q' is not defined"
    >>> error_line("<class '__main__.GradeError'>", "grades run from 0 to 100")
    'GradeError: grades run from 0 to 100'
    """
    name = re.sub(r"^<class '(?:[\w.]+\.)?(\w+)'>$", r"\1", ename)
    return f"{name}: {evalue}" if evalue else name


def advice(failure: Failure) -> str:
    """What the educator should do about ``failure``, in one sentence.

    >>> advice(Failure("a.ipynb", 0, "error", "ZeroDivisionError: division by zero", "1/0"))
    "if this cell raises on purpose (to teach the error), tag it 'raises-exception'; otherwise fix its code"
    """
    if failure.kind == "raised-nothing":
        return f"it no longer raises: remove its {RAISES!r} tag, or restore the error it was meant to show"
    if failure.kind == "timeout":
        return (f"if it cannot finish in the browser (a loop that never ends, a wait for the network), "
                f"tag it {SKIP!r}; otherwise make it finish sooner")
    if failure.tag == SKIP:
        return f"it runs a shell command, and the browser has no shell: tag it {SKIP!r} (learners still read it)"
    return f"if this cell raises on purpose (to teach the error), tag it {RAISES!r}; otherwise fix its code"


def describe(failure: Failure) -> str:
    """The report's line for ``failure``: where, what happened, and the fix.

    >>> describe(Failure("09-errors.ipynb", 5, "error", "NameError: name 'Q' is not defined", "Q"))
    "09-errors.ipynb, cell 6: NameError: name 'Q' is not defined — if this cell raises on purpose \
(to teach the error), tag it 'raises-exception'; otherwise fix its code"
    """
    what = {"timeout": f"did not finish within {failure.detail}",
            "raised-nothing": f"tagged {RAISES!r} but raised nothing"}.get(failure.kind, failure.detail)
    return f"{failure.notebook}, cell {failure.cell + 1}: {what} — {advice(failure)}"


def report(failures: list[Failure]) -> str:
    """The whole report: a line per failure, then how to tag (empty when nothing failed)."""
    if not failures:
        return ""
    return "\n".join([*(describe(f) for f in failures), "", HOW_TO_TAG[:1].upper() + HOW_TO_TAG[1:] + "."])


def record(failure: Failure) -> None:
    """Append ``failure`` to the file named by ``FAILURES_ENV``, when a ``./run check`` asked."""
    target = os.environ.get(FAILURES_ENV)
    if target:
        with open(target, "a", encoding="utf-8") as out:
            out.write(json.dumps(asdict(failure)) + "\n")


def recorded(path: Path) -> list[Failure]:
    """The failures a rot guard run recorded in ``path``."""
    if not path.exists():
        return []
    return [Failure(**json.loads(line)) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _source(cell: dict) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else str(source)


def _fingerprint(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def accept(content_dir: Path, failures: list[Failure]) -> tuple[list[str], list[str]]:
    """Tag exactly the cells of ``failures`` that a tag fixes, in the notebooks of ``content_dir``.

    Returns (what was tagged, what was left), a line each. A cell whose source changed since the
    check, or whose fix is not a tag, is left. Notebooks keep their JSON layout (nbformat's
    one-space indent) and every other byte of their cells.
    """
    tagged, left = [], []
    by_notebook: dict[str, list[Failure]] = {}
    for failure in failures:
        by_notebook.setdefault(failure.notebook, []).append(failure)
    for notebook, found in by_notebook.items():
        path = content_dir / notebook
        nb = json.loads(path.read_text(encoding="utf-8"))
        changed = False
        for failure in found:
            where = f"{notebook}, cell {failure.cell + 1}"
            cells = nb.get("cells", [])
            if not failure.tag:
                left.append(f"{where}: {advice(failure)}")
                continue
            if failure.cell >= len(cells) or _fingerprint(_source(cells[failure.cell])) != _fingerprint(
                    failure.source):
                left.append(f"{where}: changed since the check, not tagged: run `./run check` again")
                continue
            tags = cells[failure.cell].setdefault("metadata", {}).setdefault("tags", [])
            if failure.tag not in tags:
                tags.append(failure.tag)
                changed = True
            tagged.append(f"{where}: tagged {failure.tag!r} ({failure.detail})")
        if changed:
            path.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return tagged, left


def run_rot_guard(failures_file: Path, pytest_args: list[str]) -> int:
    """Run the rot guard on the course in content/ alone; its exit code."""
    env = {**os.environ, FAILURES_ENV: str(failures_file), ONLY_ENV: "content"}
    root = Path(__file__).resolve().parents[1]
    command = [sys.executable, "-m", "pytest", "tests/browser/test_course_content.py", "-q", "--no-header",
               "-p", "no:cacheprovider", "--tb=no", *pytest_args]
    return subprocess.run(command, cwd=root, env=env, check=False).returncode


def main(argv: list[str] | None = None, *, run: Callable[[Path, list[str]], int] = run_rot_guard,
         content_dir: Path | None = None) -> int:
    """``./run check [--accept]``: the report, and with ``--accept`` the tags; the exit code."""
    parser = argparse.ArgumentParser(prog="./run check", description=__doc__.split("\n\n")[0])
    parser.add_argument("--accept", action="store_true", help="tag the cells the report lists, after showing them")
    args, pytest_args = parser.parse_known_args(argv)
    if content_dir is None:
        from . import paths

        content_dir = paths.CONTENT
    with tempfile.TemporaryDirectory(prefix="litecourse-check-") as folder:
        failures_file = Path(folder) / "failures.jsonl"
        code = run(failures_file, pytest_args)
        failures = recorded(failures_file)
    if code not in (0, 1) or (code == 1 and not failures):
        print(f"\nThe course check could not run (pytest exit code {code}): see the lines above.", file=sys.stderr)
        return code or 1
    if not failures:
        print("\nEvery notebook of the course runs top to bottom as its tags say.")
        return 0
    print(f"\n{len(failures)} cell(s) did not run as their tags say:\n\n{report(failures)}")
    if not args.accept:
        return 1
    tagged, left = accept(content_dir, failures)
    print("\n--accept: " + (f"tagged {len(tagged)} cell(s):" if tagged else "tagged no cell."))
    print("\n".join(f"  {line}" for line in tagged))
    if left:
        print("Left for you to decide:\n" + "\n".join(f"  {line}" for line in left))
    print("\nRebuild and check again: ./run check")
    return 1 if left else 0


if __name__ == "__main__":
    raise SystemExit(main())
