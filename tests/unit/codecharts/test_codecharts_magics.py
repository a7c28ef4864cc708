"""%%flowchart and %%flowchart_js in a real IPython shell."""

import pytest

pytest.importorskip("IPython")

from IPython.core.interactiveshell import InteractiveShell  # noqa: E402
from IPython.utils.capture import capture_output  # noqa: E402

FLOWCHART_MIME = "application/vnd.litecourse.flowchart+json"


@pytest.fixture(scope="module")
def shell():
    ip = InteractiveShell.instance()
    ip.run_line_magic("load_ext", "codecharts")
    return ip


def run(shell, magic, line, cell):
    with capture_output() as captured:
        shell.run_cell_magic(magic, line, cell)
    return captured


def test_load_ext_registers_both_magics(shell):
    cell_magics = shell.magics_manager.magics["cell"]
    assert "flowchart" in cell_magics and "flowchart_js" in cell_magics


def test_flowchart_magic_displays_one_flowchart_bundle(shell):
    captured = run(shell, "flowchart", "", "for i in range(2):\n    print(i)\n")
    assert len(captured.outputs) == 1
    data = captured.outputs[0].data
    assert set(data) == {FLOWCHART_MIME, "text/plain", "text/html"}
    assert set(data[FLOWCHART_MIME]) == {"dsl", "description", "title"}
    assert data[FLOWCHART_MIME]["title"] == "Flowchart of the code"
    assert data["text/plain"] == data[FLOWCHART_MIME]["description"]
    assert captured.stdout == ""  # drawing does not run the code


def test_flowchart_magic_run_also_executes_the_cell(shell):
    captured = run(shell, "flowchart", "--run", "magic_result = 6 * 7\nprint(magic_result)\n")
    assert shell.user_ns["magic_result"] == 42
    assert captured.stdout == "42\n"
    assert FLOWCHART_MIME in captured.outputs[0].data


def test_flowchart_magic_show_dsl_adds_the_script(shell):
    captured = run(shell, "flowchart", "--show-dsl", "x = 1\n")
    assert len(captured.outputs) == 2
    script = captured.outputs[1].data["text/plain"]
    assert script == captured.outputs[0].data[FLOWCHART_MIME]["dsl"]


def test_flowchart_magic_options_reach_the_chart(shell):
    code = "def f(x):\n    for i in x:\n        print(i)\n"
    captured = run(shell, "flowchart", '--function f --no-start-end --simplify --title "Just f"', code)
    payload = captured.outputs[0].data[FLOWCHART_MIME]
    assert payload["title"] == "Just f"
    assert payload["dsl"] == "op1=>operation: for i in x: print(i)\n"


def test_flowchart_js_magic_draws_a_hand_written_script(shell):
    captured = run(shell, "flowchart_js", "--title Sensor", "st=>start: start\ne=>end: end\nst->e\n")
    payload = captured.outputs[0].data[FLOWCHART_MIME]
    assert payload["title"] == "Sensor"
    assert payload["dsl"] == "st=>start: start\ne=>end: end\n\nst->e\n"
    assert payload["description"].startswith("A flowchart with 2 steps")


def error_output(captured):
    assert len(captured.outputs) == 1
    data = captured.outputs[0].data
    assert set(data) == {"text/plain", "text/html"}
    assert data["text/html"].startswith('<div class="litecourse-error" role="alert">')
    assert "Traceback" not in data["text/plain"] and "Traceback" not in captured.stderr
    return data["text/plain"]


def test_syntax_error_shows_line_without_traceback(shell):
    message = error_output(run(shell, "flowchart", "--run", "x = 1\ny = 2\nif x > y\n    pass\n"))
    assert message.startswith("line 3: ")
    assert "if x > y" in message


def test_unknown_function_lists_the_functions(shell):
    message = error_output(run(shell, "flowchart", "--function nope", "def a():\n    pass\n"))
    assert "`nope`" in message and "`a`" in message


def test_empty_cell_gets_a_friendly_message(shell):
    message = error_output(run(shell, "flowchart", "", "\n   \n"))
    assert "empty" in message


def test_malformed_dsl_cell_names_the_line(shell):
    message = error_output(run(shell, "flowchart_js", "", "st=>start: s\nst->e\n"))
    assert message.startswith("line 2: ")


def test_bad_magic_options_get_a_message_not_a_traceback(shell):
    message = error_output(run(shell, "flowchart", "--title My chart", "x = 1"))
    assert "unrecognized arguments: chart" in message and "--title" in message


def test_too_large_code_says_so(shell):
    code = "\n".join(f"x{i} = {i}" for i in range(2000))
    message = error_output(run(shell, "flowchart", "", code))
    assert "too many" in message
