"""check_dimensions and check_formulas: do both sides of a formula balance?"""

import pytest
from workings import check_dimensions, check_formulas
from workings.errors import (
    FormulaSyntaxError,
    NotAQuantityError,
    UndefinedNameError,
    UnsupportedExpressionError,
)
from workings.si import A, V, kOhm, m, mA, s

OHMS_LAW = {"V": 3.3 * V, "I": 1.5 * mA, "R": 2.2 * kOhm}


def test_ohms_law_balances():
    result = check_dimensions("V = I * R", **OHMS_LAW)
    assert result
    assert result.balanced
    assert str(result) == "V = I * R balances: both sides are a voltage (kg·m²·s⁻³·A⁻¹)."


def test_v_equals_i_over_r_does_not_balance_with_the_exact_sentence():
    result = check_dimensions("V = I / R", **OHMS_LAW)
    assert not result
    assert str(result) == (
        "V = I / R does not balance: the left side is a voltage (kg·m²·s⁻³·A⁻¹), "
        "the right side is current per resistance (s³·A³·kg⁻¹·m⁻²)."
    )


def test_the_right_sides_units_are_worked_out_not_looked_up():
    # current per resistance is A / (kg·m²·s⁻³·A⁻²) = kg⁻¹·m⁻²·s³·A³
    result = check_dimensions("V = I / R", **OHMS_LAW)
    assert result.right == (-1, -2, 3, 3, 0, 0, 0)
    assert result.left == (1, 2, -3, -1, 0, 0, 0)


def test_a_side_with_a_name_is_called_by_it_and_others_are_composed():
    result = check_dimensions("P = V / R", P=1.0, **OHMS_LAW)
    assert "the right side is a current (A)." in str(result)
    result = check_dimensions("I = V * R", **OHMS_LAW)
    assert "the right side is voltage times resistance (kg²·m⁴·s⁻⁶·A⁻³)." in str(result)


def test_power_and_kinematics_formulas_balance():
    assert check_dimensions("P = I**2 * R", P="4.95 mW", I=1.5 * mA, R=2.2 * kOhm)
    assert check_dimensions(
        "s = u*t + 0.5*a*t**2", s=12 * m, u=2 * m / s, t=4 * s, a=0.5 * m / s**2
    )
    assert check_dimensions("v = sqrt(2*g*h)", v="3 m/s", g="9.81 m/s^2", h="2 m")


def test_values_may_be_text_with_units():
    assert check_dimensions("V = I * R", V="12 V", I="2 A", R="6 Ohm")


def test_adding_different_kinds_of_quantity_is_named():
    result = check_dimensions("V = I + R", **OHMS_LAW)
    assert not result
    assert str(result) == (
        "V = I + R does not balance: on the right side, `I + R` adds a current (A) "
        "to a resistance (kg·m²·s⁻³·A⁻²)."
    )


def test_functions_like_sin_need_a_pure_number():
    result = check_dimensions("x = sin(t)", x=2 * m, t=3 * s)
    assert not result
    assert "`sin(t)` needs a pure number inside sin(), but `t` is a time (s)" in str(result)


def test_maths_notation_is_accepted():
    assert check_dimensions("P = I² × R", P="1 W", I=1 * A, R="1 Ohm")
    assert check_dimensions("P = I^2 * R", P="1 W", I=1 * A, R="1 Ohm")


def test_formulas_are_never_executed():
    with pytest.raises(UnsupportedExpressionError, match="cannot be used in a formula"):
        check_dimensions("x = open('secrets')", x=1)
    with pytest.raises(UnsupportedExpressionError):
        check_dimensions("x = y.__class__", x=1, y=2)


def test_a_name_without_a_value_is_named():
    with pytest.raises(UndefinedNameError) as caught:
        check_dimensions("V = I * Q", V=3.3 * V, I=1.5 * mA)
    assert caught.value.name == "Q"
    assert "`Q` in `V = I * Q` has no value" in str(caught.value)


def test_a_value_that_is_not_a_quantity_is_named():
    with pytest.raises(NotAQuantityError, match="`I` is list"):
        check_dimensions("V = I * R", V=1, I=[1, 2], R=1)


def test_text_without_an_equals_sign_is_not_a_formula():
    with pytest.raises(FormulaSyntaxError, match="is not a formula: write it as left side = right side"):
        check_dimensions("I * R", I=1, R=1)


def test_an_incomplete_side_is_named():
    with pytest.raises(FormulaSyntaxError, match="the right side, `I \\*`, is not a complete expression"):
        check_dimensions("V = I *", V=1, I=1)


def test_a_cell_of_formulas_is_checked_line_by_line_with_names_from_the_namespace():
    namespace = dict(OHMS_LAW, P=4.95e-3 * V * A)
    report = check_formulas("V = I * R\n\n# power\nP = V * I\nV = I / R\n", namespace, first_line=2)
    lines = [line for line, _ in report.items]
    assert lines == [2, 5, 6]
    assert [bool(item) for _, item in report.items] == [True, True, False]
    assert not report.all_balance


def test_a_bad_line_in_a_cell_gets_its_own_error_and_the_rest_are_still_checked():
    report = check_formulas("V = I * Q\nV = I * R", OHMS_LAW, first_line=2)
    (first_line, first), (second_line, second) = report.items
    assert isinstance(first, UndefinedNameError)
    assert str(first) == "line 2: `Q` is not defined: give it a value in an earlier cell."
    assert second_line == 3 and second.balanced


def test_a_cell_report_shows_html_and_plain_text():
    report = check_formulas("V = I * R\nV = I / R", OHMS_LAW)
    bundle = report._repr_mimebundle_()
    assert set(bundle) == {"text/plain", "text/html"}
    assert bundle["text/plain"].splitlines()[0].startswith("✓ V = I * R balances")
    assert bundle["text/plain"].splitlines()[1].startswith("✗ V = I / R does not balance")
    assert 'class="litecourse-check litecourse-check--unbalanced"' in bundle["text/html"]
