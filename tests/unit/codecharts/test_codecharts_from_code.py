"""Code -> flowchart: pyflowchart's walk, made educational."""

import pyflowchart
import pytest
from codecharts.dsl import emit_dsl
from codecharts.errors import FunctionNotFoundError
from codecharts.from_code import flowchart_from_code
from codecharts.model import Edge


def kinds(chart):
    return [(node.kind, node.label) for node in chart.nodes]


def edges_between(chart):
    return {(chart.node(e.source).label, e.branch, chart.node(e.target).label) for e in chart.edges}


def test_uses_pinned_pyflowchart():
    assert pyflowchart.__name__ == "pyflowchart"
    from importlib.metadata import version

    assert version("pyflowchart") == "0.6.0"


def test_print_becomes_output_box():
    chart = flowchart_from_code("print('hello')")
    assert ("output", "print('hello')") in kinds(chart)


def test_input_becomes_input_box():
    chart = flowchart_from_code("name = input('Name? ')")
    assert ("input", "name = input('Name? ')") in kinds(chart)


def test_print_of_input_is_an_input_output_box():
    chart = flowchart_from_code("print(input('x? '))")
    assert ("inputoutput", "print(input('x? '))") in kinds(chart)


def test_other_calls_stay_subroutines():
    chart = flowchart_from_code("draw(square)")
    assert ("subroutine", "draw(square)") in kinds(chart)


def test_loops_are_drawn_as_decision_loops_not_folded():
    chart = flowchart_from_code("for i in range(3):\n    print(i)\n")
    assert kinds(chart) == [
        ("start", "start"),
        ("condition", "for i in range(3)"),
        ("output", "print(i)"),
        ("end", "end"),
    ]
    assert edges_between(chart) == {
        ("start", None, "for i in range(3)"),
        ("for i in range(3)", "yes", "print(i)"),
        ("print(i)", None, "for i in range(3)"),
        ("for i in range(3)", "no", "end"),
    }


def test_while_loop_goes_back_to_its_test():
    chart = flowchart_from_code("n = 3\nwhile n > 0:\n    n -= 1\nprint(n)")
    assert ("n -= 1", None, "while n > 0") in edges_between(chart)
    assert ("while n > 0", "no", "print(n)") in edges_between(chart)


def test_simplify_folds_one_line_bodies_with_correct_labels():
    chart = flowchart_from_code(
        "for i in range(3):\n    print(i)\nif found:\n    stop()\n", simplify=True
    )
    # pyflowchart's own folding would say "print(i) while  i in range(3)" and "stop() if  ound".
    assert [label for _, label in kinds(chart)] == [
        "start",
        "for i in range(3): print(i)",
        "if found: stop()",
        "end",
    ]


def test_ids_are_readable():
    chart = flowchart_from_code("x = input()\nif x:\n    print(x)\nelse:\n    go()\n")
    assert [node.id for node in chart.nodes] == ["start", "io1", "cond1", "io2", "sub1", "end"]


def test_ids_restart_for_every_chart():
    code = "x = 1\nprint(x)\n"
    first = flowchart_from_code(code)
    for _ in range(3):
        flowchart_from_code("for i in range(9):\n    print(i)\n")  # pyflowchart's counter moves on
    again = flowchart_from_code(code)
    assert [n.id for n in again.nodes] == [n.id for n in first.nodes] == ["start", "op1", "io1", "end"]
    assert emit_dsl(again) == emit_dsl(first)


def test_start_and_end_are_added_around_plain_scripts():
    chart = flowchart_from_code("x = 1")
    assert chart.nodes[0].kind == "start" and chart.nodes[-1].kind == "end"
    assert chart.edges == (Edge("start", "op1"), Edge("op1", "end"))


def test_start_and_end_can_be_switched_off():
    chart = flowchart_from_code("x = 1\ny = 2", start_end=False)
    assert [n.kind for n in chart.nodes] == ["operation", "operation"]
    assert chart.edges == (Edge("op1", "op2"),)


def test_every_way_out_leads_to_the_end():
    chart = flowchart_from_code("if x:\n    a = 1\nelse:\n    b = 2\n")
    into_end = {chart.node(e.source).label for e in chart.edges if e.target == "end"}
    assert into_end == {"a = 1", "b = 2"}


def test_one_function_is_selected_by_name():
    code = "def area(r):\n    return 3 * r * r\n\ndef other():\n    print('no')\n\nprint(area(2))\n"
    chart = flowchart_from_code(code, function="area")
    assert kinds(chart) == [
        ("start", "start area"),
        ("input", "input r"),
        ("output", "return 3 * r * r"),
        ("end", "end area"),
    ]


def test_methods_are_selected_by_dotted_or_plain_name():
    code = "class Shape:\n    def area(self):\n        return 0\n"
    dotted = flowchart_from_code(code, function="Shape.area")
    plain = flowchart_from_code(code, function="area")
    assert dotted == plain
    assert dotted.nodes[0].label == "start Shape.area"


def test_function_without_start_end_is_just_its_body():
    code = "def f(x):\n    y = x + 1\n    return y\n"
    chart = flowchart_from_code(code, function="f", start_end=False)
    assert kinds(chart) == [("operation", "y = x + 1"), ("output", "return y")]


def test_whole_script_is_drawn_when_no_function_is_named():
    code = "def double(x):\n    return 2 * x\n\nprint(double(4))\n"
    chart = flowchart_from_code(code)
    # The def is one box; the script goes on after it (pyflowchart would stop at its return).
    assert kinds(chart) == [
        ("start", "start"),
        ("operation", "def double(x)"),
        ("output", "print(double(4))"),
        ("end", "end"),
    ]


def test_several_returns_share_one_end():
    code = "def sign(x):\n    if x < 0:\n        return -1\n    return 1\n"
    chart = flowchart_from_code(code, function="sign")
    ends = [n for n in chart.nodes if n.kind == "end"]
    assert len(ends) == 1
    assert {chart.node(e.source).label for e in chart.edges if e.target == ends[0].id} == {
        "return -1",
        "return 1",
    }


def test_break_leads_out_of_its_loop_and_skips_loop_else():
    code = (
        "for i in range(5):\n"
        "    if i == 3:\n"
        "        break\n"
        "else:\n"
        "    print('no break')\n"
        "print('after')\n"
    )
    chart = flowchart_from_code(code)
    pairs = edges_between(chart)
    assert ("break", None, "print('after')") in pairs
    assert ("for i in range(5)", "no", "print('no break')") in pairs
    assert ("print('no break')", None, "print('after')") in pairs


def test_continue_goes_back_to_the_loop_test():
    code = "while n > 0:\n    n -= 1\n    if n == 2:\n        continue\n    print(n)\n"
    chart = flowchart_from_code(code)
    assert ("continue", None, "while n > 0") in edges_between(chart)


def test_match_cases_do_not_fall_through():
    code = "match cmd:\n    case 'go':\n        move()\n    case _:\n        wait()\nprint('done')\n"
    chart = flowchart_from_code(code)
    pairs = edges_between(chart)
    assert ("if cmd matches 'go'", "yes", "move()") in pairs
    assert ("move()", None, "print('done')") in pairs
    assert ("if cmd matches 'go'", "no", "wait()") in pairs


def test_with_block_is_a_box_followed_by_its_body():
    chart = flowchart_from_code("with open('f') as fh:\n    text = fh.read()\n")
    assert kinds(chart)[1:3] == [("operation", "with open('f') as fh"), ("operation", "text = fh.read()")]


def test_docstrings_are_not_steps():
    chart = flowchart_from_code('def f():\n    """Say hi."""\n    print("hi")\n', function="f")
    assert all("Say hi" not in node.label for node in chart.nodes)


def test_pyflowchart_prints_nothing_into_the_notebook(capsys):
    flowchart_from_code("for i in x:\n    if i:\n        pass\n", simplify=True)
    assert capsys.readouterr().out == ""


def test_function_not_found_says_which_functions_exist():
    with pytest.raises(FunctionNotFoundError) as caught:
        flowchart_from_code("def area(r):\n    pass\ndef volume(r):\n    pass\n", function="perimeter")
    message = str(caught.value)
    assert "`perimeter`" in message and "`area`" in message and "`volume`" in message
    assert caught.value.available == ("area", "volume")


def test_function_not_found_in_code_without_functions():
    with pytest.raises(FunctionNotFoundError, match="defines no functions"):
        flowchart_from_code("x = 1", function="f")


def test_ambiguous_function_names_ask_for_the_full_name():
    code = "class A:\n    def run(self):\n        pass\nclass B:\n    def run(self):\n        pass\n"
    with pytest.raises(FunctionNotFoundError, match=r"`A.run`, `B.run`. Give the full name"):
        flowchart_from_code(code, function="run")
    assert flowchart_from_code(code, function="B.run").nodes[0].label == "start B.run"


def test_a_function_defined_twice_names_both_lines():
    code = "def f():\n    return 1\n\ndef f():\n    return 2\n"
    with pytest.raises(FunctionNotFoundError, match=r"defined 2 times \(lines 1, 4\)"):
        flowchart_from_code(code, function="f")


INPUT_LOOP = """\
while True:
    try:
        age = int(input('Age? '))
        break
    except ValueError:
        print('Not a number')
print(age)
"""


def test_break_at_the_end_of_a_try_leaves_the_loop_when_nothing_goes_wrong():
    pairs = edges_between(flowchart_from_code(INPUT_LOOP))
    assert ("exception raised?", "no", "break") in pairs
    assert ("break", None, "print(age)") in pairs
    assert ("exception raised?", "yes", "except ValueError") in pairs
    assert ("print('Not a number')", None, "while True") in pairs


def test_an_exception_no_except_matches_goes_to_the_end():
    assert ("except ValueError", "no", "end") in edges_between(flowchart_from_code(INPUT_LOOP))
