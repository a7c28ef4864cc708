"""The description renderer's pure parts (issue 4), compiled by tsc and run in node:
what is shown and read aloud for each sentence, and which voice reads it."""

from __future__ import annotations

import json

from codeprose.magics import describe_output
from codeprose.model import MIME_TYPE
from test_extension_build import lib, node_eval  # noqa: F401  (lib is a fixture)

SEED = 'def test_fn(a, b=1, c=2):\n    """Add two numbers"""\n    out = a + b\n    return out\n'


def steps(lib, line: str, code: str) -> list[dict]:
    payload = describe_output(line, code)[0][MIME_TYPE]
    return node_eval(lib / "renderers" / "description-steps.js", f"m.describeSteps({json.dumps(payload)})")


def voice(lib, voices: list[dict], preferred: str):
    return node_eval(lib / "renderers" / "speech.js", f"m.pickVoice({json.dumps(voices)}, {json.dumps(preferred)})")


def test_detailed_steps_are_labelled_with_their_line_and_indented_by_nesting(lib):
    got = steps(lib, "--detailed", SEED)
    assert [(s["label"], s["depth"]) for s in got] == [
        ("Line 1", 0), ("Line 1", 0), ("Line 2", 0), ("Line 3", 1), ("Line 4", 1)]
    assert got[3]["spoken"] == "Line 3: out is set to a plus b."


def test_brief_steps_have_no_labels_and_are_spoken_as_they_are_shown(lib):
    got = steps(lib, "--brief", SEED)
    assert all(s["label"] == "" and s["spoken"] == s["text"] for s in got)


def test_quoted_code_is_spoken_without_backticks(lib):
    got = steps(lib, "--detailed", "y = x @ x\n")
    assert "`" in got[0]["text"] and "`" not in got[0]["spoken"]
    assert got[0]["spoken"].startswith("Line 1: ")


def test_a_sentence_that_names_its_line_gets_no_second_label(lib):
    payload = {"text": "Line 2 runs: `x @ y`.", "level": "detailed",
               "sentences": [{"line": 2, "text": "Line 2 runs: `x @ y`."}]}
    got = node_eval(lib / "renderers" / "description-steps.js", f"m.describeSteps({json.dumps(payload)})")
    assert got[0]["label"] == "" and got[0]["spoken"] == "Line 2 runs: x @ y."


LOCAL_FR = {"name": "fr", "lang": "fr-FR", "localService": True, "default": True}
LOCAL_US = {"name": "us", "lang": "en-US", "localService": True, "default": False}
LOCAL_GB = {"name": "gb", "lang": "en-GB", "localService": True, "default": False}
REMOTE_GB = {"name": "remote", "lang": "en-GB", "localService": False, "default": False}


def test_voice_is_the_learners_own_english_when_it_runs_on_the_device(lib):
    assert voice(lib, [REMOTE_GB, LOCAL_FR, LOCAL_US, LOCAL_GB], "en-GB")["name"] == "gb"


def test_voice_is_english_before_the_default_of_another_language(lib):
    assert voice(lib, [LOCAL_FR, LOCAL_US], "fr-FR")["name"] == "us"


def test_no_voice_is_chosen_when_none_runs_on_the_device(lib):
    assert voice(lib, [REMOTE_GB], "en-GB") is None


def test_speech_errors_become_a_sentence_for_the_learner(lib):
    message = node_eval(lib / "renderers" / "speech.js", "m.speechErrorMessage('not-allowed')")
    assert "press Read aloud" in message
