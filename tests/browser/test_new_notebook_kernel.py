"""A new notebook in JupyterLab gets a kernel started ahead of time (issue 16, item 4), and the
course's tools are warm in it."""

from __future__ import annotations

import re

import pytest
from lab import CURRENT_PANEL, cell_text_outputs, error_outputs, run_code, wait_for_kernel
from test_fast_start import kernels_and_sessions

pytestmark = pytest.mark.browser

AHEAD = re.compile(r"\[litecourse\] started kernel (\S+) for the next notebook")
TAKEN = re.compile(r"\[litecourse\] the notebook (\S+) uses kernel (\S+), started ahead")
SPARE_WAIT_MS = 120_000


def spare_kernel_id(profile, page) -> str:
    """Wait for the page to say it started a kernel ahead; its id."""
    page.wait_for_function(
        "() => window.jupyterapp && window.jupyterapp.serviceManager", timeout=60_000
    )
    deadline_polls = SPARE_WAIT_MS // 250
    for _ in range(deadline_polls):
        found = [m.group(1) for line in profile.console if (m := AHEAD.search(line))]
        if found:
            return found[0]
        page.wait_for_timeout(250)
    raise AssertionError("no kernel was started ahead: " + "\n".join(profile.console[-20:]))


def open_new_notebook_from_launcher(page) -> None:
    """Click the launcher's Python notebook card, as a learner does, and wait for the notebook."""
    page.locator(".jp-Launcher .jp-LauncherCard[data-category='Notebook']").first.click()
    page.wait_for_function(
        f"() => {CURRENT_PANEL} && {CURRENT_PANEL}.sessionContext && {CURRENT_PANEL}.context.isReady"
    )


def test_a_new_notebook_from_the_launcher_takes_the_kernel_started_ahead_with_the_tools_loaded(
    new_profile, site_url
):
    profile = new_profile()
    page = profile.page()
    page.goto(f"{site_url}lab/index.html")
    spare = spare_kernel_id(profile, page)
    open_new_notebook_from_launcher(page)
    wait_for_kernel(page)
    state = kernels_and_sessions(page)
    assert state["notebookKernel"] == spare
    assert state["kernels"] == [spare], "one kernel: the spare became the notebook's"
    assert [s["path"] for s in state["sessions"]] == ["Untitled.ipynb"]
    cell = run_code(
        page,
        "import os, sys\n"
        "print(sorted(get_ipython().magics_manager.magics['cell']))\n"
        "print('cwd', os.getcwd())",
    )
    text = cell_text_outputs(cell)
    assert error_outputs({"cells": [cell]}) == [], text
    assert "'flowchart'" in text and "'workings'" in text, "the start-up snippet ran in the spare"
    assert "cwd /drive\n" in text
    assert [m.groups() for line in profile.console if (m := TAKEN.search(line))] == [("Untitled.ipynb", spare)]


def test_a_notebook_in_another_folder_starts_its_own_kernel_there(new_profile, site_url):
    profile = new_profile()
    page = profile.page()
    page.goto(f"{site_url}lab/index.html")
    spare = spare_kernel_id(profile, page)
    page.evaluate(
        """async () => {
            const contents = window.jupyterapp.serviceManager.contents;
            const dir = await contents.newUntitled({type: 'directory'});
            await contents.rename(dir.path, 'week1');
            await window.jupyterapp.commands.execute('notebook:create-new', {cwd: 'week1', kernelName: 'python'});
        }"""
    )
    page.wait_for_function(f"() => {CURRENT_PANEL} && {CURRENT_PANEL}.context && {CURRENT_PANEL}.context.isReady")
    wait_for_kernel(page)
    state = kernels_and_sessions(page)
    assert state["notebookKernel"] != spare
    cell = run_code(page, "import os\nprint('cwd', os.getcwd())")
    assert "cwd /drive/week1\n" in cell_text_outputs(cell)


def test_the_notebook_app_and_a_notebook_in_the_url_start_no_spare_kernel(new_profile, site_url):
    profile = new_profile()
    page = profile.page()
    page.goto(f"{site_url}tree/index.html")
    page.wait_for_function("() => window.jupyterapp && window.jupyterapp.serviceManager")
    page.wait_for_timeout(5_000)
    page.goto(f"{site_url}lab/index.html?path=welcome.ipynb")
    page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=60_000)
    wait_for_kernel(page)
    assert len(kernels_and_sessions(page)["kernels"]) == 1
    assert not [line for line in profile.console if AHEAD.search(line)]
