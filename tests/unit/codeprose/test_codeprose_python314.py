"""Syntax that only newer Pythons have: 3.12 type parameters, 3.14 t-strings and bare except lists.

The 3.14 tests run where the browser kernel's Python runs them: tests/unit/test_python314.py
runs this whole folder again in Pyodide (Python 3.14) under node.
"""

import ast
import sys

import pytest
from codeprose import ast_view, block_ends, describe, strip_block_ends

NEW_SYNTAX = """type Pair[T] = tuple[T, T]
def first[T](p: Pair[T]) -> T:
    return p[0]
greeting = t"Hello {name}!"
try:
    pass
except ValueError, TypeError:
    pass
"""

needs_314 = pytest.mark.skipif(sys.version_info < (3, 14), reason="Python 3.14 syntax (the kernel's Python)")


@pytest.mark.skipif(sys.version_info < (3, 12), reason="type parameters are Python 3.12+ syntax")
def test_generic_functions_classes_and_type_aliases_name_their_type_parameters():
    code = "type Pair[T] = tuple[T, T]\nclass Box[T]:\n    pass\ndef f[K, V](d: dict[K, V]) -> K: ...\n"
    text = [s.text for s in describe(code, "detailed", strict=True).sentences]
    assert text[:2] == ["Pair is defined as a type alias for `tuple[T, T]`.", "It has the type parameter T."]
    assert "It has the type parameters K and V." in text
    assert strip_block_ends(block_ends(code)) == code


@needs_314
def test_template_strings_and_unbracketed_except_lists_are_described():
    assert [s.text for s in describe(NEW_SYNTAX, "detailed", strict=True).sentences] == [
        "Pair is defined as a type alias for `tuple[T, T]`.",
        "It has the type parameter T.",
        "A function named first is defined.",
        "It has the type parameter T.",
        "first takes one argument: p is required.",
        "Type hints: p is Pair[T] and the result is T.",
        "It returns p[0].",
        "greeting is set to the template string `t'Hello {name}!'`.",
        "It tries the following, watching for errors.",
        "It does nothing here (pass).",
        "If a ValueError or a TypeError happens, it runs this block.",
        "It does nothing here (pass).",
    ]


@needs_314
def test_block_ends_round_trip_on_python_314_syntax():
    annotated = block_ends(NEW_SYNTAX)
    assert "# end def first" in annotated and "# end try" in annotated
    assert strip_block_ends(annotated) == NEW_SYNTAX
    assert ast.dump(ast.parse(annotated)) == ast.dump(ast.parse(NEW_SYNTAX))


@needs_314
def test_ast_view_shows_template_string_nodes():
    view = ast_view('t"Hi {name}!"')
    assert "value: TemplateStr" in view and "Interpolation" in view
