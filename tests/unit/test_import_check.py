"""Every notebook's imports are checked at build: what the site cannot provide is named with the fix.

Checked against this build's real inputs: the shipped lock, Pyodide's full lock and its
standard library.
"""

from __future__ import annotations

import json

import pytest

from build_tools import paths
from build_tools.errors import BuildError
from build_tools.imports import check_imports


def code(source: str, tags=()) -> dict:
    return {
        "cell_type": "code",
        "source": source,
        "metadata": {"tags": list(tags)},
        "outputs": [],
        "execution_count": None,
    }


def markdown(source: str) -> dict:
    return {"cell_type": "markdown", "source": source, "metadata": {}}


def course(tmp_path, notebooks: dict[str, list[dict]], metadata=None):
    content = tmp_path / "content"
    pairs = []
    for rel, cells in notebooks.items():
        path = content / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        nb = {"cells": cells, "metadata": metadata or {}, "nbformat": 4, "nbformat_minor": 5}
        path.write_text(json.dumps(nb))
        pairs.append((path, nb))
    return content, pairs


@pytest.fixture(scope="module")
def locks():
    shipped = paths.STAGE_PYODIDE / "pyodide-lock.json"
    if not shipped.exists() or not paths.BASE_LOCK.exists():
        pytest.fail("the build's locks are missing: run the build first (see README)")
    return json.loads(shipped.read_text()), json.loads(paths.BASE_LOCK.read_text())


def problems(content, pairs, locks) -> list[str]:
    try:
        check_imports(content, pairs, *locks, paths.BASE_STDLIB)
    except BuildError as exc:
        return str(exc).splitlines()
    return []


def test_a_module_the_site_cannot_provide_stops_the_build_naming_notebook_cell_line_and_fix(tmp_path, locks):
    content, pairs = course(
        tmp_path,
        {
            "week1/data.ipynb": [
                markdown("# Data"),
                code("x = 1"),
                code("import json\nimport numpy as np\nfrom tabulate_nowhere import t"),
            ]
        },
    )
    found = problems(content, pairs, locks)
    assert len(found) == 2
    assert found[0] == (
        "content/week1/data.ipynb, cell 3, line 2: `import numpy` — 'numpy' comes from "
        "Pyodide's package 'numpy', which this site does not ship: add \"numpy\" to [kernel] "
        "pyodide_packages in course.toml"
    )
    assert found[1].startswith(
        "content/week1/data.ipynb, cell 3, line 3: `import tabulate_nowhere` — the site cannot provide"
    )
    assert 'add "tabulate_nowhere" to [kernel] installable in course.toml and run `./run pins`' in found[1]


def test_the_standard_library_our_tools_the_kernel_and_installable_extras_are_fine(tmp_path, locks):
    content, pairs = course(
        tmp_path,
        {
            "ok.ipynb": [
                code("import math, json, zoneinfo, asyncio, sqlite3\nfrom collections import Counter"),
                code("import codecharts, codeprose, workings, IPython, pyodide, js"),
                code("%pip install pint\nimport pint"),
            ]
        },
    )
    assert problems(content, pairs, locks) == []


def test_a_module_the_notebook_ships_or_writes_itself_is_fine(tmp_path, locks):
    content, pairs = course(
        tmp_path,
        {
            "unit/lesson.ipynb": [
                code("%%writefile shapes.py\nimport nothing_here\n"),
                code("import helper, shapes, mypkg.sub"),
            ]
        },
    )
    (content / "unit" / "helper.py").write_text("X = 1\n")
    (content / "unit" / "mypkg").mkdir()
    assert problems(content, pairs, locks) == []


def test_imports_are_read_as_ipython_runs_the_cell(tmp_path, locks):
    content, pairs = course(
        tmp_path,
        {
            "magic.ipynb": [
                code("!ls\n%matplotlib inline\nimport numpy"),
                code("%%describe\nimport pandas as pd"),  # text for a cell magic, never imported
            ]
        },
    )
    found = problems(content, pairs, locks)
    assert [line.split(":")[0] for line in found] == ["content/magic.ipynb, cell 1, line 3"]


def test_a_tagged_cell_or_notebook_and_a_guarded_import_are_not_checked(tmp_path, locks):
    content, pairs = course(
        tmp_path,
        {
            "a.ipynb": [
                code("import numpy  # shows the error on purpose", tags=["allow-missing-import"]),
                code("import pandas", tags=["raises-exception"]),
                code("try:\n    import ujson as json\nexcept ImportError:\n    import json"),
            ]
        },
    )
    assert problems(content, pairs, locks) == []
    content, pairs = course(
        tmp_path / "b", {"b.ipynb": [code("import numpy")]}, metadata={"litecourse": {"allow_missing_imports": True}}
    )
    assert problems(content, pairs, locks) == []


def test_the_sample_course_imports_only_what_the_site_provides(locks):
    from build_tools.notebooks import check_all

    assert problems(paths.CONTENT, check_all(paths.CONTENT), locks) == []


def test_ipywidgets_is_fine_where_the_site_ships_widgets_and_else_names_the_setting(tmp_path, locks):
    cells = [code("import ipywidgets as w\nfrom ipywidgets import interact")]
    content, pairs = course(tmp_path, {"sliders.ipynb": cells})
    shipped, base = locks
    without = {**shipped, "packages": {k: v for k, v in shipped["packages"].items() if k != "ipywidgets"}}
    fix = "widgets need the widget manager in the page: set widgets = true in [kernel] of course.toml"
    assert problems(content, pairs, (without, base)) == [
        f"content/sliders.ipynb, cell 1, line 1: `import ipywidgets` — {fix}",
        f"content/sliders.ipynb, cell 1, line 2: `import ipywidgets` — {fix}",
    ]
    with_widgets = {**shipped, "packages": {**shipped["packages"],
                                            "ipywidgets": {"name": "ipywidgets", "imports": ["ipywidgets"]}}}
    assert problems(content, pairs, (with_widgets, base)) == []
