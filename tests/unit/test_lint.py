"""The code is clean under the project's linters (part of `./run test`): ruff for Python
(config: ``[tool.ruff]`` in pyproject.toml), ESLint + typescript-eslint and prettier for the
extension's TypeScript (config: ``eslint.config.mjs``, ``.prettierrc.json``; versions pinned in
its package.json). A failure shows the linter's own report: fix what it names, or run the
autofix it offers (``ruff check --fix .``; ``npm run lint:fix`` in the extension's folder).
"""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from build_tools.paths import EXTENSION_DIR, ROOT

NODE_MODULES = EXTENSION_DIR / "node_modules"
#: what prettier formats: the extension's own sources and configs (not build output)
PRETTIER_FILES = ["src", "style", "webpack.config.js", "eslint.config.mjs", ".prettierrc.json"]


def report(result: subprocess.CompletedProcess) -> str:
    return "\n" + (result.stdout + result.stderr).strip()


def node_tool(*args: str) -> subprocess.CompletedProcess:
    if shutil.which("node") is None or not NODE_MODULES.is_dir():
        pytest.fail("node and the extension's node_modules are needed: run ./run build first")
    return subprocess.run(["node", *args], cwd=EXTENSION_DIR, capture_output=True, text=True, timeout=300)


def test_python_is_clean_under_ruff():
    result = subprocess.run([sys.executable, "-m", "ruff", "check", "--no-cache", "."], cwd=ROOT,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, report(result)


def test_typescript_is_clean_under_eslint():
    result = node_tool(str(NODE_MODULES / "eslint" / "bin" / "eslint.js"), "--max-warnings=0", ".")
    assert result.returncode == 0, report(result)


def test_typescript_and_css_are_formatted_by_prettier():
    result = node_tool(str(NODE_MODULES / "prettier" / "bin" / "prettier.cjs"), "--check", *PRETTIER_FILES)
    assert result.returncode == 0, report(result)
