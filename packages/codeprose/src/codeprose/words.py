"""Small helpers for fluent English: numbers, lists, plurals, sentences."""

from __future__ import annotations

from collections.abc import Iterable

_NUMBER_WORDS = ("zero", "one", "two", "three", "four", "five",
                 "six", "seven", "eight", "nine", "ten")

_IRREGULAR_PLURALS = {"child": "children", "person": "people", "alias": "aliases",
                      "class": "classes", "match": "matches", "branch": "branches"}


def number_word(n: int) -> str:
    """Spell out numbers up to ten; larger numbers stay as digits.

    >>> number_word(3), number_word(12)
    ('three', '12')
    """
    if 0 <= n <= 10:
        return _NUMBER_WORDS[n]
    return str(n)


def plural(word: str, n: int = 2) -> str:
    """The plural of *word* when *n* is not one.

    >>> plural("module", 3), plural("module", 1), plural("class", 2)
    ('modules', 'module', 'classes')
    """
    if n == 1:
        return word
    if word in _IRREGULAR_PLURALS:
        return _IRREGULAR_PLURALS[word]
    if word.endswith(("s", "sh", "ch", "x", "z")):
        return word + "es"
    if word.endswith("y") and word[-2:-1] not in ("a", "e", "i", "o", "u"):
        return word[:-1] + "ies"
    return word + "s"


def count(n: int, word: str) -> str:
    """A counted noun with agreement.

    >>> count(3, "argument"), count(1, "method"), count(0, "argument")
    ('three arguments', 'one method', 'no arguments')
    """
    if n == 0:
        return "no " + plural(word, 0)
    return f"{number_word(n)} {plural(word, n)}"


def verb(singular: str, n: int) -> str:
    """``is``/``are`` style agreement: the verb for *n* subjects.

    >>> verb("is", 1), verb("is", 2), verb("has", 3), verb("takes", 2)
    ('is', 'are', 'have', 'take')
    """
    if n == 1:
        return singular
    return {"is": "are", "was": "were", "has": "have"}.get(
        singular, singular[:-1] if singular.endswith("s") else singular)


def join(items: Iterable[str], conjunction: str = "and") -> str:
    """Join with commas and a final "and"; a serial comma when the items contain "and".

    >>> join(["os"]), join(["os", "math"]), join(["a", "b", "c"])
    ('os', 'os and math', 'a, b and c')
    >>> join(["os and math without aliases", "pandas with the alias pd"])
    'os and math without aliases, and pandas with the alias pd'
    """
    items = [item for item in items if item]
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    serial = any(f" {conjunction} " in item or " and " in item for item in items)
    head = ", ".join(items[:-1])
    return f"{head}{',' if serial else ''} {conjunction} {items[-1]}"


def capitalize(text: str) -> str:
    """Upper-case the first letter only, leaving code names alone.

    >>> capitalize("it returns x."), capitalize("`x` is set.")
    ('It returns x.', '`x` is set.')
    """
    if text and text[0].isalpha():
        return text[0].upper() + text[1:]
    return text


def sentence(text: str) -> str:
    """A capitalised sentence ending in exactly one full stop (or ? or !).

    >>> sentence("it returns x"), sentence("It asks 'why?'")
    ('It returns x.', "It asks 'why?'.")
    """
    text = capitalize(text.strip())
    if text.endswith((".", "!", "?")):
        return text
    return text + "."


def finish(text: str) -> str:
    """End with exactly one full stop, without touching the first letter (it may be code).

    >>> finish("test_fn takes no arguments"), finish("It returns x.")
    ('test_fn takes no arguments.', 'It returns x.')
    """
    text = text.strip()
    if text.endswith((".", "!", "?", "”")):
        return text
    return text + "."


def article(noun: str) -> str:
    """*noun* with "a" or "an" before it.

    >>> article("int"), article("list")
    ('an int', 'a list')
    """
    if noun[:1].lower() in ("a", "e", "i", "o", "u"):
        return "an " + noun
    return "a " + noun


def ordinal_range(first: int, last: int) -> str:
    """Lines as words: one line or a range.

    >>> ordinal_range(3, 3), ordinal_range(3, 5)
    ('line 3', 'lines 3 to 5')
    """
    if first == last:
        return f"line {first}"
    return f"lines {first} to {last}"
