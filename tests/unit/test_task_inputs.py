"""Every build task lists all of its inputs, its own code included, so doit re-runs it after any
change that could change its output (issue "An educator's fork stays green", item 7)."""

from __future__ import annotations

import pytest

import dodo
from build_tools import paths
from build_tools.sources import module_sources


def tasks() -> dict[str, dict]:
    """Every task dict of dodo.py by name (``group:name`` for sub-tasks)."""
    found = {}
    for name in ("pyodide", "wheels", "extension", "kernel", "site", "zip"):
        made = getattr(dodo, f"task_{name}")()
        for task in [made] if isinstance(made, dict) else list(made):
            found[f"{name}:{task['name']}" if "name" in task else name] = task
    return found


@pytest.mark.parametrize("task, stage", [
    ("pyodide", "build_tools.pyodide"),
    ("wheels:codecharts", "build_tools.wheels"),
    ("extension:node_modules", "build_tools.extension"),
    ("extension:wheel", "build_tools.extension"),
    ("kernel", "build_tools.kernel"),
    ("site", "build_tools.site"),
    ("site", "build_tools.offline_pip"),
    ("zip", "build_tools.zip"),
])
def test_every_task_lists_the_code_it_runs_and_every_module_that_code_imports(task, stage):
    file_dep = set(tasks()[task]["file_dep"])
    missing = [p.name for p in module_sources(stage) if p not in file_dep]
    assert not missing, f"{task} does not list {missing}"


def test_the_kernel_python_the_build_sends_or_runs_is_an_input_of_its_task():
    from build_tools import bytecode, offline_pip, tools_first

    all_tasks = tasks()
    assert {bytecode.DRIVER, bytecode.RUNNER} <= set(all_tasks["kernel"]["file_dep"])
    assert {offline_pip.SOURCE, tools_first.SOURCE} <= set(all_tasks["site"]["file_dep"])


def test_module_sources_follows_imports_from_module_to_module():
    kernel = {p.name for p in module_sources("build_tools.kernel")}
    # kernel imports download, which imports tools, which imports errors
    assert {"kernel.py", "download.py", "tools.py", "errors.py", "bytecode.py"} <= kernel
    assert "zip.py" not in kernel and "homepage.py" not in kernel, "only what it imports"
    assert all(p.parent == paths.ROOT / "build_tools" for p in module_sources("build_tools.kernel"))
