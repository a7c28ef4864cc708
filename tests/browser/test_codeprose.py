"""codeprose in the course site (issue 4): descriptions shown as text and read aloud.

Headless Chromium may have no voices, so most tests replace the browser's speech synthesis
with a recording stub (``SPEECH_STUB``): it keeps every text handed to ``speak()`` and the
voice chosen for it, plays one utterance at a time, and fires the utterance events a real
browser fires. ``window.__speech.finishCurrent()`` ends the sentence being "spoken".
"""

from __future__ import annotations

import json

import pytest
from axe_playwright_python.sync_playwright import Axe
from codeprose.magics import describe_output
from codeprose.model import MIME_TYPE
from lab import (
    error_outputs,
    new_notebook,
    notebook_json,
    open_file_browser,
    open_notebook,
    run_all,
    run_cell,
    set_cell_source,
    store_notebook,
    wait_for_kernel,
)

pytestmark = pytest.mark.browser

SEED = '''import os, math
import pandas as pd
from pprintast import pprintast2 as ppast

def test_fn(a, b=1, c=2):
    """Add two numbers"""
    out = a + b
    print(c * out)
    return out
'''

SPEECH_STUB = """
(() => {
  const spoken = [], voices = [], queue = [];
  let playing = null;
  class Utterance extends EventTarget {
    constructor(text) {
      super();
      this.text = text; this.lang = ''; this.voice = null;
      this.rate = 1; this.pitch = 1; this.volume = 1;
    }
  }
  const fire = (u, type, extra) => {
    const e = new Event(type);
    Object.assign(e, extra || {});
    u.dispatchEvent(e);
    if (typeof u['on' + type] === 'function') u['on' + type](e);
  };
  const playNext = () => {
    playing = queue.shift() || null;
    if (playing) fire(playing, 'start');
  };
  const synth = {
    speak(u) {
      spoken.push(u.text);
      voices.push(u.voice ? u.voice.name : null);
      queue.push(u);
      if (!playing) setTimeout(() => { if (!playing) playNext(); }, 0);
    },
    cancel() {
      const current = playing, dropped = queue.splice(0);
      playing = null;
      if (current) fire(current, 'error', {error: 'interrupted'});
      dropped.forEach(u => fire(u, 'error', {error: 'canceled'}));
    },
    // a network voice listed first and as the default: the offline site must not pick it
    getVoices: () => [
      {name: 'Remote English', lang: 'en-US', localService: false, default: true, voiceURI: 'remote'},
      {name: 'Local French', lang: 'fr-FR', localService: true, default: false, voiceURI: 'fr'},
      {name: 'Local English', lang: 'en-GB', localService: true, default: false, voiceURI: 'en'},
    ],
    pause() {}, resume() {},
    get speaking() { return playing !== null; },
    get pending() { return queue.length > 0; },
    paused: false,
    addEventListener() {}, removeEventListener() {},
  };
  Object.defineProperty(window, 'speechSynthesis', {value: synth, configurable: true});
  window.SpeechSynthesisUtterance = Utterance;
  window.__speech = {
    spoken, voices,
    get playing() { return playing ? playing.text : null; },
    finishCurrent() { const u = playing; playing = null; if (u) fire(u, 'end'); playNext(); },
  };
})();
"""

NO_SPEECH = """
delete window.speechSynthesis;
delete window.SpeechSynthesisUtterance;
delete Window.prototype.speechSynthesis;
"""


def cell(page, index: int):
    return page.locator(".jp-Notebook .jp-Cell").nth(index)


def spoken(page) -> list[str]:
    return page.evaluate("window.__speech.spoken.slice()")


def reading_index(page, index: int) -> list[int]:
    """Indexes of the sentences marked as being read, in the description of cell ``index``."""
    return cell(page, index).locator(".litecourse-sentence").evaluate_all(
        "nodes => nodes.flatMap((n, i) => n.getAttribute('aria-current') === 'true' ? [i] : [])"
    )


def description_payload(nb_cell: dict) -> dict:
    [payload] = [o["data"][MIME_TYPE] for o in nb_cell["outputs"] if MIME_TYPE in o.get("data", {})]
    return payload


def spoken_sentences(payload: dict) -> list[str]:
    """What the learner should hear: the package's own text, one line a sentence (detailed)."""
    if payload["level"] == "detailed":
        return [line.strip().replace("`", "") for line in payload["text"].splitlines()]
    return [s["text"].replace("`", "") for s in payload["sentences"]]


def save_notebook(page, base_url: str, name: str, cells: list[dict]) -> None:
    """Store a notebook with ``cells`` (outputs included) in the site's browser storage, open it."""
    open_file_browser(page, base_url)
    store_notebook(page, name, cells)
    open_notebook(page, base_url, name)


def described_cell(line: str, code: str) -> dict:
    """A code cell holding ``%%describe`` output made by the real codeprose package."""
    bundle, _ = describe_output(line, code)
    return {
        "cell_type": "code", "metadata": {}, "execution_count": 1,
        "source": f"%%describe {line}\n{code}",
        "outputs": [{"output_type": "display_data", "data": bundle, "metadata": {}}],
    }


def test_describe_reads_each_sentence_aloud_and_highlights_it_as_it_goes(new_profile, site_url):
    profile = new_profile()
    profile.context.add_init_script(SPEECH_STUB)
    page = profile.page()
    new_notebook(page, site_url, "reading.ipynb")
    wait_for_kernel(page)
    set_cell_source(page, 0, "%%describe --detailed\n" + SEED)
    run_cell(page, 0)
    payload = description_payload(notebook_json(page)["cells"][0])
    out = cell(page, 0).locator(".litecourse-description")

    # the text: every sentence, a line number for each step
    shown = out.inner_text()
    for sentence in payload["sentences"]:
        assert sentence["text"] in shown
    assert out.locator('li[data-line="3"]').inner_text().startswith("Line 3:")
    assert out.locator('li[data-line="7"]').inner_text() == "Line 7: out is set to a plus b."
    assert spoken(page) == [], "a description without --speak must wait for the button"

    # Read aloud: one utterance per sentence, exactly the sentences shown, an offline voice
    out.get_by_role("button", name="Read aloud").click()
    expected = spoken_sentences(payload)
    assert spoken(page) == expected
    assert "Line 7: out is set to a plus b." in expected
    assert set(page.evaluate("window.__speech.voices")) == {"Local English"}
    page.wait_for_function("window.__speech.playing !== null")
    assert reading_index(page, 0) == [0]
    assert out.get_by_role("status").inner_text() == f"Reading aloud, {len(expected)} sentences."

    # the highlight follows the voice
    page.evaluate("window.__speech.finishCurrent()")
    assert reading_index(page, 0) == [1]
    page.evaluate("window.__speech.finishCurrent()")
    assert reading_index(page, 0) == [2]

    # Stop: silence, no highlight, said in the status line
    out.get_by_role("button", name="Stop").click()
    assert page.evaluate("window.__speech.playing") is None
    assert reading_index(page, 0) == []
    assert out.get_by_role("status").inner_text() == "Stopped."
    assert out.get_by_role("button", name="Stop").is_disabled()

    # keyboard: Enter on Read aloud starts over, Tab reaches Stop, Space stops; the notebook
    # stays in command mode (the keys went to the buttons, not to notebook shortcuts)
    out.get_by_role("button", name="Read aloud").focus()
    page.keyboard.press("Enter")
    assert spoken(page) == expected * 2
    page.wait_for_function("window.__speech.playing !== null")
    assert reading_index(page, 0) == [0]
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Stop"
    page.keyboard.press("Space")
    assert reading_index(page, 0) == []
    assert page.evaluate("document.activeElement.textContent") == "Read aloud"
    assert page.evaluate("window.jupyterapp.shell.currentWidget.content.mode") == "command"

    # reading to the end
    page.keyboard.press("Enter")
    page.wait_for_function("window.__speech.playing !== null")
    for index in range(len(expected)):
        assert reading_index(page, 0) == [index]
        page.evaluate("window.__speech.finishCurrent()")
    assert reading_index(page, 0) == []
    assert out.get_by_role("status").inner_text() == "Finished reading."

    # --speak: a fresh output starts reading by itself, once
    before = len(spoken(page))
    set_cell_source(page, 0, "%%describe --speak\n" + SEED)
    run_cell(page, 0)
    nb_cell = notebook_json(page)["cells"][0]
    brief = description_payload(nb_cell)
    assert brief["level"] == "brief" and brief["speak"] is True
    assert spoken(page)[before:] == spoken_sentences(brief)
    page.wait_for_function("window.__speech.playing !== null")
    assert reading_index(page, 0) == [0]
    assert cell(page, 0).locator("p .litecourse-sentence").count() == len(brief["sentences"])
    page.wait_for_function(
        f"""() => {{
            const cell = window.jupyterapp.shell.currentWidget.content.model.cells.get(0);
            const meta = cell.toJSON().outputs[0].metadata;
            return meta[{json.dumps(MIME_TYPE)}] && meta[{json.dumps(MIME_TYPE)}].spoken === true;
        }}"""
    )

    # reopening the notebook shows the description but does not read it again
    page.keyboard.press("Control+S")
    page.wait_for_function("!window.jupyterapp.shell.currentWidget.context.model.dirty", timeout=30_000)
    page.reload()
    open_notebook(page, site_url, "reading.ipynb")
    cell(page, 0).locator(".litecourse-description").wait_for()
    assert cell(page, 0).get_by_role("button", name="Read aloud").is_visible()
    assert spoken(page) == []


def test_saved_description_has_no_read_aloud_button_where_the_browser_cannot_speak(new_profile, site_url):
    profile = new_profile()
    profile.context.add_init_script(NO_SPEECH)
    page = profile.page()
    save_notebook(page, site_url, "mute.ipynb", [described_cell("--detailed", SEED)])
    out = cell(page, 0).locator(".litecourse-description")
    out.wait_for()
    assert page.evaluate("'speechSynthesis' in window") is False
    assert "Line 7: out is set to a plus b." in out.inner_text()
    assert out.locator("button").count() == 0
    assert out.get_by_role("status").count() == 0


def test_opening_a_saved_notebook_with_a_speak_description_does_not_start_reading(new_profile, site_url):
    profile = new_profile()
    profile.context.add_init_script(SPEECH_STUB)
    page = profile.page()
    save_notebook(page, site_url, "quiet.ipynb", [described_cell("--speak", SEED)])
    out = cell(page, 0).locator(".litecourse-description")
    out.wait_for()  # rendering is where reading would start, synchronously
    assert out.get_by_role("button", name="Read aloud").is_visible()
    assert spoken(page) == []
    out.get_by_role("button", name="Read aloud").click()
    assert spoken(page) == spoken_sentences(description_payload(notebook_json(page)["cells"][0]))


def test_rendered_descriptions_have_no_accessibility_violations(new_profile, site_url):
    profile = new_profile()
    profile.context.add_init_script(SPEECH_STUB)
    page = profile.page()
    save_notebook(page, site_url, "axe.ipynb",
                  [described_cell("--detailed", SEED), described_cell("--brief", SEED)])
    cell(page, 1).locator(".litecourse-description").wait_for()
    page.get_by_role("button", name="Read aloud").first.click()
    page.wait_for_function("window.__speech.playing !== null")  # a sentence highlighted too
    results = Axe().run(page, context={"include": [[".litecourse-description-output"]]})
    assert results.violations_count == 0, results.generate_report()
    # (axe finds its colour-contrast rule inapplicable inside JupyterLab's notebook panel,
    # so colours are not among the rules checked here)
    checked = {rule["id"] for rule in results.response["passes"]}
    assert {"button-name", "aria-allowed-attr", "aria-valid-attr-value", "list"} <= checked, checked


def test_course_notebook_runs_top_to_bottom_without_errors(new_profile, site_url):
    profile = new_profile()
    profile.context.add_init_script(SPEECH_STUB)
    page = profile.page()
    open_notebook(page, site_url, "describing-code-in-words.ipynb")
    wait_for_kernel(page)
    run_all(page)
    nb = notebook_json(page)
    assert error_outputs(nb) == []
    code_cells = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert all(c["execution_count"] for c in code_cells), "some cells did not run"
    described = [c for c in code_cells if c["source"].startswith("%%describe")]
    rendered = page.locator(".litecourse-description-output")
    assert rendered.count() == sum(
        1 for c in described for o in c["outputs"] if MIME_TYPE in o.get("data", {})
    )
    assert len(described) >= 5 and rendered.count() >= 5
    # the --speak cell read itself aloud when run
    assert any(s.startswith("Line 1: A function named test_fn2") for s in spoken(page))
