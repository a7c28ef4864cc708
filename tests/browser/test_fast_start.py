"""A fast cold start (issue 7): the kernel starts early, once, and imports precompiled code."""

from __future__ import annotations

import json
import re

import pytest
from lab import (
    cell_text_outputs,
    error_outputs,
    new_notebook,
    open_file_browser,
    run_code,
    wait_for_kernel,
)

pytestmark = pytest.mark.browser

EARLY = re.compile(r"\[litecourse\] started kernel (\S+) early")


def kernels_and_sessions(page) -> dict:
    return page.evaluate(
        """async () => {
            const m = window.jupyterapp.serviceManager;
            await m.sessions.refreshRunning();
            await m.kernels.refreshRunning();
            return {
                sessions: [...m.sessions.running()].map(s => ({path: s.path, kernel: s.kernel && s.kernel.id})),
                kernels: [...m.kernels.running()].map(k => k.id),
                notebookKernel: window.jupyterapp.shell.currentWidget.sessionContext.session.kernel.id,
            };
        }"""
    )


def test_the_notebook_in_the_url_gets_one_kernel_started_early_and_the_start_up_snippet_runs_in_it(
    new_profile, site_url
):
    profile = new_profile()
    page = profile.page()
    new_notebook(page, site_url, "early.ipynb")  # made in the file browser, opened by its URL
    wait_for_kernel(page)
    early = [m.group(1) for line in profile.console if (m := EARLY.search(line))]
    state = kernels_and_sessions(page)
    assert len(early) == 1, profile.console[-20:]
    assert state["notebookKernel"] == early[0]
    assert state["kernels"] == [early[0]]
    assert state["sessions"] == [{"path": "early.ipynb", "kernel": early[0]}]
    cell = run_code(page, "print(sorted(get_ipython().magics_manager.magics['cell']))")
    assert "'flowchart'" in cell_text_outputs(cell) and "'workings'" in cell_text_outputs(cell)


def test_jupyterlab_opening_the_notebook_in_the_url_also_gets_exactly_one_kernel(page, site_url):
    page.goto(f"{site_url}lab/index.html?path=welcome.ipynb")
    page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=60_000)
    page.wait_for_function(
        "window.jupyterapp.shell.currentWidget && window.jupyterapp.shell.currentWidget.sessionContext"
    )
    wait_for_kernel(page)
    state = kernels_and_sessions(page)
    assert len(state["kernels"]) == 1, state
    assert state["sessions"] == [{"path": "welcome.ipynb", "kernel": state["notebookKernel"]}]


def test_the_kernel_imports_third_party_code_precompiled_and_ours_with_its_source(scratch):
    cell = run_code(
        scratch,
        "import IPython, traitlets, codecharts, inspect\n"
        "print('ipython', IPython.__file__.rsplit('.', 1)[1])\n"
        "print('traitlets', traitlets.__file__.rsplit('.', 1)[1])\n"
        "print('ours', codecharts.__file__.rsplit('.', 1)[1], codecharts.__cached__.endswith('.cpython-314.pyc'))\n"
        "print('source', 'def ' in inspect.getsource(codecharts))",
    )
    text = cell_text_outputs(cell)
    assert error_outputs({"cells": [cell]}) == [], text
    assert "ipython pyc" in text and "traitlets pyc" in text
    assert "ours py True" in text and "source True" in text


def test_completion_still_works_in_the_kernel_with_jedi_slimmed(scratch):
    matches = scratch.evaluate(
        """async () => {
            const k = window.jupyterapp.shell.currentWidget.sessionContext.session.kernel;
            const ask = async (code) => (await k.requestComplete({code, cursor_pos: code.length})).content.matches;
            return {json: await ask('import json\\njson.lo'), os: await ask('import os\\nos.pa'),
                    text: await ask('"abc".upp')};
        }"""
    )
    assert {"load", "loads"} <= set(matches["json"]), matches
    assert "path" in matches["os"] or "os.path" in matches["os"], matches
    assert "upper" in matches["text"], matches


def test_the_standard_library_loads_precompiled_and_its_tracebacks_still_show_the_lines(scratch):
    cell = run_code(
        scratch, "import json\nprint('json', json.__file__.rsplit('.', 1)[1])\njson.loads('{x')"
    )
    assert "json pyc" in cell_text_outputs(cell)
    errors = [o for o in cell["outputs"] if o["output_type"] == "error"]
    assert errors and "JSONDecodeError" in errors[0]["ename"]  # the kernel names it "<class ...>"
    traceback = re.sub(r"\x1b\[[0-9;]*m", "", "\n".join(errors[0]["traceback"]))
    assert "_default_decoder.decode(s)" in traceback, traceback  # a line of json/__init__.py


def drive_requests_of(page) -> list[dict]:
    """The learner's-files requests the kernel's worker makes (``/api/drive``), from now on."""
    seen: list[dict] = []

    def record(request) -> None:
        if request.url.endswith("/api/drive") and request.method == "POST":
            seen.append(json.loads(request.post_data or "{}").get("data", {}))

    page.context.on("request", record)
    return seen


def test_the_kernel_finds_its_own_modules_without_asking_the_learners_files(page, site_url):
    # Pyodide puts the working folder first on sys.path: started inside /drive, every import of
    # the kernel's start asked the page about /drive (~100 requests, 0.6 s); now it enters
    # /drive after its own imports
    asked = drive_requests_of(page)
    new_notebook(page, site_url, "imports.ipynb")
    wait_for_kernel(page)
    page.wait_for_timeout(2_000)  # the tools' background imports (test_warm_tools) are done too
    at_start = len(asked)
    assert at_start <= 12, f"{at_start} drive requests while the kernel started: {asked[:20]}"
    cell = run_code(page, "import os, sys\nprint('cwd', os.getcwd())\nprint(sys.path[0] == '')")
    assert cell_text_outputs(cell) == "cwd /drive\nTrue\n"


def test_a_learners_module_beside_the_notebook_imports_from_its_folder(page, site_url):
    open_file_browser(page, site_url)
    page.evaluate(
        """async () => {
            const contents = window.jupyterapp.serviceManager.contents;
            const folder = await contents.newUntitled({type: 'directory'});
            await contents.rename(folder.path, 'unit2');
            await contents.save('unit2/shapes.py', {type: 'file', format: 'text',
                content: 'def area(w, h):\\n    return w * h\\n'});
        }"""
    )
    new_notebook(page, site_url, "unit2/lesson.ipynb")
    wait_for_kernel(page)
    cell = run_code(page, "import os, shapes\nprint(os.getcwd(), shapes.area(3, 4))")
    assert cell_text_outputs(cell) == "/drive/unit2 12\n"
