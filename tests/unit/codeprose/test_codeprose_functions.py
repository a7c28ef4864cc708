"""Functions: arguments, docstrings, results, async, decorators, lambdas."""

from codeprose import describe
from codeprose.functions import docstring_sentence


def sentences(code, level="brief"):
    return [s.text for s in describe(code, level, strict=True).sentences]


def test_required_and_optional_arguments_with_defaults():
    assert "test_fn takes three arguments: a is required; b and c are optional, with defaults 1 and 2." \
        in sentences("def test_fn(a, b=1, c=2):\n    pass")


def test_one_optional_argument_has_the_default():
    assert "f takes one argument: x is optional, with the default None." in sentences("def f(x=None): pass")


def test_no_arguments():
    assert "main takes no arguments." in sentences("def main():\n    pass")


def test_star_args_and_star_star_kwargs():
    assert ("f takes three arguments: a is required; *args collects any extra positional arguments; "
            "**kwargs collects any extra keyword arguments.") in sentences("def f(a, *args, **kwargs): pass")


def test_keyword_only_arguments():
    assert ("f takes three arguments: a is required; key must be given by name; reverse is optional "
            "and must be given by name, with the default False.") in sentences(
        "def f(a, *, key, reverse=False): pass")


def test_positional_only_arguments():
    assert "f takes two arguments: a and b are required; a can only be given by position." \
        in sentences("def f(a, /, b): pass")


def test_annotations_are_read_as_type_hints():
    assert "Type hints: a is int, b is list[str] and the result is bool." in sentences(
        "def f(a: int, b: list[str]) -> bool:\n    return True")


def test_imperative_docstring_becomes_it_will():
    assert docstring_sentence("Add two numbers") == "It will add two numbers."
    assert docstring_sentence("Compute the mean.\n\nLonger text.") == "It will compute the mean."


def test_third_person_docstring_becomes_it():
    assert docstring_sentence("Returns the largest value.") == "It returns the largest value."


def test_other_docstrings_are_quoted():
    assert docstring_sentence("Helper for the parser.") == "Its docstring says: “Helper for the parser.”"
    assert docstring_sentence("Set of helpers.") == "Its docstring says: “Set of helpers.”"


def test_it_returns_each_return_expression():
    code = "def sign(x):\n    if x < 0:\n        return -1\n    return 1"
    assert "It returns -1 or 1, depending on which return statement runs." in sentences(code)


def test_function_without_return_returns_nothing():
    assert sentences("def hello():\n    print('hi')")[-1] == "It returns nothing."


def test_detailed_level_says_returns_nothing_at_the_end():
    d = describe("def hello():\n    print('hi')\n", "detailed")
    assert (d.sentences[-1].line, d.sentences[-1].text) == (2, "It returns nothing.")


def test_generators_yield():
    assert sentences("def count(n):\n    for i in range(n):\n        yield i")[-1] == \
        "It is a generator: it yields i."


def test_async_functions():
    text = sentences("async def fetch(url):\n    return await get(url)")
    assert text[0] == "An asynchronous function named fetch is defined."
    assert "It returns the result of waiting for `get(url)`." in text


def test_decorators_are_named():
    assert "It is decorated with functools.lru_cache(maxsize=None)." in sentences(
        "import functools\n@functools.lru_cache(maxsize=None)\ndef f(n): return n")


def test_lambdas_are_small_functions():
    assert describe("double = lambda x: x * 2", "detailed").sentences[0].text == \
        "double is set to a small function (a lambda) that takes x and returns x times 2."


def test_nested_functions_do_not_lend_their_returns():
    code = "def outer():\n    def inner():\n        return 1\n    print(inner())"
    assert sentences(code)[-1] == "It returns nothing."
