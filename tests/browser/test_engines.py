"""The core of the course in Chromium, Firefox ESR and WebKitGTK (issue 15): what students on
Chrome, Firefox and Safari rely on, written once and checked in Debian's builds of the three
engines through one page interface (``engine_pages.py``).

One browser per engine for this module, and few page loads: the learner's page runs the
welcome notebook (print, input()) and then the course's three tools in cells added to it, and
the tests read that one page. The same notebook then runs in a frame of another site. Every
request that leaves loopback fails the test that made it (``OutsideProxy``).
"""

from __future__ import annotations

import functools
import io
import json
import threading
import zipfile

import pytest
from codeprose.magics import describe_output
from codeprose.model import MIME_TYPE as DESCRIPTION_MIME
from crosssite import pages_elsewhere
from engine_lab import (
    answer_input,
    append_code_cells,
    cell_text,
    course_menu,
    notebook_json,
    notebook_url,
    open_notebook,
    run_cells,
    save,
    start_run_all,
    stored_notebook,
    type_into_cell,
    wait_for_kernel,
    wait_for_notebook,
    wait_until_done,
)
from engine_pages import ENGINES, OTHER_ENGINES, EngineMissing, launch
from lab import error_outputs

from build_tools.serve import make_server

pytestmark = pytest.mark.browser

FLOWCHART = "%%flowchart\nfor n in range(3):\n    if n % 2:\n        print(n)"
DESCRIBE = "%%describe\ntotal = 0\nfor n in range(3):\n    total = total + n"
WORKINGS = "%%workings\nI = 1.5*mA\nR = 2.2*kOhm\nV = I*R"
TOOLS = [FLOWCHART, DESCRIBE, WORKINGS]
SHOWS_NOTEBOOK = "() => !!document.querySelector('.jp-Notebook .jp-Cell')"
PRINT_CELL = 2  # welcome.ipynb: message = "Hello ..."; print(message)
#: reloads of the notebook page, each must show the notebook (a page that came up blank was seen
#: in WebKit; benchmarks/webkit_reloads.py does 100)
RELOADS = 1


@pytest.fixture(scope="module", params=[
    pytest.param(name, marks=[pytest.mark.other_engines] if name in OTHER_ENGINES else []) for name in ENGINES])
def engine(request):
    """One window of the engine for the whole module."""
    try:
        page = launch(request.param, request.getfixturevalue("browser") if request.param == "chromium" else None)
    except EngineMissing as missing:
        pytest.fail(str(missing), pytrace=False)
    yield page
    page.close()


@pytest.fixture(autouse=True)
def offline(engine):
    """Every test fails if its page asked for anything outside loopback."""
    engine.outside_requests()
    yield
    outside = engine.outside_requests()
    assert not outside, f"{engine.name}: requests left loopback:\n" + "\n".join(outside)


@pytest.fixture(scope="module")
def elsewhere():
    """Pages of another site (``http://localhost:PORT/``; the course is on 127.0.0.1)."""
    with pages_elsewhere() as serve:
        yield serve


def welcome_and_tools(page, base_url: str) -> int:
    """Open welcome.ipynb, Run All (answering input()), add a cell per tool and run them;
    the index of the first tool cell."""
    open_notebook(page, base_url, "welcome.ipynb")
    wait_for_kernel(page)
    start_run_all(page)
    answer_input(page, "Ada")
    wait_until_done(page)
    first = append_code_cells(page, TOOLS)
    run_cells(page, first, len(TOOLS))
    return first


@pytest.fixture(scope="module")
def learner(engine, site_url):
    """The learner's page after running the welcome notebook and a cell of each tool."""
    first_tool = welcome_and_tools(engine, site_url)
    return engine, first_tool


def cell_dom(page, index: int, fn_body: str):
    """Evaluate ``fn_body`` (JavaScript, with ``out`` = cell ``index``'s output area) once the
    cell is scrolled into view."""
    return page.call(
        f"""(index) => {{
            const cell = window.jupyterapp.shell.currentWidget.content.widgets[index];
            cell.node.scrollIntoView({{block: 'center'}});
            const out = cell.node.querySelector('.jp-OutputArea');
            {fn_body}
        }}""",
        index,
    )


def zip_names_and_notebook(data: bytes, notebook: str) -> tuple[list[str], dict, dict]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert z.testzip() is None, "a damaged entry in the zip"
        return z.namelist(), json.loads(z.read("litecourse-backup.json")), json.loads(z.read(notebook))


def test_the_offline_guard_catches_a_request_that_leaves_loopback(engine, elsewhere):
    engine.goto(
        elsewhere(
            "<!doctype html><title>leaks</title>"
            "<img src='http://outside.example/pixel.png'>"
            "<script>fetch('https://cdn.outside.example/lib.js').catch(() => {})</script>"
        )
    )
    engine.wait_for("() => document.readyState === 'complete'")
    seen: list[str] = []
    for _ in range(40):
        seen += engine.outside_requests()
        if len(seen) >= 2:
            break
        engine.call("() => new Promise(r => setTimeout(r, 250))")
    assert "GET http://outside.example/pixel.png" in seen
    # Firefox names the host (CONNECT); WebKitGTK opens TLS to the proxy, hiding it
    assert any("cdn.outside.example" in line or line.startswith("TLS") for line in seen), seen


def test_the_notebook_view_boots_and_runs_the_welcome_notebook_top_to_bottom(learner):
    page, first_tool = learner
    nb = notebook_json(page)
    welcome = [c for c in nb["cells"][:first_tool] if c["cell_type"] == "code"]
    assert error_outputs({"cells": welcome}) == []
    assert all(c["execution_count"] for c in welcome), "some cells did not run"
    assert "Hello from Python, running in your browser!" in cell_text(nb["cells"][PRINT_CELL])
    shown = cell_dom(page, PRINT_CELL, "return out.textContent;")
    assert "Hello from Python, running in your browser!" in shown


def test_input_is_answered_in_the_box_under_the_cell(learner):
    page, _ = learner
    everything = "".join(cell_text(c) for c in notebook_json(page)["cells"] if c["cell_type"] == "code")
    assert "Nice to meet you, Ada!" in everything
    assert "Your name has 3 letters." in everything


def test_flowchart_draws_an_svg_with_its_description(learner):
    page, first_tool = learner
    drawn = page.wait_for(
        f"""() => {{
            const cell = window.jupyterapp.shell.currentWidget.content.widgets[{first_tool}];
            cell.node.scrollIntoView({{block: 'center'}});
            const svg = cell.node.querySelector('figure.litecourse-flowchart.litecourse-mod-drawn svg');
            if (!svg) return null;
            const described = document.getElementById(svg.getAttribute('aria-describedby'));
            return {{
                boxes: svg.querySelectorAll('.flowchart').length,
                labels: Array.from(svg.querySelectorAll('text')).map(t => t.textContent).join(' | '),
                width: svg.getBoundingClientRect().width,
                steps: described ? Array.from(described.querySelectorAll('ol > li')).map(li => li.textContent) : [],
            }};
        }}""",
        what="the flowchart's SVG",
    )
    assert drawn["boxes"] >= 4, drawn
    assert "n % 2" in drawn["labels"], drawn
    assert drawn["width"] > 50, drawn
    assert any("n % 2" in step for step in drawn["steps"]), drawn


def test_describe_explains_the_code_in_sentences(learner):
    page, first_tool = learner
    sentences = cell_dom(
        page,
        first_tool + 1,
        "return Array.from(out.querySelectorAll('.litecourse-description .litecourse-sentence'))"
        ".map(s => s.textContent);",
    )
    # the same sentences as the codeprose package says on this machine's Python
    bundle, _ = describe_output("", DESCRIBE.split("\n", 1)[1])
    expected = [s["text"].replace("`", "") for s in bundle[DESCRIPTION_MIME]["sentences"]]
    assert sentences == expected


def test_workings_typesets_the_working(learner):
    page, first_tool = learner
    typeset = page.wait_for(
        f"""() => {{
            const cell = window.jupyterapp.shell.currentWidget.content.widgets[{first_tool + 2}];
            cell.node.scrollIntoView({{block: 'center'}});
            const maths = cell.node.querySelectorAll('.jp-OutputArea mjx-container');
            if (maths.length === 0) return null;
            return {{
                errors: cell.node.querySelectorAll('mjx-merror').length,
                text: Array.from(cell.node.querySelectorAll('mjx-container math')).map(m => m.textContent).join(' '),
            }};
        }}""",
        timeout=60,
        what="MathJax's typeset working",
    )
    assert typeset["errors"] == 0, typeset
    assert "V" in typeset["text"] and "3.3" in typeset["text"], typeset


def test_an_edit_is_saved_and_kept_after_a_reload(learner):
    page, _ = learner
    added = f'\nprint("edited in {page.name}")'
    type_into_cell(page, PRINT_CELL, added)
    save(page)
    page.reload()
    wait_for_notebook(page)
    assert notebook_json(page)["cells"][PRINT_CELL]["source"].endswith(added)


def test_download_all_my_work_gives_a_zip_of_the_learners_files(learner):
    page, _ = learner
    page.record_downloads()
    course_menu(page, "Download all my work")
    name, data = page.downloaded()
    assert name.startswith("fixture-course-work-") and name.endswith(".zip"), name
    names, manifest, welcome = zip_names_and_notebook(data, "welcome.ipynb")
    assert manifest["courseId"] == "fixture-course", manifest
    # the learner's work: the one notebook changed here (course files not changed stay out)
    assert sorted(names) == ["litecourse-backup.json", "welcome.ipynb"], names
    assert welcome["cells"] == stored_notebook(page, "welcome.ipynb")["cells"]


@pytest.fixture(scope="module")
def framed(engine, site_url, elsewhere):
    """welcome.ipynb of the course (127.0.0.1) in an iframe of a page on localhost, its print
    cell run; the page's commands act inside the frame."""
    vle = elsewhere(
        "<!doctype html><title>VLE page</title><h1>Week 1</h1>"
        f'<iframe src="{notebook_url(site_url, "welcome.ipynb")}" width="1200" height="800" '
        'title="Welcome"></iframe>'
    )
    engine.goto(vle)
    engine.enter_frame("iframe")
    wait_for_notebook(engine)
    wait_for_kernel(engine)
    run_cells(engine, PRINT_CELL, 1)
    return engine, vle


def test_in_a_frame_of_another_site_the_notebook_boots_and_prints(framed):
    page, _ = framed
    where = page.call(
        "() => { let parent; try { parent = window.parent.location.href; } catch (e) { parent = 'another origin'; }"
        " return {framed: window.parent !== window, host: location.hostname, parent}; }"
    )
    assert where == {"framed": True, "host": "127.0.0.1", "parent": "another origin"}, where
    assert "Hello from Python, running in your browser!" in cell_text(notebook_json(page)["cells"][PRINT_CELL])


def test_in_a_frame_of_another_site_an_edit_is_saved_and_kept_after_a_reload(framed):
    page, vle = framed
    added = f'\nprint("framed edit in {page.name}")'
    type_into_cell(page, PRINT_CELL, added)
    save(page)
    page.goto(vle)
    page.enter_frame("iframe")
    wait_for_notebook(page)
    assert notebook_json(page)["cells"][PRINT_CELL]["source"].endswith(added)


def test_in_a_frame_of_another_site_download_all_my_work_gives_a_zip(framed):
    page, _ = framed
    page.record_downloads()
    course_menu(page, "Download all my work")
    name, data = page.downloaded()
    names, manifest, welcome = zip_names_and_notebook(data, "welcome.ipynb")
    assert manifest["courseId"] == "fixture-course", manifest
    assert sorted(names) == ["litecourse-backup.json", "welcome.ipynb"], names
    assert welcome["cells"] == stored_notebook(page, "welcome.ipynb")["cells"]
    assert "framed edit in" in "".join(welcome["cells"][PRINT_CELL]["source"])


def test_the_notebook_page_comes_up_on_every_reload(engine, site_url):
    engine.goto(notebook_url(site_url, "welcome.ipynb"))
    wait_for_notebook(engine)
    blank = []
    reloads = RELOADS
    for attempt in range(reloads):
        engine.reload()
        try:
            # (WebKitWebDriver can hold commands for a while after a reload even when the page
            # shows the notebook: a command that times out is polled again)
            engine.wait_for(SHOWS_NOTEBOOK, timeout=120, what="the notebook", across_loads=True)
        except Exception:
            blank.append(attempt)
    assert blank == [], f"{engine.name}: {len(blank)} of {reloads} reloads came up without the notebook"


@pytest.fixture
def stalling_site(built_site):
    """The test site on a new origin whose first request for the app's bundle never gets an
    answer (the stalled start seen in WebKit): ``(base_url, asked)``, ``asked`` counting the
    bundle's requests."""
    server = make_server(built_site, 0)
    handler = server.RequestHandlerClass  # functools.partial(SiteHandler, directory=...)
    asked, release = [], threading.Event()

    class Stalling(handler.func):
        def do_GET(self):
            if "/build/notebooks/bundle.js" in self.path:
                asked.append(self.path)
                if len(asked) == 1:
                    release.wait(120)
                    return
            super().do_GET()

    server.RequestHandlerClass = functools.partial(Stalling, *handler.args, **handler.keywords)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/", asked
    release.set()
    server.shutdown()
    server.server_close()


def test_a_start_that_stalls_is_explained_and_reloaded_once(engine, stalling_site):
    base_url, asked = stalling_site
    engine.navigate(notebook_url(base_url, "welcome.ipynb"))
    if engine.name == "firefox":
        # (WebKitWebDriver runs no script in a page until its load ends: the message is read here)
        notice = engine.wait_for(
            "() => { const n = document.getElementById('litecourse-start-notice'); return n && n.innerText; }",
            timeout=40,
            what="the start watch's message",
        )
        assert "taking longer than usual to start" in notice, notice
    # the start watch reloads by itself once; the bundle then arrives and the notebook starts
    # (on this site: WebKit may still show the page before while its navigation starts)
    engine.wait_for(
        "(base) => location.href.startsWith(base) && !!document.querySelector('.jp-Notebook .jp-Cell')",
        base_url, timeout=90, what="the notebook of the stalling site", across_loads=True,
    )
    assert len(asked) == 2, asked
    assert engine.call("() => document.documentElement.getAttribute('data-litecourse-recovered')") == "1"
    assert engine.call("() => document.getElementById('litecourse-start-notice')") is None
