"""The flowchart model and the flowchart.js script parser/emitter."""

import json
import os
import pathlib
import shutil
import subprocess

import pytest
from codecharts.dsl import emit_dsl, parse_dsl
from codecharts.errors import DslError
from codecharts.from_code import flowchart_from_code
from codecharts.model import Edge, Flowchart, Node

SENSOR = """\
st=>start: start
in1=>inputoutput: Accept data from sensor
op1=>operation: Transform sensor data to display data format
out1=>inputoutput: Send display data to display
e=>end: end
st->in1->op1->out1->e
"""

ALL_KINDS = """\
st=>start: Start
e=>end: End
getInfo=>input: Input Info
op1=>operation: My Operation
sub1=>subroutine: My Subroutine
cond=>condition: Yes
or No?
io=>inputoutput: catch something...
printInfo=>output: Print info
para=>parallel: parallel tasks

st->getInfo->op1->cond
cond(yes)->io->printInfo->e
cond(no)->para
para(path1, bottom)->sub1(right)->op1
para(path2, top)->op1
"""

# Labels that contain flowchart.js syntax, HTML, or odd characters.
NASTY_LABELS = [
    "x = a | b",
    "a => b",
    "go :> there",
    "call :$ fn",
    "line one\n-> arrow\n@> style\n=> definition",
    "ends with a backslash \\",
    "two\\\nlines\\",
    "<script>alert('x')</script>",
    "<b>bold</b> & co",
    "a|b|c",
    "colon: space: twice",
    "print('->')",
    "unicode ✓ é 中",
]


def nasty_chart() -> Flowchart:
    nodes = [Node("st", "start", "start")]
    nodes += [Node(f"op{i}", "operation", label) for i, label in enumerate(NASTY_LABELS)]
    nodes.append(Node("e", "end", "end", flowstate="past"))
    ids = [node.id for node in nodes]
    return Flowchart(nodes, [Edge(a, b) for a, b in zip(ids, ids[1:])])


def test_parse_reads_every_node_kind():
    chart = parse_dsl(ALL_KINDS)
    kinds = {node.id: node.kind for node in chart.nodes}
    assert kinds == {
        "st": "start",
        "e": "end",
        "getInfo": "input",
        "op1": "operation",
        "sub1": "subroutine",
        "cond": "condition",
        "io": "inputoutput",
        "printInfo": "output",
        "para": "parallel",
    }


def test_parse_reads_chains_into_edges_in_order():
    chart = parse_dsl(SENSOR)
    assert [(e.source, e.target) for e in chart.edges] == [
        ("st", "in1"),
        ("in1", "op1"),
        ("op1", "out1"),
        ("out1", "e"),
    ]
    assert chart.start_id == "st"


def test_parse_reads_branches_and_directions():
    chart = parse_dsl(ALL_KINDS)
    assert Edge("cond", "io", "yes", None) in chart.edges
    assert Edge("cond", "para", "no", None) in chart.edges
    assert Edge("para", "sub1", "path1", "bottom") in chart.edges
    assert Edge("sub1", "op1", None, "right") in chart.edges
    assert Edge("para", "op1", "path2", "top") in chart.edges


def test_parse_maps_true_and_false_to_yes_and_no():
    chart = parse_dsl("c=>condition: ok?\na=>end: a\nb=>end: b\nc(true)->a\nc(false, left)->b")
    assert chart.edges == (Edge("c", "a", "yes"), Edge("c", "b", "no", "left"))


def test_parse_joins_continuation_lines_into_the_label():
    chart = parse_dsl(ALL_KINDS)
    assert chart.node("cond").label == "Yes\nor No?"


def test_parse_keeps_flowstate_and_params():
    chart = parse_dsl("c(align-next=no)=>condition: ok?|approved\ne=>end: e\nc(yes)->e\nc(no)->e")
    node = chart.node("c")
    assert (node.label, node.flowstate, node.params) == ("ok?", "approved", (("align-next", "no"),))


def test_parallel_paths_get_the_side_flowchart_js_needs():
    # flowchart.js reads `para(path1)` as a direction, so a side is always written.
    chart = parse_dsl("p=>parallel: split\na=>end: a\np(path1)->a")
    assert chart.edges == (Edge("p", "a", "path1", "bottom"),)
    assert "p(path1, bottom)->a" in emit_dsl(chart)


def test_emit_writes_definitions_then_chains():
    assert emit_dsl(parse_dsl(SENSOR)) == (
        "st=>start: start\n"
        "in1=>inputoutput: Accept data from sensor\n"
        "op1=>operation: Transform sensor data to display data format\n"
        "out1=>inputoutput: Send display data to display\n"
        "e=>end: end\n"
        "\n"
        "st->in1->op1->out1->e\n"
    )


@pytest.mark.parametrize(
    "chart",
    [
        parse_dsl(SENSOR),
        parse_dsl(ALL_KINDS),
        nasty_chart(),
        flowchart_from_code("for i in range(3):\n    if i:\n        print(i)\n    else:\n        break\n"),
        Flowchart([Node("only", "operation", "alone")]),
    ],
    ids=["sensor", "all-kinds", "nasty-labels", "from-code", "single-box"],
)
def test_parse_emit_round_trip(chart):
    assert parse_dsl(emit_dsl(chart)) == chart


def test_labels_with_html_survive_as_plain_text():
    chart = parse_dsl(emit_dsl(nasty_chart()))
    labels = [node.label for node in chart.nodes]
    assert "<script>alert('x')</script>" in labels
    assert "<b>bold</b> & co" in labels


def test_labels_with_flowchart_syntax_are_escaped_in_the_script():
    dsl = emit_dsl(nasty_chart())
    definition_lines = [line for line in dsl.splitlines() if "=>operation" in line]
    # Each definition line holds exactly one real `=>`, and no label text after it
    # contains a `:>` or `:$` that flowchart.js would cut off as a link or callback.
    for line in definition_lines:
        assert line.count("=>") == 1
        assert ":>" not in line and ":$" not in line
    # Continuation lines never look like a new statement to flowchart.js.
    lines = dsl.splitlines()
    for line in lines:
        if line and "=>" not in line and "->" not in line:
            assert "@>" not in line


def _flowchart_js_parser() -> pathlib.Path | None:
    """flowchart.js's own parser: the extension's copy, or $CODECHARTS_FLOWCHART_JS."""
    root = pathlib.Path(__file__).resolve().parents[3]
    candidate = pathlib.Path(
        os.environ.get("CODECHARTS_FLOWCHART_JS")
        or root / "packages/litecourse-extension/node_modules/flowchart.js/src/flowchart.parse.js"
    )
    return candidate if candidate.exists() and shutil.which("node") else None


@pytest.mark.skipif(
    _flowchart_js_parser() is None,
    reason="flowchart.js is not installed in packages/litecourse-extension/node_modules",
)
def test_flowchart_js_reads_emitted_labels_exactly(tmp_path):
    reader = tmp_path / "read.js"
    reader.write_text(
        # flowchart.js's parser needs no drawing library, so Raphael is stubbed out.
        'const Module = require("module"); const load = Module._load;\n'
        'Module._load = function (r, ...a) { return r === "raphael" ? {} : load.call(this, r, ...a); };\n'
        f"const parse = require({json.dumps(str(_flowchart_js_parser()))});\n"
        'const chart = parse(require("fs").readFileSync(0, "utf8"));\n'
        "const out = {};\n"
        "for (const [k, s] of Object.entries(chart.symbols)) out[k] = "
        "{type: s.symbolType, text: s.text, flowstate: s.flowstate, link: s.link, next: s.next && s.next.key};\n"
        "console.log(JSON.stringify({start: chart.start.key, symbols: out}));\n"
    )
    chart = nasty_chart()
    result = subprocess.run(
        ["node", str(reader)], input=emit_dsl(chart), capture_output=True, text=True, check=True
    )
    read = json.loads(result.stdout)
    assert read["start"] == "st"
    for node in chart.nodes:
        symbol = read["symbols"][node.id]
        assert symbol["type"] == node.kind
        assert (symbol["text"] or "").replace("\u2060", "").strip() == node.label
        assert symbol["link"] is None
        assert (symbol["flowstate"] or "") == node.flowstate
    for edge in chart.edges:
        assert read["symbols"][edge.source]["next"] == edge.target


def test_malformed_dsl_names_line():
    with pytest.raises(DslError) as caught:
        parse_dsl("st=>start: Start\ne=>end: End\nst->e\nst->nowhere\n")
    assert caught.value.line == 4
    assert str(caught.value).startswith("line 4: ")
    assert "`nowhere`" in str(caught.value)


@pytest.mark.parametrize(
    "script, line, words",
    [
        ("st=>strat: Start", 1, "Did you mean `start`?"),
        ("hello there", 1, "neither a box definition"),
        ("a=>operation: a\nb=>operation: b\na->b\na->a", 4, "already has an arrow out"),
        ("c=>condition: ok?\ne=>end: e\nc->e", 3, "say which answer"),
        ("a=>operation: a\ne=>end: e\na(yes)->e", 3, "only a condition"),
        ("e=>end: e\na=>operation: a\ne->a", 3, "end box"),
        ("a=>operation: a\na=>operation: again", 2, "already defined on line 1"),
        ("st=>start: s\ne=>end: e\nst->e->", 3, "both sides"),
        ("st=>start: s\ne=>end:>http://example.org\nst->e", 2, "links"),
        ("st=>start: s\ne=>end: e\nst->e\nst@>e({})", 4, "line styles"),
        ("st=>start: s\nop2=operation: do it\nst->op2", 3, "Line 2"),
        ("st=>start: s\ne=>end: e\nst-e", 3, "write `st->e`"),
        ("a=>operation: a\ne=>end: e", None, "connects none"),
    ],
)
def test_each_malformed_script_gets_a_clear_message(script, line, words):
    with pytest.raises(DslError) as caught:
        parse_dsl(script)
    assert caught.value.line == line
    if line is not None:
        assert str(caught.value).startswith(f"line {line}: ")
    assert words in str(caught.value)


def test_empty_script_gets_a_friendly_message():
    with pytest.raises(DslError, match="empty"):
        parse_dsl("  \n\n")
