"""Numbers as words, lists joined with "and", singular and plural."""

from codeprose import describe
from codeprose.words import count, join, number_word, plural, verb


def test_numbers_up_to_ten_are_words():
    assert [number_word(n) for n in (0, 1, 7, 10)] == ["zero", "one", "seven", "ten"]


def test_numbers_past_ten_stay_digits():
    assert number_word(11) == "11"


def test_lists_join_with_commas_and_and():
    assert join(["a"]) == "a"
    assert join(["a", "b"]) == "a and b"
    assert join(["a", "b", "c", "d"]) == "a, b, c and d"


def test_lists_of_phrases_with_and_get_a_serial_comma():
    assert join(["a and b", "c"]) == "a and b, and c"


def test_lists_can_join_with_or():
    assert join(["a", "b", "c"], "or") == "a, b or c"


def test_singular_and_plural_agree():
    assert count(1, "argument") == "one argument"
    assert count(2, "argument") == "two arguments"
    assert count(0, "method") == "no methods"
    assert plural("class") == "classes" and plural("property") == "properties"
    assert verb("is", 1) == "is" and verb("is", 3) == "are"


def test_counts_in_descriptions_agree():
    two = describe("import os, sys").text
    assert two == "Two modules are imported directly: os and sys without aliases."
    many = describe("import os, sys, re, json, csv, io, abc, ast, dis, gc, math").text
    assert many.startswith("11 modules are imported directly:")
