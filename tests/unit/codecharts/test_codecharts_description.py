"""Long descriptions (W3C WAI complex-image pattern): summary, then steps along the arrows."""

from codecharts.description import describe, describe_steps
from codecharts.dsl import parse_dsl
from codecharts.from_code import flowchart_from_code

SENSOR = """\
st=>start: start
in1=>inputoutput: Accept data from sensor
op1=>operation: Transform sensor data to display data format
out1=>inputoutput: Send display data to display
e=>end: end
st->in1->op1->out1->e
"""


def test_sensor_example_description_reads_well():
    assert describe(parse_dsl(SENSOR)) == (
        "A flowchart with 5 steps, one after another.\n"
        "1. Start.\n"
        "2. Input or output: Accept data from sensor.\n"
        "3. Process: Transform sensor data to display data format.\n"
        "4. Input or output: Send display data to display.\n"
        "5. End."
    )


def test_summary_counts_steps_decisions_and_loops():
    chart = flowchart_from_code("total = 0\nfor i in range(3):\n    if i:\n        total += i\nprint(total)")
    summary = describe_steps(chart).summary
    assert summary == "A flowchart with 7 steps, 2 decisions and 1 loop."


def test_summary_sentence_matches_the_issue_example():
    chart = flowchart_from_code("n = int(input())\nfor i in range(n):\n    print(i)\nprint('done')")
    assert describe_steps(chart).summary == "A flowchart with 6 steps, 1 decision and 1 loop."


def test_decision_says_where_yes_and_no_lead():
    chart = flowchart_from_code("if x > 1:\n    print('big')\nelse:\n    print('small')\nprint('end')")
    steps = describe_steps(chart).steps
    assert steps[1] == "Decision: if x > 1. If yes, go to step 3. If no, go to step 4."
    assert steps[2] == "Output: print('big'). Then go to step 5."
    assert steps[3] == "Output: print('small')."


def test_loop_says_go_back_to_its_step():
    chart = flowchart_from_code("for i in range(3):\n    print(i)\nx = 1")
    assert describe(chart).splitlines()[1:] == [
        "1. Start.",
        "2. Decision: for i in range(3). If yes (another item), go to step 3. "
        "If no (no items left), go to step 4.",
        "3. Output: print(i). Then go back to step 2.",
        "4. Process: x = 1.",
        "5. End.",
    ]


def test_steps_follow_the_arrows_in_hand_written_scripts():
    script = """\
st=>start: Start
c=>condition: Water boiling?
w=>operation: Wait a minute
p=>operation: Pour
e=>end: End
st->c
c(no)->w->c
c(yes)->p->e
"""
    assert describe(parse_dsl(script)) == (
        "A flowchart with 5 steps, 1 decision and 1 loop.\n"
        "1. Start.\n"
        "2. Decision: Water boiling? If yes, go to step 3. If no, go to step 5.\n"
        "3. Process: Pour.\n"
        "4. End.\n"
        "5. Process: Wait a minute. Then go back to step 2."
    )


def test_several_ends_are_counted_and_described():
    script = "s=>start: s\nc=>condition: ok?\na=>end: done\nb=>end: give up\ns->c\nc(yes)->a\nc(no)->b"
    text = describe(parse_dsl(script))
    assert text.splitlines()[0] == "A flowchart with 4 steps, 1 decision and 2 ends."
    assert "3. End: done." in text and "4. End: give up." in text


def test_parallel_paths_are_described():
    script = (
        "s=>start: s\np=>parallel: split\na=>operation: left job\nb=>operation: right job\n"
        "e=>end: e\ns->p\np(path1, bottom)->a->e\np(path2, right)->b->e"
    )
    text = describe(parse_dsl(script))
    assert text.splitlines()[0] == "A flowchart with 5 steps and 1 parallel split."
    assert "Parallel split: split. Then 2 paths run side by side: path 1 goes to step 3, path 2 goes to step" in text


def test_a_box_with_no_way_out_says_the_flow_stops():
    text = describe(parse_dsl("s=>start: s\no=>operation: last thing\ns->o"))
    assert text.endswith("2. Process: last thing. The flow stops here.")


def test_boxes_not_reached_from_the_start_are_mentioned():
    script = "s=>start: s\ne=>end: e\nlost=>operation: forgotten\ns->e\nlost->e"
    text = describe(parse_dsl(script))
    assert "A flowchart with 2 steps" in text
    assert text.endswith("Not drawn, because no arrow leads to it from the start: Process: forgotten.")


def test_description_keeps_html_as_plain_text():
    text = describe(flowchart_from_code("print('<script>alert(1)</script>')"))
    assert "Output: print('<script>alert(1)</script>')." in text


def test_multi_line_labels_read_as_one_line():
    text = describe(parse_dsl("s=>start: s\nc=>condition: Yes\nor No?\ne=>end: e\ns->c\nc(yes)->e\nc(no)->e"))
    assert "Decision: Yes; or No?" in text


def test_empty_chart_has_a_description():
    from codecharts.model import Flowchart

    assert describe(Flowchart(())) == "An empty flowchart."
