"""The renderers' pure safety logic (flowchart script check, SVG check, payload shapes,
prototype guard), compiled by tsc and run with node; fed with what codecharts and
codeprose really emit, so the checks are proven to let every legitimate output through."""

from __future__ import annotations

import json
from pathlib import Path

from codecharts.display import flowchart_view
from codecharts.dsl import emit_dsl, parse_dsl
from codecharts.from_code import flowchart_from_code
from codecharts.quiz import make_which_code, make_which_flowchart
from codeprose.magics import describe_output
from pure_ts import SRC, run_node_tests

RENDERERS = SRC / "renderers"
PURE = ["flowchart-script.ts", "svg-safety.ts", "payloads.ts", "prototype-guard.ts", "description-steps.ts"]
FLOWCHART_MIME = "application/vnd.litecourse.flowchart+json"
QUIZ_MIME = "application/vnd.litecourse.quiz+json"

SAMPLES = [
    "print('hi')",
    "x = int(input('x? '))\nif x > 1:\n    print('big')\nelif x < 0:\n    print('negative')\n"
    "else:\n    print('small')\n",
    "total = 0\nfor i in range(10):\n    if i % 2:\n        continue\n    total += i\n"
    "while total > 3:\n    total -= 3\nprint(total)\n",
    "def f(a, b=1):\n    try:\n        return a / b\n    except ZeroDivisionError:\n        return None\n"
    "    finally:\n        print('done')\n",
    "with open('f') as fh:\n    for line in fh:\n        if 'x' in line:\n            break\n"
    "    else:\n        print('no x')\n",
]

# A hand-written %%flowchart_js script using what codecharts accepts: kinds, params,
# flowstates, sides, parallel paths, labels with escaped syntax and continuation lines.
HAND_WRITTEN = """\
st=>start: Start|past
in1=>inputoutput: Read x => y
c1(align-next=no)=>condition: x > 1?
p1=>parallel: split
op1=>operation: a -> b\\
still the label
sub1=>subroutine: helper()
e=>end: End

st->in1->c1
c1(yes, right)->p1
c1(no)->e
p1(path1, bottom)->op1->e
p1(path2, right)->sub1(left)->e
"""


def legitimate_payloads() -> dict:
    charts = [flowchart_view(flowchart_from_code(code), "Flowchart")._repr_mimebundle_()[FLOWCHART_MIME]
              for code in SAMPLES]
    charts.append({"dsl": emit_dsl(parse_dsl(HAND_WRITTEN)), "description": "", "title": "Hand-written"})
    quizzes = [make_which_flowchart(SAMPLES[1], seed=1).data, make_which_code(SAMPLES[2], seed=2).data]
    descriptions = [describe_output(flags, SAMPLES[3])[0]["application/vnd.litecourse.description+json"]
                    for flags in ("--brief", "--detailed")]
    boxes = [len(parse_dsl(chart["dsl"]).nodes) for chart in charts]
    return {"charts": charts, "boxes": boxes, "quizzes": quizzes, "descriptions": descriptions}


def test_renderer_safety_logic_passes_its_node_tests(tmp_path):
    legit = tmp_path / "legitimate.json"
    legit.write_text(json.dumps(legitimate_payloads()))
    run_node_tests([RENDERERS / name for name in PURE], [Path(__file__).parent / "renderers" / "safety.test.mjs"],
                   "RENDERERS_LIB", tmp_path / "lib", env={"LEGITIMATE": str(legit)})
