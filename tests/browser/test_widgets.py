"""ipywidgets in a course that asks for them (``[kernel] widgets = true``), in the notebook view and in lab.

The widgets site is the fixture course with the one setting turned on, built by ``build_site``
as any course is. A learner moves the slider with the keyboard (its handle focused, ArrowRight);
Python sees the new value, and what the educators' guide's example prints from its callback shows
in the cell. A course without the setting ships neither half of widgets.
"""

from __future__ import annotations

import json
import re
import shutil
import zipfile

import pytest
from conftest import FIXTURE_COURSE, serve_in_thread, shared_page
from lab import cell_text_outputs, error_outputs, notebook_json, run_all, run_cell, store_notebook, wait_for_kernel

from build_tools import paths
from build_tools.errors import BuildError
from build_tools.pins import read_pins
from build_tools.site import build_site
from build_tools.widgets import MANAGER_EXTENSION, manager_wheel

pytestmark = pytest.mark.browser

NOTEBOOK = "widgets.ipynb"
#: the notebook a learner opens: a slider with an observer, an interact, and a cell reading the value
CELLS = [
    "import ipywidgets\n"
    "w = ipywidgets.IntSlider(value=3, description='n')\n"
    "seen = []\n"
    "w.observe(lambda change: seen.append(change['new']), names='value')\n"
    "w",
    "from ipywidgets import interact\n\n"
    "@interact(n=(0, 10))\n"
    "def square(n=3):\n"
    "    print(f'{n} squared is {n * n}')",
    "print('value', w.value, 'seen', seen)",
]
SLIDER, INTERACT, READ_BACK = range(3)
#: the two apps a learner opens a notebook in
APPS = {"notebook view": "notebooks/index.html?path=", "lab": "lab/index.html?path="}
#: the educators' guide, whose widgets example must work as written
GUIDE = paths.ROOT / "docs" / "educators-guide.md"


def code_cell(number: int, source: str) -> dict:
    return {"cell_type": "code", "id": f"cell-{number}", "metadata": {}, "outputs": [], "execution_count": None,
            "source": source}


def with_widgets_notebook(content) -> None:
    nb = {"cells": [code_cell(n, s) for n, s in enumerate(CELLS)], "nbformat": 4, "nbformat_minor": 5,
          "metadata": {"kernelspec": {"name": "python", "display_name": "Python (Pyodide)", "language": "python"}}}
    (content / NOTEBOOK).write_text(json.dumps(nb))


def fixture_copy(tmp, course_id: str, widgets: bool):
    """The fixture course under ``tmp`` with its own id, the widgets notebook, and the setting if asked."""
    course = tmp / "course"
    shutil.copytree(FIXTURE_COURSE, course)
    toml = (course / "course.toml").read_text().replace('id = "fixture-course"', f'id = "{course_id}"')
    if widgets:
        toml = toml.replace('installable = ["pint"]', 'installable = ["pint"]\nwidgets = true')
    (course / "course.toml").write_text(toml)
    with_widgets_notebook(course / "content")
    return course


@pytest.fixture(scope="module")
def widgets_site(tmp_path_factory):
    """The fixture course with ``widgets = true``, built and served."""
    tmp = tmp_path_factory.mktemp("widgets")
    course = fixture_copy(tmp, "fixture-widgets", widgets=True)
    out = build_site(course / "course.toml", course / "content", tmp / "site")
    url, server = serve_in_thread(out)
    yield url, out
    server.shutdown()


def open_in(page, url: str, app: str, notebook: str = NOTEBOOK) -> None:
    """Open ``notebook`` (the widgets notebook) in ``app`` and wait for its kernel."""
    page.goto(f"{url}{APPS[app]}{notebook}")
    page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=60_000)
    page.wait_for_function(
        "window.jupyterapp.shell.currentWidget && window.jupyterapp.shell.currentWidget.sessionContext"
    )
    wait_for_kernel(page)


def output_of(page, index: int):
    return page.locator(".jp-Notebook .jp-CodeCell").nth(index).locator(".jp-Cell-outputArea")


def move_slider_right(page, index: int) -> None:
    """Focus the slider handle in cell ``index`` and press ArrowRight, as a learner with a keyboard does."""
    handle = output_of(page, index).locator(".widget-slider .noUi-handle").first
    handle.focus()
    page.keyboard.press("ArrowRight")


@pytest.fixture(scope="module", params=list(APPS))
def widgets_page(request, browser, widgets_site):
    """The widgets notebook open in each app (a fresh offline profile), every cell run; shared by
    the checks below, each of which moves a slider of its own."""
    url, _ = widgets_site
    with shared_page(browser) as page:
        open_in(page, url, request.param)
        run_all(page)
        yield page


def test_a_slider_shows_as_a_slider_and_moving_it_changes_the_python_value(widgets_page):
    page = widgets_page
    assert "IntSlider(" not in output_of(page, SLIDER).inner_text()  # the text shown without a widget manager
    slider = output_of(page, SLIDER).locator(".widget-slider")
    slider.wait_for(state="visible")
    assert slider.locator(".widget-readout").inner_text().strip() == "3"
    move_slider_right(page, SLIDER)
    page.wait_for_function(
        "el => el.textContent.trim() === '4'", arg=slider.locator(".widget-readout").element_handle())
    run_cell(page, READ_BACK)
    cells = notebook_json(page)["cells"]
    assert error_outputs({"cells": cells}) == []
    assert cell_text_outputs(cells[READ_BACK]).strip() == "value 4 seen [4]"


def test_interact_runs_the_function_again_when_the_learner_moves_its_slider(widgets_page):
    page = widgets_page
    shown = output_of(page, INTERACT)
    shown.locator(".widget-slider").wait_for(state="visible")
    page.wait_for_function("el => el.innerText.includes('3 squared is 9')", arg=shown.element_handle())
    move_slider_right(page, INTERACT)
    page.wait_for_function("el => el.innerText.includes('4 squared is 16')", arg=shown.element_handle())
    assert "3 squared is 9" not in shown.inner_text()  # the output is replaced, not appended to


def guide_example() -> str:
    """The educators' guide's widgets example: its Python block that observes a slider."""
    blocks = re.findall(r"```python\n(.*?)```", GUIDE.read_text(encoding="utf-8"), re.S)
    examples = [b for b in blocks if "import ipywidgets" in b and ".observe(" in b]
    assert len(examples) == 1, f"{GUIDE.name}: expected one widgets example with observe, found {len(examples)}"
    return examples[0]


@pytest.mark.parametrize("app", APPS)
def test_what_the_guides_slider_callback_prints_shows_under_the_slider(widgets_site, new_profile, app):
    url, _ = widgets_site
    page = new_profile().page()
    page.goto(f"{url}tree/index.html")
    page.wait_for_function("window.jupyterapp && window.jupyterapp.serviceManager")
    store_notebook(page, "guide-example.ipynb", [code_cell(0, guide_example())])
    open_in(page, url, app, "guide-example.ipynb")
    run_all(page)
    shown = output_of(page, 0)
    shown.locator(".widget-slider").wait_for(state="visible")
    move_slider_right(page, 0)
    printed = "application/vnd.jupyter.stdout"
    page.wait_for_function(
        f"""el => Array.from(el.querySelectorAll('[data-mime-type="{printed}"]'))
                      .some(e => e.textContent.trim() === '4')""",
        arg=shown.element_handle(), timeout=30_000)
    assert error_outputs(notebook_json(page)) == []


def test_a_course_with_the_setting_ships_the_widget_manager_and_the_pinned_kernel_wheels(widgets_site):
    _, out = widgets_site
    pins = read_pins(paths.PINS)
    shipped = json.loads((out / "extensions" / MANAGER_EXTENSION / "package.json").read_text())
    with zipfile.ZipFile(manager_wheel(paths.PINS, paths.CACHE / "wheels")) as pinned:
        (inside,) = [n for n in pinned.namelist() if n.endswith(f"{MANAGER_EXTENSION}/package.json")]
        assert shipped["version"] == json.loads(pinned.read(inside))["version"]
    config = json.loads((out / "jupyter-lite.json").read_text())["jupyter-config-data"]
    assert MANAGER_EXTENSION in [e["name"] for e in config["federated_extensions"]]
    lock = json.loads((out / "static" / "pyodide" / "pyodide-lock.json").read_text())["packages"]
    assert lock["ipywidgets"]["version"] == pins["ipywidgets"]
    assert lock["jupyterlab-widgets"]["version"] == pins["jupyterlab-widgets"]
    assert lock["widgetsnbextension"]["version"].endswith(".999")  # the kernel's empty stand-in


def test_a_course_without_the_setting_ships_no_widget_manager_and_no_ipywidgets(built_site):
    assert not (built_site / "extensions" / MANAGER_EXTENSION).exists()
    config = json.loads((built_site / "jupyter-lite.json").read_text())["jupyter-config-data"]
    assert MANAGER_EXTENSION not in [e["name"] for e in config["federated_extensions"]]
    lock = json.loads((built_site / "static" / "pyodide" / "pyodide-lock.json").read_text())["packages"]
    assert not {"ipywidgets", "jupyterlab-widgets", "widgetsnbextension"} & set(lock)


def test_importing_ipywidgets_in_a_course_without_the_setting_stops_the_build_naming_the_setting(tmp_path):
    course = fixture_copy(tmp_path, "fixture-no-widgets", widgets=False)
    with pytest.raises(BuildError) as stopped:
        build_site(course / "course.toml", course / "content", tmp_path / "site")
    assert str(stopped.value).splitlines() == [
        f"content/{NOTEBOOK}, cell 1, line 1: `import ipywidgets` — widgets need the widget manager in the page: "
        "set widgets = true in [kernel] of course.toml",
        f"content/{NOTEBOOK}, cell 2, line 1: `import ipywidgets` — widgets need the widget manager in the page: "
        "set widgets = true in [kernel] of course.toml",
    ]
