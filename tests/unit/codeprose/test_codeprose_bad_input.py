"""Bad input: a syntax error names its line, an empty cell gets a friendly message."""

import pytest
from codeprose import CodeSyntaxError, OptionError, ast_view, block_ends, describe, strip_block_ends


def test_syntax_error_names_the_line_and_the_code():
    with pytest.raises(CodeSyntaxError) as caught:
        describe("x = 1\nif x > 1\n    print(x)")
    assert str(caught.value) == "line 2: expected ':' after `if x > 1`"
    assert caught.value.line == 2


def test_unclosed_bracket_is_explained():
    with pytest.raises(CodeSyntaxError, match=r"^line 1: '\(' was never closed, in `print\(\(1, 2\)`"):
        describe("print((1, 2)")


def test_bad_indentation_is_explained():
    with pytest.raises(CodeSyntaxError, match="^line 2: "):
        describe("x = 1\n    y = 2")


def test_syntax_error_describes_nothing_else():
    # An exception, not a description with wrong sentences about the valid lines.
    with pytest.raises(CodeSyntaxError):
        describe("import os\nprint(os.sep\n", "detailed")


def test_every_entry_point_reports_syntax_errors_the_same_way():
    for call in (block_ends, strip_block_ends, ast_view):
        with pytest.raises(CodeSyntaxError, match="^line 1: "):
            call("def f(:\n    pass")


def test_null_character_is_a_learner_error():
    with pytest.raises(CodeSyntaxError):
        describe("x = 1\0")


def test_empty_cell_gets_a_friendly_message():
    for code in ("", "   \n\n"):
        d = describe(code, "detailed")
        assert [s.text for s in d.sentences] == [
            "This cell is empty, so there is nothing to describe yet. Write some Python code first."]
        assert d.sentences[0].line is None


def test_comment_only_cell_gets_a_friendly_message():
    assert describe("# just a note").text == "This cell has only comments, so there is no code to describe."


def test_unknown_level_is_an_option_error():
    with pytest.raises(OptionError, match="'brief' or 'detailed'"):
        describe("x = 1", level="verbose")


def test_deeply_nested_expression_falls_back_to_quoting():
    code = "x = " + " + ".join(["(a"] * 150) + ")" * 150
    d = describe(code, "detailed")  # never an exception
    assert d.sentences and d.sentences[0].line == 1


def test_internal_error_falls_back_to_a_quoted_sentence(monkeypatch):
    from codeprose import statements

    def broken(self, node, depth, in_class):
        raise KeyError("bug")

    monkeypatch.setattr(statements.Walker, "on_Assign", broken)
    d = describe("x = 1\nprint(x)", "detailed")
    assert [s.text for s in d.sentences] == ["Line 1 runs: `x = 1`.", "It displays x."]
    assert d.internal_errors == ["line 1: KeyError: 'bug'"]
    with pytest.raises(KeyError):
        describe("x = 1", "detailed", strict=True)
