"""Self-assessment quizzes and the AST mutations behind their wrong answers."""

import ast
import json

import pytest
from codecharts.display import ErrorView
from codecharts.dsl import emit_dsl, parse_dsl
from codecharts.errors import QuizError
from codecharts.from_code import flowchart_from_code
from codecharts.mutations import mutations
from codecharts.quiz import (
    Quiz,
    make_which_code,
    make_which_flowchart,
    which_code,
    which_flowchart,
)

QUIZ_MIME = "application/vnd.litecourse.quiz+json"

CODE = """\
total = 0
for i in range(1, 4):
    if i % 2 == 0:
        total += i
    else:
        print(i)
print(total)
"""

LOOP_CODE = """\
count = 0
while count < 3:
    print(count)
    count += 1
print('done')
"""


def test_mutation_swaps_branches():
    swapped = [m for m in mutations(CODE) if m.kind == "swap_branches"]
    assert len(swapped) == 1
    tree = ast.parse(swapped[0].code)
    branch = tree.body[1].body[0]
    assert ast.unparse(branch.body[0]) == "print(i)" and ast.unparse(branch.orelse[0]) == "total += i"
    assert swapped[0].change == "the yes and no branches of `if i % 2 == 0` are swapped"


def test_mutation_negates_a_condition():
    negated = [m for m in mutations(LOOP_CODE) if m.kind == "negate_condition"]
    assert "while count >= 3:" in negated[0].code
    assert negated[0].change == "the condition `count < 3` is turned around into `count >= 3`"


def test_mutation_moves_a_statement_out_of_a_loop():
    moved = [m for m in mutations(LOOP_CODE) if m.kind == "out_of_loop"]
    assert moved and moved[0].code.endswith("    print(count)\ncount += 1\nprint('done')")
    assert "after the loop `while count < 3` instead of inside it" in moved[0].change


def test_mutation_moves_a_statement_into_a_loop():
    moved = [m for m in mutations(LOOP_CODE) if m.kind == "into_loop"]
    assert moved and moved[0].code.endswith("    count += 1\n    print('done')")
    assert "inside the loop `while count < 3` instead of after it" in moved[0].change


def test_mutation_changes_a_range_bound():
    ranges = {m.change for m in mutations(CODE) if m.kind == "range_bound"}
    assert "the loop goes through `range(1, 5)` instead of `range(1, 4)`" in ranges
    assert "the loop goes through `range(2, 4)` instead of `range(1, 4)`" in ranges


def test_mutations_are_valid_python_and_differ_from_the_code():
    original = ast.unparse(ast.parse(CODE))
    for mutation in mutations(CODE) + mutations(LOOP_CODE):
        compile(mutation.code, "<test>", "exec")
        assert mutation.code != original


def test_mutations_that_break_the_code_are_dropped():
    code = "for i in range(3):\n    print(i)\n    break\n"
    # The only statement that could move out of the loop is `break`, which would then be
    # a syntax error ('break' outside loop): so there is no out-of-loop mutation.
    assert "out_of_loop" not in {m.kind for m in mutations(code)}
    assert "out_of_loop" in {m.kind for m in mutations(code.replace("break", "i = 0"))}


def test_which_flowchart_has_one_right_option():
    quiz = make_which_flowchart(CODE, options=3, seed=1)
    data = quiz.data
    assert data["kind"] == "which_flowchart"
    assert data["code"] == CODE.strip("\n")
    assert len(data["options"]) == 3
    assert [o["id"] for o in data["options"]] == ["a", "b", "c"]
    right = [o for o in data["options"] if o["correct"]]
    assert len(right) == 1
    assert parse_dsl(right[0]["dsl"]) == flowchart_from_code(CODE)
    assert quiz.answer == right[0]["id"]


def test_quiz_distractors_differ_from_answer():
    for make in (make_which_flowchart, make_which_code):
        quiz = make(CODE, options=4, seed=5)
        if quiz.data["kind"] == "which_flowchart":
            charts = [o["dsl"] for o in quiz.data["options"]]
        else:
            charts = [emit_dsl(flowchart_from_code(o["code"])) for o in quiz.data["options"]]
        assert len(set(charts)) == 4  # right one and three wrong ones, all different


def test_quiz_drops_mutations_that_give_the_same_chart():
    # Only the two assignments can be swapped, and x = 1 / x = 1 would be the same chart.
    with pytest.raises(QuizError):
        make_which_flowchart("x = 1\nx = 1\n", options=2, seed=0)


def test_quiz_says_clearly_when_too_few_distractors_exist():
    with pytest.raises(QuizError) as caught:
        make_which_flowchart("x = 1\ny = 2\n", options=3, seed=0)
    message = str(caught.value)
    assert "only 1 wrong flowchart" in message and "Ask for 2 options" in message
    assert make_which_flowchart("x = 1\ny = 2\n", options=2, seed=0).data["options"]


def test_each_option_carries_feedback_in_words():
    quiz = make_which_flowchart(CODE, options=3, seed=2)
    for option in quiz.data["options"]:
        if option["correct"]:
            assert option["feedback"] == "Right: this flowchart matches the code."
        else:
            assert option["feedback"].startswith("Not this one: in this flowchart, ")
            assert "`" in option["feedback"]  # names the code that differs
        assert option["description"].startswith("A flowchart with ")


def test_which_code_shows_one_flowchart_and_several_snippets():
    quiz = make_which_code(LOOP_CODE, options=3, seed=4)
    data = quiz.data
    assert data["kind"] == "which_code"
    assert set(data["flowchart"]) == {"dsl", "description"}
    assert parse_dsl(data["flowchart"]["dsl"]) == flowchart_from_code(LOOP_CODE)
    right = [o for o in data["options"] if o["correct"]]
    assert len(right) == 1 and right[0]["code"] == ast.unparse(ast.parse(LOOP_CODE))
    for option in data["options"]:
        assert set(option) == {"id", "code", "correct", "feedback"}


def test_which_code_options_are_all_normalised_so_layout_gives_nothing_away():
    code = "x = 1  # a comment\nif x>0 :\n    print( x )\nelse:\n    print(0)\n"
    for option in make_which_code(code, options=3, seed=0).data["options"]:
        assert option["code"] == ast.unparse(ast.parse(option["code"]))


def test_seed_makes_quizzes_repeatable():
    first = make_which_flowchart(CODE, options=3, seed=11).data
    again = make_which_flowchart(CODE, options=3, seed=11).data
    assert json.dumps(first) == json.dumps(again)


def test_option_order_is_shuffled():
    positions = {make_which_flowchart(CODE, options=3, seed=seed).answer for seed in range(12)}
    assert len(positions) > 1


def test_quiz_json_is_serialisable_and_has_the_documented_keys():
    data = json.loads(json.dumps(make_which_flowchart(CODE, seed=3).data))
    assert set(data) == {"kind", "title", "prompt", "code", "options"}
    for option in data["options"]:
        assert set(option) == {"id", "dsl", "description", "correct", "feedback"}
    assert data["prompt"] == "Which flowchart matches this code?"


def test_quiz_displays_as_quiz_mime_with_fallbacks():
    bundle = which_flowchart(CODE, seed=1, title="Loops <3")._repr_mimebundle_()
    assert set(bundle) == {QUIZ_MIME, "text/plain", "text/html"}
    assert bundle[QUIZ_MIME]["title"] == "Loops <3"
    assert "Loops &lt;3" in bundle["text/html"] and "Loops <3" not in bundle["text/html"]
    assert "Answers (read after choosing):" in bundle["text/plain"]


def test_quiz_html_fallback_escapes_code_and_labels():
    html = which_code("print('<script>alert(1)</script>')\nx = 1\n", options=2, seed=0)._repr_mimebundle_()["text/html"]
    assert "<script>" not in html
    assert "&lt;script&gt;" in html


def test_notebook_quiz_functions_show_a_message_instead_of_raising():
    shown = which_flowchart("x = 1\ny = 2\n", options=5, seed=0)
    assert isinstance(shown, ErrorView)
    bundle = shown._repr_mimebundle_()
    assert 'role="alert"' in bundle["text/html"]
    assert isinstance(which_code(LOOP_CODE, seed=0), Quiz)


def test_quiz_rejects_an_impossible_number_of_options():
    with pytest.raises(QuizError, match="between 2 and 6"):
        make_which_flowchart(CODE, options=1)


def test_quiz_on_code_with_a_syntax_error_names_the_line():
    shown = which_flowchart("x = 1\nif x\n    pass\n")
    assert shown.message.startswith("line 2: ")


def test_quiz_on_a_function_draws_its_body():
    code = "def count(n):\n    i = 0\n    while i < n:\n        print(i)\n        i += 1\n    return i\n\ncount(3)\n"
    # In the chart of the whole code the body is one box, so no mutation shows...
    with pytest.raises(QuizError, match="name the function"):
        make_which_flowchart(code, options=3, seed=0)
    # ...but a quiz on the function itself has wrong answers to offer.
    quiz = make_which_flowchart(code, options=3, seed=0, function="count")
    right = [o for o in quiz.data["options"] if o["correct"]][0]
    assert parse_dsl(right["dsl"]) == flowchart_from_code(code, function="count")
    code_quiz = make_which_code(code, options=3, seed=0, function="count")
    assert parse_dsl(code_quiz.data["flowchart"]["dsl"]) == flowchart_from_code(code, function="count")
