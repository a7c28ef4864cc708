"""codecharts in the course site (issue 3): flowcharts drawn by the bundled flowchart.js,
their text descriptions, quizzes checked in the page, and the course notebook.

One kernel serves a sequence of checks where they read naturally together: a kernel
boot is the slow part of every test here.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from lab import (
    CURRENT_PANEL,
    error_outputs,
    new_notebook,
    notebook_json,
    open_notebook,
    run_code,
    store_notebook,
    wait_for_kernel,
    wait_until_done,
)

pytestmark = pytest.mark.browser

FLOWCHART_MIME = "application/vnd.litecourse.flowchart+json"
QUIZ_MIME = "application/vnd.litecourse.quiz+json"

FIRST_OUTPUT = ".jp-Notebook .jp-Cell >> nth=0 >> .jp-OutputArea-output"
FIGURE = ".jp-Notebook .jp-Cell >> nth=0 >> figure.litecourse-flowchart"
SVG = f"{FIGURE} >> svg"

SENSOR_SCRIPT = """\
%%flowchart_js
st=>start: start
in1=>inputoutput: Accept data from sensor
op1=>operation: Transform sensor data to display data format
out1=>inputoutput: Send display data to display
e=>end: end

st->in1->op1->out1->e"""

HOSTILE_TEXT = "<script>window.__pwned=1</script><img src=x onerror=window.__pwned=2>"
HOSTILE = f'print("{HOSTILE_TEXT}")'


def mime_data(cell: dict, mime: str) -> dict:
    """The ``mime`` payload of the first output of ``cell`` that has one."""
    for out in cell["outputs"]:
        if mime in out.get("data", {}):
            return out["data"][mime]
    raise AssertionError(f"no {mime} output in {cell['outputs']}")


def box_count(dsl: str) -> int:
    """Boxes a script defines: one ``name=>kind: label`` line each."""
    return sum(1 for line in dsl.splitlines() if "=>" in line)


def drawing(page) -> dict:
    """What the first cell's flowchart shows: boxes, labels, sizes and its accessible names."""
    page.wait_for_selector(f"{FIGURE}.litecourse-mod-drawn >> svg", timeout=60_000)
    return page.locator(SVG).evaluate(
        """svg => {
            const described = document.getElementById(svg.getAttribute('aria-describedby'));
            const texts = Array.from(svg.querySelectorAll('text'));
            return {
                boxes: svg.querySelectorAll('.flowchart').length,
                labels: texts.map(t => t.textContent),
                narrowestLabel: Math.min(...texts.filter(t => t.textContent.trim())
                                                   .map(t => t.getBBox().width)),
                width: svg.getBoundingClientRect().width,
                height: svg.getBoundingClientRect().height,
                role: svg.getAttribute('role'),
                label: svg.getAttribute('aria-label'),
                caption: svg.closest('figure').querySelector('figcaption').textContent,
                descriptionSteps: described ? Array.from(described.querySelectorAll('ol > li'))
                                                   .map(li => li.textContent) : null,
                descriptionInDetails: !!(described && described.closest('details')),
                lines: svg.querySelectorAll('path[marker-end], path[stroke-width]').length,
            };
        }"""
    )


def test_flowcharts_are_drawn_described_safe_and_accessible_and_quizzes_check_in_the_page(
    page, site_url
):
    new_notebook(page, site_url, "charts.ipynb")
    wait_for_kernel(page)

    # %%flowchart: one box per step, the description attached by aria-describedby
    cell = run_code(
        page,
        '%%flowchart --title "Big or small"\n'
        'x = int("4")\nif x > 3:\n    print("big")\nelse:\n    print("small")',
    )
    data = mime_data(cell, FLOWCHART_MIME)
    chart = drawing(page)
    assert chart["boxes"] == box_count(data["dsl"]) == 6
    assert chart["role"] == "img"
    assert chart["label"] == chart["caption"] == "Big or small"
    assert chart["descriptionInDetails"]
    assert chart["descriptionSteps"] == [
        line.split(". ", 1)[1] for line in data["description"].splitlines() if line[:1].isdigit()
    ]
    assert len(chart["descriptionSteps"]) == 6
    assert chart["narrowestLabel"] > 0
    assert "if x > 3" in chart["labels"]

    # axe-core, scoped to the rendered output
    page.locator(FIRST_OUTPUT).evaluate("e => e.setAttribute('data-axe-scope', '')")
    results = Axe().run(page, context="[data-axe-scope]")
    assert results.violations_count == 0, results.generate_report()

    # the copy button puts the script on the clipboard and says so in a live region
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.locator(FIGURE).get_by_role("button", name="Copy flowchart script").click()
    status = page.locator(f"{FIGURE} >> [aria-live=polite]")
    status.filter(has_text="copied").wait_for(timeout=10_000)
    assert page.evaluate("navigator.clipboard.readText()") == data["dsl"]

    # Download SVG: a standalone picture with its title and description inside
    with page.expect_download() as download:
        page.locator(FIGURE).get_by_role("button", name="Download SVG").click()
    assert download.value.suggested_filename == "big-or-small.svg"
    picture = Path(download.value.path()).read_text(encoding="utf-8")
    assert picture.count('class="flowchart"') == 6
    assert "<title>Big or small</title>" in picture
    assert "Decision: if x &gt; 3." in picture

    # a hostile label is text: shown literally, never run
    run_code(page, f"%%flowchart\n{HOSTILE}")
    chart = drawing(page)
    assert any(HOSTILE_TEXT in label for label in chart["labels"])
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.locator(f"{FIRST_OUTPUT} >> img").count() == 0
    assert page.locator(f"{FIRST_OUTPUT} >> script").count() == 0

    # %%flowchart_js: the sensor example from the issue
    sensor_cell = run_code(page, SENSOR_SCRIPT)
    chart = drawing(page)
    assert chart["boxes"] == 5
    assert "Transform sensor data to display data format" in chart["labels"]
    assert len(chart["descriptionSteps"]) == 5

    # a one-box chart (no arrows at all) is drawn too
    run_code(page, "%%flowchart --no-start-end\ntotal = 1 + 2")
    chart = drawing(page)
    assert chart["boxes"] == 1
    assert chart["labels"] == ["total = 1 + 2"]
    assert chart["width"] > 0 and chart["height"] > 0

    # a quiz: a wrong answer, then the right one, with feedback in a live region
    cell = run_code(
        page,
        "from codecharts import which_flowchart\n"
        "which_flowchart('for i in range(3):\\n    print(i)\\nprint(\"done\")', seed=1)",
    )
    quiz = mime_data(cell, QUIZ_MIME)
    right = next(o for o in quiz["options"] if o["correct"])
    wrong = next(o for o in quiz["options"] if not o["correct"])
    output = page.locator(FIRST_OUTPUT)
    feedback = output.locator(".litecourse-quiz-feedback")
    assert feedback.get_attribute("aria-live") == "polite"
    output.get_by_label(f"Option {wrong['id'].upper()}", exact=True).check()
    output.get_by_role("button", name="Check").click()
    feedback.filter(has_text="Not correct").wait_for(timeout=10_000)
    what_differs = wrong["feedback"].split(": ", 1)[1].replace("`", "")
    assert what_differs in feedback.text_content()
    # keyboard only: move to the right option with the arrow keys, press Check with Enter
    radio = output.get_by_label(f"Option {wrong['id'].upper()}", exact=True)
    radio.focus()
    letters = [o["id"] for o in quiz["options"]]
    step = letters.index(right["id"]) - letters.index(wrong["id"])
    for _ in range(abs(step)):
        page.keyboard.press("ArrowDown" if step > 0 else "ArrowUp")
    assert output.get_by_label(f"Option {right['id'].upper()}", exact=True).is_checked()
    output.get_by_role("button", name="Check").focus()
    page.keyboard.press("Enter")
    feedback.filter(has_text="Correct.").wait_for(timeout=10_000)
    assert "Not correct" not in feedback.text_content()
    page.wait_for_function(
        "n => document.querySelectorAll('.litecourse-quiz-option svg[role=img]').length === n",
        arg=len(quiz["options"]),
    )

    # a saved notebook reopened: its outputs are drawn again from the saved data; and an
    # output saved collapsed is drawn properly once the learner expands it
    collapsed = dict(sensor_cell, metadata={"jupyter": {"outputs_hidden": True}})
    store_notebook(page, "reopened.ipynb", [sensor_cell, collapsed])
    page.reload()
    open_notebook(page, site_url, "reopened.ipynb")
    chart = drawing(page)
    assert chart["boxes"] == 5
    assert chart["narrowestLabel"] > 0
    second = ".jp-Notebook .jp-Cell >> nth=1 >> figure.litecourse-flowchart"
    assert page.locator(f"{second} >> svg").count() == 0  # hidden: not drawn yet
    page.evaluate(
        f"""() => {{ {CURRENT_PANEL}.content.activeCellIndex = 1;
                     return window.jupyterapp.commands.execute('notebook:show-cell-outputs'); }}"""
    )
    page.wait_for_selector(f"{second}.litecourse-mod-drawn >> svg", timeout=60_000)
    shown = page.locator(f"{second} >> svg").evaluate(
        """svg => ({boxes: svg.querySelectorAll('.flowchart').length,
                   narrowest: Math.min(...Array.from(svg.querySelectorAll('text'))
                                       .filter(t => t.textContent.trim())
                                       .map(t => t.getBBox().width)),
                   width: svg.getBoundingClientRect().width})"""
    )
    assert shown["boxes"] == 5
    assert shown["narrowest"] > 0
    assert shown["width"] > 100


def test_the_course_notebook_on_flowcharts_runs_top_to_bottom_without_errors(page, site_url):
    open_notebook(page, site_url, "reading-code-with-flowcharts.ipynb")
    wait_for_kernel(page)
    page.evaluate("() => { window.jupyterapp.commands.execute('notebook:run-all-cells'); }")
    wait_until_done(page, timeout=300_000)
    nb = notebook_json(page)
    assert error_outputs(nb) == []
    code_cells = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert all(c["execution_count"] for c in code_cells), "some cells did not run"
    learner_errors = [
        "".join(out["data"]["text/plain"])
        for c in code_cells
        for out in c["outputs"]
        if "litecourse-error" in "".join(out.get("data", {}).get("text/html", ""))
    ]
    assert learner_errors == []
    kinds = [mime for c in code_cells for out in c["outputs"] for mime in out.get("data", {})]
    assert kinds.count(QUIZ_MIME) == 3
    assert kinds.count(FLOWCHART_MIME) >= 9
    # the sensor chart, first in the notebook, is drawn on the page
    first = page.locator(".jp-Notebook figure.litecourse-flowchart").first
    first.locator("svg[role=img]").wait_for(timeout=60_000)
    assert first.locator("figcaption").text_content() == "Sensor to display"
