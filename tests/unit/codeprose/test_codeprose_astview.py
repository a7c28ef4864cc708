"""The AST view: an indented, readable tree."""

import ast

from codeprose import ast_view


def test_ast_view_is_an_indented_tree_with_fields_inline():
    assert ast_view("x = a + 1") == (
        "Module\n"
        "  body[0]: Assign  (line 1)\n"
        "    targets[0]: Name  id='x'\n"
        "    value: BinOp  op=Add\n"
        "      left: Name  id='a'\n"
        "      right: Constant  value=1")


def test_ast_view_shows_line_ranges_of_statements():
    view = ast_view("def f(a):\n    return a\n")
    assert "body[0]: FunctionDef  name='f'  (lines 1-2)" in view
    assert "    body[0]: Return  (line 2)" in view


def test_ast_view_can_show_contexts_and_hide_lines():
    view = ast_view("x = 1", lines=False, show_ctx=True)
    assert "targets[0]: Name  id='x'  ctx=Store" in view and "(line" not in view


def test_ast_view_accepts_a_tree():
    assert ast_view(ast.parse("pass")).splitlines()[1] == "  body[0]: Pass  (line 1)"


def test_ast_view_of_empty_code_says_so():
    assert ast_view("") == "Module  (empty: no statements)"


def test_ast_view_handles_deep_nesting_without_recursion():
    code = "x = " + "[" * 90 + "]" * 90
    assert ast_view(code).count("List") == 90
