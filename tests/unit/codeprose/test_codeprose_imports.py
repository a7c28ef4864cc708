"""Imports: direct ones grouped, from-imports one by one, aliases named."""

from codeprose import describe


def sentences(code, level="detailed"):
    return [s.text for s in describe(code, level, strict=True).sentences]


def test_direct_imports_are_grouped_with_and_without_aliases():
    assert sentences("import os, math\nimport pandas as pd") == [
        "Three modules are imported directly: os and math without aliases, and pandas with the alias pd."]


def test_several_aliased_imports_are_each_named():
    assert sentences("import numpy as np, pandas as pd") == [
        "Two modules are imported directly: numpy with the alias np and pandas with the alias pd."]


def test_from_import_with_alias():
    assert sentences("from pprintast import pprintast2 as ppast") == [
        "The name pprintast2 is imported from the pprintast module under the alias ppast."]


def test_from_import_of_several_names_names_the_aliased_ones():
    assert sentences("from math import pi, sqrt as root") == [
        "The names pi and sqrt are imported from the math module, sqrt under the alias root."]


def test_star_import():
    assert sentences("from turtle import *") == [
        "Every public name of the turtle module is imported (a star import)."]


def test_relative_imports_name_the_package():
    assert sentences("from . import helpers\nfrom ..core import run") == [
        "The name helpers is imported from the current package.",
        "The name run is imported from the core module of the parent package."]


def test_future_imports_switch_features_on():
    assert sentences("from __future__ import annotations") == [
        "The future feature annotations is switched on."]


def test_dotted_modules_keep_their_dots():
    assert sentences("import os.path") == ["The os.path module is imported directly, without an alias."]


def test_a_single_import_names_its_alias():
    assert sentences("import numpy as np") == ["The numpy module is imported directly, with the alias np."]


def test_brief_level_sums_up_many_from_imports():
    code = "\n".join(f"from m{i} import x{i}" for i in range(5))
    assert sentences(code, "brief") == [
        "Names are imported from five modules: m0, m1, m2, m3 and m4."]
