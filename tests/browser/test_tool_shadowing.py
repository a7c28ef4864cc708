"""A learner's file named like a course tool neither breaks the magics nor runs at kernel start.

The files are written through the contents API, as a restored zip or a dropped file would be.
"""

from __future__ import annotations

import pytest
from conftest import shared_page
from lab import error_outputs, notebook_json, open_file_browser, open_notebook, run_all, store_notebook, wait_for_kernel

pytestmark = pytest.mark.browser

TOOLS = ("codecharts", "codeprose", "workings")
NOTICE = "share course tools' names"


def planted(name: str) -> str:
    """A file that leaves a trace in the learner's storage if it is ever imported."""
    return f"open('RAN_{name}.txt', 'w').write('planted')\nraise RuntimeError('planted {name} ran')\n"


def code(source: str) -> dict:
    return {"cell_type": "code", "source": source, "metadata": {}, "outputs": [], "execution_count": None}


CELLS = [
    code("%%flowchart\nif x > 1:\n    print('big')"),
    code("%%describe\ntotal = price * 2"),
    code("%%workings\nlength = 3\nwidth = 4\narea = length * width"),
    code("import os, codecharts, codeprose, workings\n"
         "print(sorted(f for f in os.listdir('.') if f.startswith('RAN_')))\n"
         "print([m.__file__.startswith(os.getcwd()) for m in (codecharts, codeprose, workings)])"),
]


def write_files(page, base_url: str) -> None:
    open_file_browser(page, base_url)
    for name in TOOLS:
        page.evaluate("([name, text]) => window.jupyterapp.serviceManager.contents.save(name, "
                      "{type: 'file', format: 'text', content: text})", [f"{name}.py", planted(name)])
    store_notebook(page, "shadowed.ipynb", CELLS)


@pytest.fixture(scope="module")
def shadowed(browser, site_url):
    """A fresh offline profile whose files are named like the tools, and a notebook using the
    tools opened with its kernel started; shared by the two checks below (the notice first)."""
    with shared_page(browser) as page:
        write_files(page, site_url)
        open_notebook(page, site_url, "shadowed.ipynb")
        wait_for_kernel(page)
        yield page


def test_the_learner_is_told_which_file_shares_a_tools_name(shadowed):
    notice = shadowed.get_by_text(NOTICE).first
    notice.wait_for(timeout=60_000)
    text = notice.inner_text()
    assert all(f"{name}.py" in text for name in TOOLS), text


def test_course_magics_work_and_planted_tool_files_never_run(shadowed):
    page = shadowed
    run_all(page)
    nb = notebook_json(page)
    assert error_outputs(nb) == []
    kinds = [set(out.get("data", {})) for cell in nb["cells"][:3] for out in cell["outputs"]]
    assert any("application/vnd.litecourse.flowchart+json" in k for k in kinds), kinds
    assert any("application/vnd.litecourse.description+json" in k for k in kinds), kinds
    assert any("text/latex" in k for k in kinds), kinds
    printed = "".join("".join(o.get("text", "")) for o in nb["cells"][3]["outputs"])
    assert printed.splitlines() == ["[]", "[False, False, False]"], printed


LIBRARIES = ("pyflowchart", "handcalcs", "forallpeople", "innerscope")


def test_files_named_like_the_tools_libraries_never_run_and_the_magics_work(new_profile, site_url):
    page = new_profile().page()
    open_file_browser(page, site_url)
    for name in LIBRARIES:
        page.evaluate("([name, text]) => window.jupyterapp.serviceManager.contents.save(name, "
                      "{type: 'file', format: 'text', content: text})", [f"{name}.py", planted(name)])
    store_notebook(page, "libraries.ipynb", [
        *CELLS[:3],
        code("import os, pyflowchart, handcalcs, forallpeople, innerscope\n"
             "print(sorted(f for f in os.listdir('.') if f.startswith('RAN_')))\n"
             "print([m.__file__.startswith(os.getcwd()) for m in (pyflowchart, handcalcs, forallpeople, innerscope)])"),
    ])
    open_notebook(page, site_url, "libraries.ipynb")
    wait_for_kernel(page)
    notice = page.get_by_text(NOTICE).first
    notice.wait_for(timeout=60_000)
    run_all(page)
    nb = notebook_json(page)
    assert error_outputs(nb) == []
    printed = "".join("".join(o.get("text", "")) for o in nb["cells"][3]["outputs"])
    assert printed.splitlines() == ["[]", "[False, False, False, False]"], printed
    assert "forallpeople.py" in notice.inner_text()
