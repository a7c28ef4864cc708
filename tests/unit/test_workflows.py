"""The CI and Pages workflows are valid GitHub Actions, and CI runs the README's command."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from _pytest.mark.expression import Expression

ROOT = Path(__file__).resolve().parents[2]
WORKFLOWS = ROOT / ".github" / "workflows"


def actionlint() -> str:
    exe = Path(sys.executable).parent / "actionlint"
    found = str(exe) if exe.exists() else shutil.which("actionlint")
    if not found:
        pytest.fail("actionlint is not installed: it comes with the root pyproject.toml")
    return found


def lint(*files: Path) -> subprocess.CompletedProcess:
    return subprocess.run([actionlint(), "-no-color", *map(str, files)], capture_output=True, text=True)


def test_both_workflows_pass_actionlint():
    files = [WORKFLOWS / "ci.yml", WORKFLOWS / "pages.yml"]
    result = lint(*files)
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_rejects_a_broken_workflow(tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text("on: push\njobs:\n  a:\n    steps:\n      - run: echo ${{ matrix.nope }}\n")
    assert lint(broken).returncode != 0


def test_pages_workflow_uploads_the_built_site_and_deploys_it():
    text = (WORKFLOWS / "pages.yml").read_text()
    assert "actions/upload-pages-artifact@" in text and "path: lite_site/_output" in text
    assert "actions/deploy-pages@" in text


def ci_commands() -> list[str]:
    """The command of each CI test job (the matrix of ``tests`` in ci.yml)."""
    workflow = yaml.safe_load((WORKFLOWS / "ci.yml").read_text())
    return [job["command"] for job in workflow["jobs"]["tests"]["strategy"]["matrix"]["include"]]


def test_ci_workflow_and_ci_run_call_the_readme_test_command():
    readme = (ROOT / "README.md").read_text()
    assert "./run test" in readme
    commands = ci_commands()
    assert len(commands) == 3 and all(c.startswith("./run test") for c in commands), commands
    assert "run: ${{ matrix.command }}" in (WORKFLOWS / "ci.yml").read_text()
    assert "exec ./run test" in (ROOT / ".ci" / "run").read_text()


#: prints every test's node id and marks, as collected by pytest here
COLLECT = """
import json, sys, pytest
class Marks:
    found = {}
    def pytest_collection_finish(self, session):
        for item in session.items:
            self.found[item.nodeid] = sorted({m.name for m in item.iter_markers()})
plugin = Marks()
pytest.main(["--collect-only", "-q", "-p", "no:cacheprovider"], plugins=[plugin])
print("MARKS", json.dumps(plugin.found))
"""


def marker_expression(command: str) -> str:
    """The ``-m`` expression a CI command runs (``--fast``: what ``./run test --fast`` selects)."""
    if command.split()[2:3] == ["--fast"]:
        fast = re.search(r'exec "\$PY" -m pytest -m "([^"]+)"', (ROOT / "run").read_text())
        assert fast, "./run test --fast no longer selects by mark"
        return fast.group(1)
    found = re.search(r'-m "([^"]+)"|-m (\S+)', command)
    assert found, command
    return found.group(1) or found.group(2)


def test_the_ci_jobs_together_run_every_test_exactly_once():
    result = subprocess.run([sys.executable, "-c", COLLECT], capture_output=True, text=True, cwd=ROOT)
    line = next((x for x in result.stdout.splitlines() if x.startswith("MARKS ")), None)
    assert line, result.stdout[-3000:] + result.stderr[-2000:]
    marks = json.loads(line[len("MARKS "):])
    assert len(marks) > 500  # the whole suite was collected
    selected = []
    for command in ci_commands():
        expression = Expression.compile(marker_expression(command))
        selected.append({node for node, names in marks.items() if expression.evaluate(_Matcher(names))})
    counts = {node: sum(node in s for s in selected) for node in marks}
    assert [n for n, c in counts.items() if c == 0] == [], "tests no CI job runs"
    assert [n for n, c in counts.items() if c > 1] == [], "tests two CI jobs run"
    assert all(selected), "a job that runs nothing"


class _Matcher:
    """Answers ``-m`` names as pytest does: true for the marks the test has."""

    def __init__(self, names):
        self.names = set(names)

    def __call__(self, name: str, **kwargs) -> bool:
        return name in self.names
