"""Bad input: a clear message for a learner, never a traceback wall."""

import pytest
from codecharts.description import describe
from codecharts.dsl import emit_dsl, parse_dsl
from codecharts.errors import CodechartsError, CodeSyntaxError, EmptyCodeError, TooLargeError
from codecharts.from_code import MAX_BOXES, flowchart_from_code


def test_syntax_error_names_the_line():
    with pytest.raises(CodeSyntaxError) as caught:
        flowchart_from_code("x = 1\ny = 2\nif x > y\n    print(x)\n")
    assert caught.value.line == 3
    assert str(caught.value) == "line 3: expected ':' after `if x > y`"


def test_syntax_error_message_is_one_line_for_a_learner():
    with pytest.raises(CodeSyntaxError) as caught:
        flowchart_from_code("print('hi'\nx = 1\n")
    message = str(caught.value)
    assert message.startswith("line 1: ")
    assert "\n" not in message and "Traceback" not in message and 'File "' not in message


def test_errors_python_finds_only_when_compiling_are_reported_too():
    with pytest.raises(CodeSyntaxError, match=r"^line 2: 'return' outside function"):
        flowchart_from_code("x = 1\nreturn x\n")


def test_indentation_error_names_the_line():
    with pytest.raises(CodeSyntaxError) as caught:
        flowchart_from_code("if True:\nprint(1)\n")
    assert caught.value.line == 2


def test_ipython_magic_in_code_gets_a_hint():
    with pytest.raises(CodeSyntaxError, match="IPython magics"):
        flowchart_from_code("%time x = 1\n")


def test_empty_cell_gets_a_friendly_message():
    with pytest.raises(EmptyCodeError, match="empty"):
        flowchart_from_code("\n  \n")


def test_cell_with_only_comments_gets_a_friendly_message():
    with pytest.raises(EmptyCodeError, match="only comments"):
        flowchart_from_code("# just a thought\n")


def test_all_learner_errors_share_one_base_class():
    for bad in ("", "if", "x = 1"):
        with pytest.raises(CodechartsError):
            flowchart_from_code(bad, function="missing" if bad == "x = 1" else None)


def huge_script(lines: int = 2000) -> str:
    body = []
    for i in range(lines // 4):
        body += [f"x{i} = {i}", f"if x{i} % 3 == 0:", f"    print(x{i})", f"y = input('{i}')"]
    return "\n".join(body) + "\n"


def test_huge_code_says_it_is_too_large():
    with pytest.raises(TooLargeError) as caught:
        flowchart_from_code(huge_script())
    message = str(caught.value)
    assert "2,000 boxes" in message and f"limit is {MAX_BOXES}" in message
    assert "--function" in message


def test_huge_code_can_still_be_drawn_without_the_limit():
    # No recursion along the 2,000-box chain: pyflowchart's own traversal would hit the limit.
    chart = flowchart_from_code(huge_script(), max_boxes=None)
    assert len(chart.nodes) == 2002
    assert parse_dsl(emit_dsl(chart)) == chart
    assert describe(chart).startswith("A flowchart with 2,002 steps and 500 decisions.")


def test_too_large_function_gets_function_advice():
    code = "def big():\n" + "".join(f"    a{i} = {i}\n" for i in range(20))
    with pytest.raises(TooLargeError, match="Split the function"):
        flowchart_from_code(code, function="big", max_boxes=10)


def test_labels_with_html_survive_as_plain_text():
    code = "print('<script>alert(1)</script>')\nx = '<b>&amp;</b>'\n"
    chart = flowchart_from_code(code)
    labels = [node.label for node in chart.nodes]
    assert "print('<script>alert(1)</script>')" in labels
    assert "x = '<b>&amp;</b>'" in labels
    assert parse_dsl(emit_dsl(chart)) == chart
