"""Statements in order at the detailed level, each tied to its line."""

import pytest
from codeprose import describe


def steps(code):
    return [(s.line, s.text) for s in describe(code, "detailed", strict=True).sentences]


def texts(code):
    return [s.text for s in describe(code, "detailed", strict=True).sentences]


def test_assignment():
    assert steps("total = 0") == [(1, "total is set to 0.")]


def test_assignment_of_arithmetic_in_words():
    assert texts("area = width * height") == ["area is set to width times height."]


def test_assignment_of_several_targets():
    assert texts("a = b = 0") == ["a and b are both set to 0."]


def test_swap():
    assert texts("a, b = b, a") == ["a and b swap their values."]


def test_unpacking():
    assert texts("x, y = point") == ["The values of point are unpacked into x and y."]


def test_annotated_assignment():
    assert texts("count: int = 0") == ["count is declared as int and set to 0."]


@pytest.mark.parametrize("code, sentence", [
    ("n += 1", "n is increased by 1."),
    ("n -= step", "n is decreased by step."),
    ("n *= 2", "n is multiplied by 2."),
    ("n /= 2", "n is divided by 2."),
    ("s += '!'", "'!' is added to the end of s."),
    ("flags |= mask", "flags is updated: `flags |= mask`."),
])
def test_augmented_assignment(code, sentence):
    assert texts(code) == [sentence]


def test_if_elif_else_with_conditions_in_words():
    code = ("if a > b:\n    print(a)\nelif a == b:\n    print('same')\n"
            "else:\n    print(b)\n")
    assert steps(code) == [
        (1, "It checks whether a is greater than b."),
        (2, "It displays a."),
        (3, "Otherwise, it checks whether a is equal to b."),
        (4, "It displays 'same'."),
        (5, "Otherwise, it runs the else block."),
        (6, "It displays b."),
    ]


def test_if_inside_else_is_not_an_elif():
    code = "if a:\n    pass\nelse:\n    if b:\n        pass\n"
    assert texts(code)[2:4] == ["Otherwise, it runs the else block.", "It checks whether b is true."]


@pytest.mark.parametrize("condition, words", [
    ("a > b", "a is greater than b"),
    ("a >= b", "a is greater than or equal to b"),
    ("a < b", "a is less than b"),
    ("a <= b", "a is less than or equal to b"),
    ("a != b", "a is not equal to b"),
    ("x in items", "x is in items"),
    ("x not in items", "x is not in items"),
    ("x is None", "x is None"),
    ("0 < x < 10", "0 is less than x and x is less than 10"),
    ("x > 0 and y > 0", "x is greater than 0 and y is greater than 0"),
    ("x or y", "x is true or y is true"),
    ("not done", "done is false"),
    ("not (a > b)", "a is not greater than b"),
    ("len(name) == 0", "the length of name is equal to 0"),
    ("isinstance(x, (int, float))", "x is an int or a float"),
    ("name.startswith('A')", "name starts with 'A'"),
])
def test_conditions_in_words(condition, words):
    assert texts(f"if {condition}:\n    pass")[0] == f"It checks whether {words}."


def test_for_loop_over_a_list():
    assert texts("for name in names:\n    print(name)") == [
        "A for loop goes through each item of names, calling it name.", "It displays name."]


def test_for_loop_over_range():
    assert texts("for i in range(5):\n    pass")[0] == "A for loop repeats five times, with i counting from 0 to 4."
    assert texts("for i in range(1, 11):\n    pass")[0] == "A for loop counts i from 1 to 10."


def test_for_loop_with_enumerate_and_items():
    assert texts("for i, x in enumerate(xs):\n    pass")[0] == \
        "A for loop goes through xs, with i as the position and x as the item."
    assert texts("for k, v in d.items():\n    pass")[0] == \
        "A for loop goes through the keys and values of d, calling them k and v."


def test_while_loop():
    assert texts("while n > 0:\n    n -= 1") == [
        "A while loop repeats as long as n is greater than 0.", "n is decreased by 1."]
    assert texts("while True:\n    break")[0] == "A while loop repeats forever, until a break or a return stops it."


def test_break_and_continue():
    code = "for x in xs:\n    if x:\n        continue\n    break"
    assert texts(code)[2:] == [
        "It skips the rest of this round and goes on with the next round of the loop.",
        "It breaks out of the loop."]


def test_loop_else():
    code = "for x in xs:\n    pass\nelse:\n    print('none')"
    assert steps(code)[2] == (3, "If the loop finishes without a break, it runs the else block.")


def test_try_except_else_finally():
    code = ("try:\n    x = int(s)\nexcept (ValueError, TypeError) as e:\n    print(e)\n"
            "except Exception:\n    raise\nelse:\n    print(x)\nfinally:\n    print('done')\n")
    assert steps(code) == [
        (1, "It tries the following, watching for errors."),
        (2, "x is set to s converted to an integer."),
        (3, "If a ValueError or a TypeError happens (calling it e), it runs this block."),
        (4, "It displays e."),
        (5, "If an Exception happens, it runs this block."),
        (6, "It raises the error being handled again."),
        (7, "If no error happened, it runs the else block."),
        (8, "It displays x."),
        (9, "Finally, whether or not an error happened, it runs the finally block."),
        (10, "It displays 'done'."),
    ]


def test_bare_except_catches_any_error():
    assert texts("try:\n    f()\nexcept:\n    pass")[2] == "If any error happens, it runs this block."


def test_with_statement_opening_a_file():
    assert texts("with open('data.txt') as f:\n    text = f.read()") == [
        "It opens the file 'data.txt' as f for the block below; the file is closed afterwards.",
        "text is set to the result of `f.read()`."]


def test_with_statement_of_another_context():
    assert texts("with lock:\n    pass")[0] == "It uses `lock` for the block below, and cleans up afterwards."


def test_match_statement():
    code = ("match command:\n    case 'quit' | 'exit':\n        stop()\n"
            "    case [x, y] if x > y:\n        pass\n    case _:\n        print('?')\n")
    assert steps(code) == [
        (1, "It compares command with three cases."),
        (2, "If it is equal to 'quit' or 'exit', it runs this block."),
        (3, "It calls stop."),
        (4, "If it matches the pattern `[x, y]` and x is greater than y, it runs this block."),
        (5, "It does nothing here (pass)."),
        (6, "In any other case, it runs this block."),
        (7, "It displays '?'."),
    ]


def test_comprehensions():
    assert texts("squares = [x * x for x in nums if x > 0]") == [
        "squares is set to a list of x times x for each x in nums where x is greater than 0."]
    assert texts("index = {k: v for k, v in pairs}") == [
        "index is set to a dictionary mapping k to v, for each k and v in pairs."]
    assert texts("total = sum(x for x in xs)") == [
        "total is set to the sum of x for each x in xs."]


def test_print_displays():
    assert texts("print(x)") == ["It displays x."]
    assert texts("print('Total:', total)") == ["It displays 'Total:' and total."]
    assert texts("print()") == ["It displays an empty line."]


def test_print_separators_ends_and_unpacked_items():
    assert texts("print(*scores, sep=', ')") == ["It displays the items of scores, separated by ', '."]
    assert texts("print(x, end='')") == ["It displays x, ending with '' instead of a new line."]


def test_walrus_names_where_the_value_is_stored():
    assert texts("if (n := len(xs)) > 2:\n    pass")[0] == \
        "It checks whether the length of xs (stored in n) is greater than 2."


def test_input_asks_the_user():
    assert texts("name = input('Your name? ')") == ["It asks the user 'Your name? ' and stores the answer in name."]
    assert texts("age = int(input('Age? '))") == [
        "It asks the user 'Age? ' and stores the answer, converted to an integer, in age."]


def test_other_calls():
    assert texts("draw(x, y, color='red')") == ["It calls draw with x, y and color set to 'red'."]
    assert texts("scores.append(10)") == ["It adds 10 to the end of scores."]
    assert texts("scores.append(play())") == ["It adds the result of `play()` to the end of scores."]
    assert texts("main()") == ["It calls main."]


def test_return():
    assert texts("def f():\n    return\n")[-1] == "It stops here and returns nothing."


def test_raise():
    assert texts("raise ValueError('too big')") == ["It raises a ValueError with the message 'too big'."]
    assert texts("raise KeyError") == ["It raises a KeyError."]
    assert texts("raise RuntimeError('x') from None") == [
        "It raises a RuntimeError with the message 'x', hiding the error that led to it."]


def test_assert():
    assert texts("assert n > 0, 'positive please'") == [
        "It checks that n is greater than 0; if not, it stops with an AssertionError "
        "and the message 'positive please'."]


def test_del_global_nonlocal_pass():
    assert texts("del d[k], x") == ["It deletes d[k] and x."]
    assert texts("def f():\n    global total\n")[2] == "total refers to the global variable total, not a new local one."
    assert texts("pass") == ["It does nothing here (pass)."]


def test_nested_blocks_are_deeper():
    d = describe("for x in xs:\n    if x:\n        print(x)", "detailed")
    assert [s.depth for s in d.sentences] == [0, 1, 2]


def test_unphrasable_code_is_quoted_with_its_line():
    assert steps("a = 1\nx @ y") == [(1, "a is set to 1."), (2, "Line 2 runs: `x @ y`.")]
    assert describe("a = 1\nx @ y", "detailed").text.splitlines()[1] == "Line 2 runs: `x @ y`."


def test_brief_level_sums_up_the_main_code():
    code = "name = input('Name? ')\nfor i in range(3):\n    print(name)\nif name:\n    print('hi')\nprint('bye')"
    assert describe(code).text == (
        "The code asks the user for input, sets name, runs a for loop, makes a choice with "
        "an if statement and displays 'bye'.")
