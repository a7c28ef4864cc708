"""The CI and Pages workflows are valid GitHub Actions, and CI runs the README's command."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

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


def test_ci_workflow_and_ci_run_call_the_readme_test_command():
    readme = (ROOT / "README.md").read_text()
    assert "./run test" in readme
    assert "run: ./run test" in (WORKFLOWS / "ci.yml").read_text()
    assert "exec ./run test" in (ROOT / ".ci" / "run").read_text()
