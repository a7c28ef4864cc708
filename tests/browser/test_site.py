"""The course site, end to end, in offline headless Chromium (issue 2)."""

from __future__ import annotations

import pytest
from lab import (
    cell_text_outputs,
    error_outputs,
    notebook_json,
    open_notebook,
    run_code,
    set_cell_source,
)

pytestmark = pytest.mark.browser


def answer_input(page, text: str) -> None:
    """Type ``text`` into the input() box under a cell and press Enter."""
    box = page.locator(".jp-Stdin-input")
    box.wait_for(timeout=120_000)
    box.fill(text)
    box.press("Enter")


# the welcome notebook run top to bottom, input() answered: test_engines.py, in every engine


def test_edit_survives_reload_and_a_fresh_profile_shows_the_course_version(new_profile, site_url):
    learner = new_profile()
    page = learner.page()
    open_notebook(page, site_url, "welcome.ipynb")
    original = notebook_json(page)["cells"][2]["source"]
    set_cell_source(page, 2, 'print("my own edit")')
    page.keyboard.press("Control+S")
    page.wait_for_function(
        "!window.jupyterapp.shell.currentWidget.context.model.dirty", timeout=30_000
    )
    page.reload()
    page.wait_for_selector(".jp-Notebook .jp-Cell")
    open_notebook(page, site_url, "welcome.ipynb")
    assert notebook_json(page)["cells"][2]["source"] == 'print("my own edit")'

    stranger = new_profile().page()
    open_notebook(stranger, site_url, "welcome.ipynb")
    assert notebook_json(stranger)["cells"][2]["source"] == original


def test_new_notebook_imports_our_packages_without_pip_and_the_startup_snippet_ran(scratch):
    cell = run_code(
        scratch,
        "import codecharts, codeprose, workings\n"
        "ip = get_ipython()\n"
        "print(sorted(m for m in ('flowchart', 'describe', 'workings') if m in ip.magics_manager.magics['cell']))",
    )
    assert error_outputs({"cells": [cell]}) == []
    assert "['describe', 'flowchart', 'workings']" in cell_text_outputs(cell)


def test_pip_install_of_a_shipped_wheel_works_offline(scratch):
    cell = run_code(scratch, "%pip install pint\nimport pint\nprint('pint', pint.__version__)")
    assert "pint 0.26.2" in cell_text_outputs(cell)


def test_pip_install_of_a_package_not_shipped_fails_with_a_clear_message(scratch):
    cell = run_code(scratch, "%pip install definitely-not-in-this-course")
    text = cell_text_outputs(cell) + "".join(
        o.get("evalue", "") for o in cell.get("outputs", []) if o["output_type"] == "error"
    )
    assert "definitely-not-in-this-course" in text
    # the scratch profile's network guard fails the module if anything left loopback
