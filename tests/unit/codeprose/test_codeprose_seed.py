"""The issue's seed example, sentence by sentence."""

from codeprose import describe

SEED = '''import os, math
import pandas as pd
from pprintast import pprintast2 as ppast
def test_fn(a, b=1, c=2):
    """Add two numbers"""
    out = a+b
    print(out)
    return out
'''


def test_seed_brief_sentences():
    d = describe(SEED, "brief", strict=True)
    assert [(s.line, s.text) for s in d.sentences] == [
        (1, "Three modules are imported directly: os and math without aliases, and pandas with the alias pd."),
        (3, "The name pprintast2 is imported from the pprintast module under the alias ppast."),
        (4, "A function named test_fn is defined."),
        (4, "test_fn takes three arguments: a is required; b and c are optional, with defaults 1 and 2."),
        (5, "It will add two numbers."),
        (4, "It returns out."),
    ]


def test_seed_brief_is_one_paragraph():
    text = describe(SEED, "brief").text
    assert "\n" not in text
    assert text.startswith("Three modules are imported directly")
    assert text.endswith("It will add two numbers. It returns out.")


def test_seed_detailed_walks_every_line_in_order():
    d = describe(SEED, "detailed", strict=True)
    assert [(s.line, s.text) for s in d.sentences] == [
        (1, "Three modules are imported directly: os and math without aliases, and pandas with the alias pd."),
        (3, "The name pprintast2 is imported from the pprintast module under the alias ppast."),
        (4, "A function named test_fn is defined."),
        (4, "test_fn takes three arguments: a is required; b and c are optional, with defaults 1 and 2."),
        (5, "It will add two numbers."),
        (6, "out is set to a plus b."),
        (7, "It displays out."),
        (8, "It returns out."),
    ]


def test_detailed_text_has_line_numbers_and_indents_blocks():
    text = describe(SEED, "detailed").text.splitlines()
    assert text[0].startswith("Line 1: Three modules")
    assert text[-1] == "  Line 8: It returns out."


def test_seed_items_are_structured():
    items = describe(SEED).items
    assert items[0] == {"kind": "import", "line": 1,
                        "modules": [{"name": "os", "alias": None}, {"name": "math", "alias": None}]}
    assert items[2]["kind"] == "from_import" and items[2]["names"] == [{"name": "pprintast2", "alias": "ppast"}]
    function = items[3]
    assert function["name"] == "test_fn" and function["docstring"] == "Add two numbers"
    assert [(p["name"], p["default"]) for p in function["parameters"]] == [("a", None), ("b", "1"), ("c", "2")]
    assert function["result"] == "It returns out."
