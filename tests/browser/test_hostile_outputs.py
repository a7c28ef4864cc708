"""Hostile outputs (the security issue): a notebook's outputs are data anyone can write (a
dropped file, a restored zip). Whatever a flowchart, quiz or description output holds, it
cannot run script, change ``Object.prototype``, make the page request an outside address,
block the page, or hide the notebook's other cells.

Every case runs twice: *untrusted* (the notebook written through the contents API with its
outputs, as a dropped file is, then opened) and *trusted* (the same notebook with its cells
marked trusted). One more test produces every payload live, from a running kernel.
"""

from __future__ import annotations

import json

import pytest
from lab import CURRENT_PANEL, new_notebook, run_code, store_notebook, wait_for_kernel

pytestmark = pytest.mark.browser

FLOWCHART_MIME = "application/vnd.litecourse.flowchart+json"
QUIZ_MIME = "application/vnd.litecourse.quiz+json"
DESCRIPTION_MIME = "application/vnd.litecourse.description+json"

CELLS = ".jp-Notebook .jp-Cell"
MESSAGE = ".litecourse-output-error"
DRAWN = "figure.litecourse-flowchart.litecourse-mod-drawn svg"

# Raw flowchart.js scripts as an attacker writes them. JSON's \u0028 / \u0029 put the
# brackets flowchart.js's style reader would otherwise stop at inside a value.
PROTO_BOX = "st=>start: Start\ne=>end: End\nst->e\n__proto__(litecoursePolluted,x)->e\n"
CONSTRUCTOR_BOX = "constructor=>operation: c\ne=>end: End\nconstructor(litecoursePolluted,x)->e\n"
PROTOTYPE_BOX = "prototype=>operation: p\ne=>end: End\nprototype->e\n"
SANITIZER_CHAIN = (
    "x=>operation: x\ndfn=>operation: dfn\ne=>end: End\n"
    "x(lineStyle,y)->__proto__\n"
    "x->dfn->e\n"
    'x@>dfn([{"name":"onanimationstart","values":["window.__pwned\\u003d1"]},'
    '{"name":"ontoggle","values":["window.__pwned\\u003d1"]}])\n'
)
SCRIPT_LINK = (
    "st=>start: Click me:>javascript:window.__pwned=1[_self]\n"
    "op=>operation: Or me\ne=>end: End\n"
    "st->op->e\n"
    'op@>e({"href":"javascript:window.__pwned\\u003d2","target":"_self","stroke-width":12})\n'
)
OUTSIDE_FILL = (
    "st=>start: Start\nop=>operation: Beacon\ne=>end: End\n"
    "st->op->e\n"
    'st@>op({"fill":"url\\u0028http://evil.example/beacon.png\\u0029",'
    '"stroke":"url\\u0028http://evil.example/stroke.png\\u0029"})\n'
    'op@>e({"stroke":"#cc0000","stroke-width":3})\n'
)
HOSTILE_MARKDOWN = (
    "Nothing here may run:\n\n"
    '<dfn onanimationstart="window.__pwned=3" style="animation: jp-Spinner-rotate 1ms">term</dfn>\n\n'
    '<details open ontoggle="window.__pwned=4"><summary>more</summary>text</details>\n'
)

DESCRIPTION = {
    "text": "x is set to 1.",
    "sentences": [{"line": 1, "text": "x is set to 1."}],
    "level": "brief",
    "speak": False,
}
QUIZ_OPTION = {"id": "a", "code": "x = 1", "correct": True, "feedback": "Right: it is."}
QUIZ = {
    "kind": "which_code",
    "title": "Which code?",
    "prompt": "Which code matches?",
    "flowchart": {"dsl": "st=>start: start\ne=>end: end\nst->e\n", "description": ""},
    "options": [QUIZ_OPTION],
}
BAD_SHAPES = [
    (DESCRIPTION_MIME, {**DESCRIPTION, "text": 42}, "the text of the description is a number, not text"),
    (DESCRIPTION_MIME, None, "the description is empty (null), not an object"),
    (DESCRIPTION_MIME, {**DESCRIPTION, "sentences": [{"line": 1, "text": 7}]},
     "the text of sentence 1 of the description is a number, not text"),
    (QUIZ_MIME, {**QUIZ, "options": "abc"}, "the options of the quiz are a string, not a list"),
    (QUIZ_MIME, {**QUIZ, "options": [{"code": "x", "correct": True, "feedback": "f"}]},
     "option 1 of the quiz has no id"),
]


def many_boxes(count: int) -> str:
    """A chain of ``count`` boxes."""
    boxes = "\n".join(f"op{i}=>operation: step {i}" for i in range(count))
    chain = "->".join(f"op{i}" for i in range(count))
    return f"{boxes}\n\n{chain}\n"


def chart(dsl: str, title: str = "Chart") -> dict:
    return {"dsl": dsl, "description": f"{title}: a description.", "title": title}


def code_cell(mime: str, payload, trusted: bool) -> dict:
    return {
        "cell_type": "code", "source": "# an output written into the file", "execution_count": None,
        "metadata": {"trusted": trusted},
        "outputs": [{"output_type": "display_data", "metadata": {},
                     "data": {mime: payload, "text/plain": "(an output)"}}],
    }


def markdown_cell(text: str) -> dict:
    return {"cell_type": "markdown", "source": text, "metadata": {}}


def open_stored(page, site_url: str, name: str, cells: list[dict]) -> list[str]:
    """Write a notebook through the contents API (as a dropped file is), then open it in the
    same page; returns ``Object.prototype``'s own names from before it was opened."""
    page.set_viewport_size({"width": 1280, "height": 2400})
    page.goto(f"{site_url}lab/index.html")
    page.wait_for_function(
        "window.jupyterapp && window.jupyterapp.serviceManager"
        " && window.jupyterapp.commands.hasCommand('docmanager:open')"
    )
    store_notebook(page, name, cells)
    baseline = page.evaluate("Object.getOwnPropertyNames(Object.prototype).sort()")
    page.evaluate("path => window.jupyterapp.commands.execute('docmanager:open', {path, factory: 'Notebook'})", name)
    page.wait_for_function(
        f"() => {{ const p = {CURRENT_PANEL}; return p && p.context && p.context.path === {json.dumps(name)}"
        " && p.context.isReady; }"
    )
    return baseline


def outputs_trusted(page) -> list[bool]:
    """The trust of every code cell's outputs, as JupyterLab sees it."""
    return page.evaluate(
        f"""() => Array.from({CURRENT_PANEL}.content.model.cells)
                .filter(c => c.type === 'code').map(c => c.outputs.trusted)"""
    )


def assert_no_pollution(page, baseline: list[str]) -> None:
    assert page.evaluate("Object.getOwnPropertyNames(Object.prototype).sort()") == baseline
    extras = page.evaluate(
        """() => { const o = {}; const found = [];
                   for (const k in o) found.push(k);
                   for (const k of ['litecoursePolluted', 'dfn', 'lineStyle', 'e', 'x'])
                       if (o[k] !== undefined) found.push(k);
                   return found; }"""
    )
    assert extras == []


def assert_no_script_ran(page) -> None:
    assert page.evaluate("typeof window.__pwned") == "undefined"


def assert_app_still_works(page, site_url: str) -> None:
    """The app can still create and save a notebook (a polluted prototype broke this)."""
    saved = page.evaluate(
        """async () => {
            const m = await window.jupyterapp.serviceManager.contents.newUntitled({type: 'notebook'});
            const back = await window.jupyterapp.serviceManager.contents.get(m.path);
            return back.type;
        }"""
    )
    assert saved == "notebook"


TRUST = pytest.mark.parametrize("trusted", [False, True], ids=["untrusted", "trusted"])


@TRUST
def test_box_names_proto_constructor_prototype_are_refused_and_pollute_nothing(page, site_url, trusted):
    cells = [code_cell(FLOWCHART_MIME, chart(dsl, title), trusted)
             for dsl, title in [(PROTO_BOX, "proto"), (CONSTRUCTOR_BOX, "constructor"), (PROTOTYPE_BOX, "prototype")]]
    baseline = open_stored(page, site_url, "names.ipynb", cells)
    assert outputs_trusted(page) == [trusted] * 3
    page.wait_for_function(f"document.querySelectorAll('{MESSAGE}').length === 3")
    messages = page.locator(MESSAGE).all_text_contents()
    assert "a box may not be called `__proto__`" in messages[0]
    assert "a box may not be called `constructor`" in messages[1]
    assert "a box may not be called `prototype`" in messages[2]
    # the text description is still there for the learner
    assert page.locator(".litecourse-flowchart-description").count() == 3
    assert_no_pollution(page, baseline)
    assert_app_still_works(page, site_url)


@TRUST
def test_a_style_chain_cannot_reach_the_sanitizer_and_hostile_markdown_stays_inert(page, site_url, trusted):
    cells = [code_cell(FLOWCHART_MIME, chart(SANITIZER_CHAIN), trusted),
             {**markdown_cell(HOSTILE_MARKDOWN), "metadata": {"trusted": trusted}}]
    baseline = open_stored(page, site_url, "chain.ipynb", cells)
    page.wait_for_selector(MESSAGE)
    assert page.locator(MESSAGE).text_content().startswith("This flowchart could not be drawn: ")
    page.locator(".jp-MarkdownOutput dfn").wait_for()
    page.wait_for_timeout(500)  # time for an animation or toggle event to fire
    assert_no_script_ran(page)
    markdown = page.locator(".jp-MarkdownOutput").first
    assert markdown.evaluate(
        "m => Array.from(m.querySelectorAll('*')).flatMap(e => e.getAttributeNames())"
        ".filter(n => n.startsWith('on'))"
    ) == []
    assert_no_pollution(page, baseline)
    assert_app_still_works(page, site_url)


@TRUST
def test_javascript_links_are_not_drawn_and_clicking_the_chart_runs_nothing(page, site_url, trusted):
    baseline = open_stored(page, site_url, "links.ipynb", [code_cell(FLOWCHART_MIME, chart(SCRIPT_LINK), trusted)])
    svg = page.locator(DRAWN)
    svg.wait_for()
    assert page.locator(".litecourse-flowchart svg text").all_text_contents().count("Click me") == 1
    found = svg.evaluate(
        """svg => ({anchors: svg.querySelectorAll('a').length,
                   scriptUrls: Array.from(svg.querySelectorAll('*')).flatMap(e =>
                       Array.from(e.attributes).filter(a => /javascript:/i.test(a.value)).map(a => a.name))})"""
    )
    assert found == {"anchors": 0, "scriptUrls": []}
    # the allowed part of the line style is kept: the arrow to the end box is drawn thick
    assert svg.evaluate(
        "svg => Array.from(svg.querySelectorAll('path')).some(p => p.getAttribute('stroke-width') === '12')"
    )
    for text in ["Click me", "Or me"]:
        page.locator(".litecourse-flowchart svg text", has_text=text).click()
    page.locator(".litecourse-flowchart svg path[stroke-width='12']").first.click(force=True)
    assert_no_script_ran(page)
    assert page.url.startswith(site_url)
    assert_no_pollution(page, baseline)


@TRUST
def test_an_outside_url_fill_makes_no_request_and_is_not_in_the_svg(page, site_url, trusted):
    # the NetGuard of the page fixture fails the test on any request leaving loopback
    open_stored(page, site_url, "fill.ipynb", [code_cell(FLOWCHART_MIME, chart(OUTSIDE_FILL), trusted)])
    svg = page.locator(DRAWN)
    svg.wait_for()
    page.wait_for_timeout(500)
    refs = svg.evaluate(
        """svg => Array.from(svg.querySelectorAll('*')).flatMap(e => Array.from(e.attributes)
                  .filter(a => /url\\(|href/i.test(a.name + a.value) && !/^(url\\(#|#)/.test(a.value.trim())
                               && !a.name.startsWith('xmlns'))
                  .map(a => `${e.localName} ${a.name}=${a.value}`))"""
    )
    assert refs == []
    assert svg.evaluate("svg => svg.querySelectorAll('image, pattern, foreignObject').length") == 0
    # a colour that is a colour is kept
    assert svg.evaluate(
        "svg => Array.from(svg.querySelectorAll('path')).some(p => p.getAttribute('stroke') === '#cc0000')"
    )
    # and the Download SVG file holds no outside reference either
    with page.expect_download() as download:
        page.get_by_role("button", name="Download SVG").click()
    picture = open(download.value.path(), encoding="utf-8").read()
    assert "evil.example" not in picture and "javascript:" not in picture
    assert "<image" not in picture


@TRUST
def test_every_bad_payload_shape_shows_a_message_and_all_cells_stay_visible(page, site_url, trusted):
    cells = [markdown_cell("# Before the bad outputs")]
    cells += [code_cell(mime, payload, trusted) for mime, payload, _ in BAD_SHAPES]
    cells += [code_cell(FLOWCHART_MIME, {"dsl": 3, "title": "x"}, trusted),
              markdown_cell("The last cell, after the bad outputs")]
    open_stored(page, site_url, "bad-shapes.ipynb", cells)
    page.wait_for_function(f"document.querySelectorAll('{MESSAGE}').length === {len(BAD_SHAPES) + 1}")
    # lab adds a long notebook's cells a few at a time: count them once the last one is there
    page.locator(".jp-MarkdownOutput", has_text="The last cell, after the bad outputs").wait_for()
    assert page.locator(CELLS).count() == len(cells)
    messages = page.locator(MESSAGE).all_text_contents()
    for message, (_, _, reason) in zip(messages, BAD_SHAPES):
        assert message == f"This output could not be shown: {reason}."
    assert messages[-1] == "This output could not be shown: the dsl of the flowchart is a number, not text."
    # styled as an alert in the output area
    box = page.locator(MESSAGE).first
    assert box.get_attribute("role") == "alert"
    assert box.evaluate("e => getComputedStyle(e).borderLeftStyle") == "solid"
    assert box.evaluate("e => !!e.closest('.jp-OutputArea-output')")


@TRUST
def test_a_1500_box_flowchart_is_refused_without_blocking_the_page(page, site_url, trusted):
    big = chart(many_boxes(1500), "Huge")
    open_stored(page, site_url, "huge.ipynb",
                [code_cell(FLOWCHART_MIME, chart(many_boxes(3), "Small"), trusted), markdown_cell("After")])
    page.locator(DRAWN).wait_for()
    # the kernel's start is busy work of its own: measure the chart's arrival alone
    wait_for_kernel(page)
    # the big chart arrives in the open notebook while a probe measures the longest
    # time the main thread was busy between two timer callbacks
    gaps = page.evaluate(
        f"""async ([big, mime, trusted]) => {{
            let last = performance.now(), longest = 0;
            const probe = setInterval(() => {{
                const now = performance.now(); longest = Math.max(longest, now - last); last = now;
            }}, 10);
            await new Promise(r => setTimeout(r, 100));
            const before = longest; longest = 0;
            const outputs = {CURRENT_PANEL}.content.model.cells.get(0).outputs;
            outputs.trusted = trusted;
            outputs.add({{output_type: 'display_data', metadata: {{}}, data: {{[mime]: big}}}});
            const t0 = performance.now();
            while (!document.querySelector('.jp-Cell .litecourse-output-error')) {{
                if (performance.now() - t0 > 30000) break;
                await new Promise(r => setTimeout(r, 10));
            }}
            await new Promise(r => setTimeout(r, 100));
            clearInterval(probe);
            return {{idle: before, longest,
                     message: (document.querySelector('.jp-Cell .litecourse-output-error') || {{}}).textContent}};
        }}""",
        [big, FLOWCHART_MIME, trusted],
    )
    assert "the flowchart has 1500 boxes, too many to draw (at most 300)" in gaps["message"]
    assert gaps["longest"] < 200, gaps
    assert page.locator(CELLS).count() == 2


def test_prototype_data_put_there_by_anything_is_swept_when_our_outputs_render(page, site_url):
    baseline = open_stored(page, site_url, "sweep.ipynb",
                           [code_cell(FLOWCHART_MIME, chart(many_boxes(3)), False), markdown_cell("After")])
    page.locator(DRAWN).wait_for()
    # a plain string: an object here would overflow JupyterLab's own JSON copies first
    page.evaluate("() => { Object.prototype.litecoursePolluted = 'x'; }")
    assert page.evaluate("({}).litecoursePolluted") == "x"
    page.evaluate(
        f"""([mime, payload]) => {CURRENT_PANEL}.content.model.cells.get(0).outputs.add(
                {{output_type: 'display_data', metadata: {{}}, data: {{[mime]: payload}}}})""",
        [DESCRIPTION_MIME, DESCRIPTION],
    )
    page.locator(".litecourse-description").wait_for()
    assert_no_pollution(page, baseline)


def test_a_chart_of_over_100_boxes_waits_for_the_learner_to_ask_for_it(page, site_url):
    open_stored(page, site_url, "big.ipynb", [code_cell(FLOWCHART_MIME, chart(many_boxes(150), "Big"), False)])
    ask = page.locator(".litecourse-flowchart-ask")
    ask.wait_for()
    assert "150 boxes" in ask.text_content()
    page.wait_for_timeout(500)
    assert page.locator(".litecourse-flowchart svg").count() == 0
    ask.get_by_role("button", name="Draw the flowchart").click()
    page.locator(DRAWN).wait_for(timeout=120_000)
    assert page.locator(f"{DRAWN} .flowchart").count() == 150


def test_hostile_payloads_displayed_live_by_the_kernel_are_refused_the_same_way(page, site_url):
    # IPython leaves a None value out of a bundle, so the null payload cannot come live
    shapes = [shape for shape in BAD_SHAPES if shape[1] is not None]
    # flowcharts first: a figure is drawn (or refused) once it is on screen
    payloads = [
        [FLOWCHART_MIME, chart(PROTO_BOX)],
        [FLOWCHART_MIME, chart(SANITIZER_CHAIN)],
        [FLOWCHART_MIME, chart(many_boxes(1500))],
        [FLOWCHART_MIME, chart(SCRIPT_LINK)],
        *[[mime, payload] for mime, payload, _ in shapes],
    ]
    page.set_viewport_size({"width": 1280, "height": 2400})
    code = (
        "import json\nfrom IPython.display import display\n"
        f"for mime, payload in json.loads({json.dumps(json.dumps(payloads))}):\n"
        "    display({mime: payload}, raw=True)\n"
        "print('shown')"
    )
    new_notebook(page, site_url, "live.ipynb")
    wait_for_kernel(page)
    baseline = page.evaluate("Object.getOwnPropertyNames(Object.prototype).sort()")
    cell = run_code(page, code)
    assert "shown" in "".join("".join(o.get("text", "")) for o in cell["outputs"])
    assert outputs_trusted(page)[0] is True  # run live: trusted (Shift+Enter added an empty cell)
    expected = 3 + len(shapes)  # two refused scripts, the huge chart, the bad shapes
    page.wait_for_function(f"document.querySelectorAll('{MESSAGE}').length === {expected}")
    messages = page.locator(MESSAGE).all_text_contents()
    assert "may not be called `__proto__`" in messages[0]
    assert "1500 boxes" in messages[2]
    assert [m.removeprefix("This output could not be shown: ") for m in messages[3:]] == [
        f"{reason}." for _, _, reason in shapes]
    page.locator(DRAWN).first.wait_for()
    assert page.locator(f"{DRAWN} a").count() == 0
    page.locator(".litecourse-flowchart svg text", has_text="Click me").click()
    assert_no_script_ran(page)
    assert_no_pollution(page, baseline)


def test_a_null_payload_in_a_live_output_gets_its_message_in_every_renderer(page, site_url):
    # (a bundle whose value is missing arrives without the type at all: JupyterLab shows an
    # empty output, ours are not asked to render it)
    mimes = [FLOWCHART_MIME, QUIZ_MIME, DESCRIPTION_MIME]
    new_notebook(page, site_url, "live-empty.ipynb")
    wait_for_kernel(page)
    run_code(page, "print('before')")
    page.evaluate(
        f"""(mimes) => {{
            const outputs = {CURRENT_PANEL}.content.model.cells.get(0).outputs;
            for (const mime of mimes) {{
                outputs.add({{output_type: 'display_data', metadata: {{}}, data: {{[mime]: null}}}});
            }}
        }}""",
        mimes,
    )
    page.wait_for_function(f"document.querySelectorAll('{MESSAGE}').length === {len(mimes)}")
    messages = page.locator(MESSAGE).all_text_contents()
    assert all(m.startswith("This output could not be shown: ") for m in messages), messages
