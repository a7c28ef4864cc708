"""One way to build a site: any course (here the product's fixture course) gets the whole site.

``build_tools.site.build_site`` makes the ``site`` task's site, other courses' sites and the
benchmark's; these tests build the fixture course under ``tests/fixtures/course`` with it.
"""

from __future__ import annotations

import json
import shutil
import sys

import pytest
from conftest import ROOT, serve_in_thread
from lab import notebook_json, open_notebook, run_all, wait_for_kernel

from build_tools import paths
from build_tools.site import build_site

sys.path.insert(0, str(ROOT))
from tests.fixtures.pyodide_dist import make_distribution  # noqa: E402

pytestmark = pytest.mark.browser

FIXTURE = ROOT / "tests" / "fixtures" / "course"  # the test site's course (conftest.FIXTURE_COURSE)


@pytest.fixture(scope="module")
def fixture_site(site_url, built_site):
    """The test site: the fixture course, built by ``build_site`` as any course is."""
    return site_url, built_site


def test_a_course_site_has_its_home_page_embed_page_offline_index_and_start_up_code(fixture_site, page):
    url, out = fixture_site
    config = json.loads((out / "jupyter-lite.json").read_text())["jupyter-config-data"]
    assert config["litecourse"]["courseId"] == "fixture-course"
    startup = config["litecourse"]["startupSnippet"]
    assert "import_our_tools" in startup and "micropip" in startup and "%load_ext workings" in startup
    assert (out / "static" / "pyodide" / "simple" / "pint" / "index.html").is_file()
    page.goto(url)
    parts = page.locator("h3.part").all_text_contents()
    assert parts == ["Week 1: Tools", "More notebooks"]
    week1 = page.locator("h3.part + ol.lessons").first.locator("li a").all_text_contents()
    assert week1 == ["Starting out", "The course tools"]
    assert page.locator("h3.part + ol.lessons").last.locator("li a").all_text_contents() == ["3. An extra notebook"]
    page.goto(f"{url}embed.html")
    assert "The course tools" in page.locator("body").inner_text()


def test_every_site_ships_the_learners_guide_with_the_courses_name(fixture_site, page):
    url, out = fixture_site
    page.goto(url)
    page.get_by_role("link", name="How your work is saved").click()
    page.wait_for_selector(".jp-Notebook .jp-MarkdownCell h1")
    heading = page.locator(".jp-Notebook .jp-MarkdownCell h1").first.inner_text()
    assert "Fixture Course" in heading
    assert "litecourse-fixture-course-contents" in page.locator(".jp-Notebook").inner_text()


def test_a_course_notebook_runs_with_its_own_module_and_the_tools(fixture_site, page):
    url, _ = fixture_site
    open_notebook(page, url, "week1/tools.ipynb")
    wait_for_kernel(page)
    run_all(page)
    kinds = [set(o.get("data", {})) for c in notebook_json(page)["cells"] for o in c.get("outputs", [])]
    assert any("application/vnd.litecourse.flowchart+json" in k for k in kinds)
    assert any("application/vnd.litecourse.description+json" in k for k in kinds)
    assert any("text/latex" in k for k in kinds)


#: the pins `./run pins` adds for rich (Pyodide's lock has rich, but not what its wheel needs)
RICH_PINS = "markdown-it-py==4.3.0  # needed by rich\nmdurl==0.1.2  # needed by markdown-it-py\n"


@pytest.fixture(scope="module")
def science_site(tmp_path_factory):
    """The fixture course with Pyodide packages, from a local distribution of real files, and
    rich to ``%pip install`` (one site build for both: each build takes minutes)."""
    tmp = tmp_path_factory.mktemp("science")
    dist = make_distribution(tmp / "pyodide-dist")
    course = tmp / "course"
    shutil.copytree(FIXTURE, course)
    toml = (course / "course.toml").read_text().replace(
        'installable = ["pint"]', 'installable = ["pint", "rich"]\npyodide_packages = ["sympy", "luau-wasm"]'
    ).replace('id = "fixture-course"', 'id = "fixture-science"')
    (course / "course.toml").write_text(toml)
    nb = json.loads((course / "content" / "start.ipynb").read_text())
    nb["cells"] = [
        {"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None, "id": "sym",
         "source": "import sympy\nx = sympy.symbols('x')\nprint(sympy.solve(x**2 - 4, x))"},
        {"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None, "id": "luau",
         "source": "import luau_wasm\nprint(luau_wasm.execute('print(6 * 7)'), end='')"},
    ]
    (course / "content" / "start.ipynb").write_text(json.dumps(nb))
    nb["cells"] = [
        {"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None, "id": "pip",
         "source": "%pip install rich"},
        {"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None, "id": "md",
         "source": "from io import StringIO\nimport rich.markdown\nfrom rich.console import Console\n"
                   "console = Console(file=StringIO(), width=40, color_system=None)\n"
                   "console.print(rich.markdown.Markdown('# Shopping\\n\\n* apples\\n* pears'))\n"
                   "print(console.file.getvalue(), end='')"},
    ]
    (course / "content" / "rich.ipynb").write_text(json.dumps(nb))
    pins = tmp / "kernel-pins.txt"  # the repository's pins and those of rich, as `./run pins` writes them
    pins.write_text(paths.PINS.read_text() + RICH_PINS)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(paths, "PINS", pins)
        out = build_site(course / "course.toml", course / "content", tmp / "site", pyodide_source=str(dist))
    url, server = serve_in_thread(out)
    yield url, out
    server.shutdown()


def test_pyodide_packages_from_a_distribution_load_on_import_and_run(science_site, page):
    url, out = science_site
    lock = json.loads((out / "static" / "pyodide" / "pyodide-lock.json").read_text())["packages"]
    assert {"sympy", "mpmath", "luau-wasm"} <= set(lock)
    config = json.loads((out / "jupyter-lite.json").read_text())["jupyter-config-data"]
    kernel_settings = config["litePluginSettings"]["@jupyterlite/pyodide-kernel-extension:kernel"]
    preloaded = kernel_settings["loadPyodideOptions"]["packages"]
    assert "sympy" not in preloaded  # loaded on import, not at start
    open_notebook(page, url, "start.ipynb")
    wait_for_kernel(page)
    run_all(page)
    cells = notebook_json(page)["cells"]
    printed = ["".join("".join(o.get("text", "")) for o in c["outputs"]) for c in cells]
    assert printed[0].strip() == "[-2, 2]", cells[0]["outputs"]
    assert printed[1].strip() == "42", cells[1]["outputs"]


def test_an_installable_package_comes_with_every_dependency_its_wheel_needs(science_site, page):
    url, out = science_site
    lock = json.loads((out / "static" / "pyodide" / "pyodide-lock.json").read_text())["packages"]
    assert {"markdown-it-py", "mdurl", "pygments"} <= set(lock["rich"]["depends"]) | set(
        lock["markdown-it-py"]["depends"])
    open_notebook(page, url, "rich.ipynb")
    wait_for_kernel(page)
    run_all(page)
    cells = notebook_json(page)["cells"]
    errors = [o for c in cells for o in c["outputs"] if o["output_type"] == "error"]
    assert not errors, errors
    shown = "".join("".join(o.get("text", "")) for o in cells[1]["outputs"])
    assert "Shopping" in shown and "• apples" in shown and "• pears" in shown, cells[1]["outputs"]
