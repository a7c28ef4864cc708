"""render_workings: a cell run and drawn as worked steps with units."""

import warnings

import pytest
from workings import render_workings
from workings.errors import (
    DimensionMismatchError,
    FormulaSyntaxError,
    UndefinedNameError,
    WorkingsError,
)

OHMS_LAW_CELL = "I = 1.5*mA\nR = 2.2*kOhm\nV = I*R\n"

OHMS_LAW_LATEX = (
    "$$\n"
    "\\begin{aligned}\n"
    "I &= 1.500\\ \\mathrm{mA} \\; \\\\\n"
    "R &= 2.200\\ \\mathrm{k}\\Omega  \\; \\\\\n"
    "V &= I \\cdot R  = 1.500\\ \\mathrm{mA} \\cdot 2.200\\ \\mathrm{k}\\Omega  &= 3.300\\ \\mathrm{V}\n"
    "\\end{aligned}\n"
    "$$"
)


def test_ohms_law_is_drawn_as_symbols_values_with_units_and_result():
    workings = render_workings(OHMS_LAW_CELL, {})
    assert workings.latex == OHMS_LAW_LATEX


def test_ohms_law_plain_text_twin():
    workings = render_workings(OHMS_LAW_CELL, {})
    assert workings.text == (
        "I = 1.500 mA\nR = 2.200 kΩ\nV = I * R = 1.500 mA * 2.200 kΩ = 3.300 V"
    )


def test_the_output_is_a_latex_and_plain_text_bundle():
    bundle = render_workings(OHMS_LAW_CELL, {})._repr_mimebundle_()
    assert set(bundle) == {"text/latex", "text/plain"}
    assert bundle["text/latex"] == OHMS_LAW_LATEX


def test_omega_unit_names_work_in_givens_and_in_calculations():
    workings = render_workings("I = 1.5*mA\nV = I*2.2*kΩ\n", {})
    assert workings.steps[1].latex == (
        "V &= I \\cdot 2.2 \\cdot \\mathrm{k}\\Omega   = 1.500\\ \\mathrm{mA} \\cdot 2.2 "
        "\\cdot \\mathrm{k}\\Omega  &= 3.300\\ \\mathrm{V}"
    )


def test_power_result_gets_an_automatic_prefix():
    namespace = {}
    workings = render_workings(OHMS_LAW_CELL + "P = V*I  # power\n", namespace)
    last = workings.steps[-1]
    assert last.text == "P = V * I = 3.300 V * 1.500 mA = 4.950 mW"
    assert last.latex == (
        "P &= V \\cdot I  = 3.300\\ \\mathrm{V} \\cdot 1.500\\ \\mathrm{mA} "
        "&= 4.950\\ \\mathrm{mW} \\; \\;\\textrm{(power)}"
    )


KINEMATICS_CELL = """\
u = 2*m/s
a = 0.5*m/s**2
t = 4*s
v = u + a*t
s_1 = u*t + 0.5*a*t**2
"""


def test_kinematics_example_is_worked_with_compound_units():
    workings = render_workings(KINEMATICS_CELL, {})
    text = workings.text.splitlines()
    assert text[0] == "u = 2.000 m·s⁻¹"
    assert text[3] == "v = u + a * t = 2.000 m·s⁻¹ + 0.500 m·s⁻² * 4.000 s = 4.000 m·s⁻¹"
    assert text[4].endswith("= 12.000 m")
    v_step = workings.steps[3].latex
    assert v_step.startswith("v &= u + a \\cdot t  = 2.000\\ \\mathrm{m} \\cdot \\mathrm{s}^{-1}")
    assert v_step.endswith("&= 4.000\\ \\mathrm{m} \\cdot \\mathrm{s}^{-1}")


def test_long_steps_are_split_over_lines_unless_short_is_asked_for():
    long_step = render_workings(KINEMATICS_CELL, {}).steps[4].latex
    assert long_step.count("\\\\&=") == 2
    assert long_step.endswith("&= 12.000\\ \\mathrm{m}")
    short_step = render_workings(KINEMATICS_CELL, {}, short=True).steps[4].latex
    assert "\\\\" not in short_step
    assert short_step.endswith("&= 12.000\\ \\mathrm{m}")


def test_precision_sets_the_decimal_places():
    workings = render_workings(OHMS_LAW_CELL, {}, precision=1)
    assert workings.text.splitlines()[-1] == "V = I * R = 1.5 mA * 2.2 kΩ = 3.3 V"
    assert "3.3\\ \\mathrm{V}" in workings.latex


def test_sci_shows_scientific_notation():
    workings = render_workings("x = 2.5\ny = x*1000\n", {}, sci=True, precision=2)
    assert workings.steps[1].latex.endswith("&= 2.50 \\times 10 ^ {3}")
    assert workings.steps[1].text == "y = x * 1000 = 2.50e+00 * 1000 = 2.50e+03"


def test_sci_keeps_the_sign_of_a_quantitys_exponent():
    # forallpeople 3.0.0's own LaTeX would show 0.5 m/s² as 5.00 × 10¹.
    workings = render_workings("a = 0.5*m/s**2\n", {}, sci=True, precision=2)
    assert workings.steps[0].latex.startswith(
        "a &= 5.00 \\times 10 ^ {-1}\\ \\mathrm{m} \\cdot \\mathrm{s}^{-2}"
    )
    assert workings.text == "a = 5.00e-01 m·s⁻²"


def test_square_roots_are_drawn_as_roots():
    workings = render_workings("a = 3*m\nb = 4*m\nc = sqrt(a**2 + b**2)\n", {})
    assert "\\sqrt" in workings.steps[2].latex
    assert workings.steps[2].text.endswith("= 5.000 m")


def test_variables_are_left_in_the_namespace_and_units_are_not():
    namespace = {}
    render_workings(OHMS_LAW_CELL, namespace)
    assert str(namespace["V"]) == "3.300 V"
    assert "mA" not in namespace and "kOhm" not in namespace
    assert "__builtins__" not in namespace


def test_a_learners_own_variable_wins_over_a_unit_of_the_same_name():
    namespace = {}
    workings = render_workings("m = 2*kg\ng = 9.81*N/kg\nW = m*g\n", namespace)
    assert workings.text.splitlines()[-1] == "W = m * g = 2.000 kg * 9.810 m·s⁻² = 19.620 N"


def test_values_from_earlier_cells_are_used():
    namespace = {}
    render_workings("I = 1.5*mA\nR = 2.2*kOhm\n", namespace)
    workings = render_workings("V = I*R\n", namespace)
    assert workings.text == "V = I * R = 1.500 mA * 2.200 kΩ = 3.300 V"


def test_statements_that_are_not_assignments_run_but_are_not_drawn():
    namespace = {}
    workings = render_workings("import math\nlabel = 'volts'\nx = math.pi\n", namespace)
    assert [step.text for step in workings.steps] == ["x = 3.142"]
    assert namespace["label"] == "volts"


def test_rendering_shows_the_learner_no_warnings():
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        render_workings(OHMS_LAW_CELL + KINEMATICS_CELL, {})
    assert [str(w.message) for w in caught] == []


def test_a_name_on_its_own_line_shows_its_value():
    workings = render_workings("I = 1.5*mA\nI\n", {})
    assert [step.text for step in workings.steps] == ["I = 1.500 mA", "I = 1.500 mA"]


def test_a_syntax_error_names_the_cell_line():
    with pytest.raises(FormulaSyntaxError) as caught:
        render_workings("I = 1.5*mA\nV = I *\n", {}, first_line=2)
    assert str(caught.value).startswith("line 3: invalid syntax")


def test_an_undefined_name_is_named_with_its_line_and_a_suggestion():
    with pytest.raises(UndefinedNameError) as caught:
        render_workings("I = 1.5*mA\nR = 2.2*kohm\n", {}, first_line=2)
    assert str(caught.value) == (
        "line 3: `kohm` is not defined (did you mean `kOhm`?): give it a value "
        "on an earlier line or in an earlier cell."
    )


def test_adding_a_current_to_a_voltage_is_explained():
    with pytest.raises(DimensionMismatchError) as caught:
        render_workings("I = 1.5*mA\nV = 3*V\nX = I + V\n", {})
    assert str(caught.value) == (
        "line 3: `I + V` adds a current (A) to a voltage (kg·m²·s⁻³·A⁻¹)."
    )


def test_division_by_zero_names_the_line():
    with pytest.raises(WorkingsError, match=r"line 2: division by zero in `y = 1 / x`"):
        render_workings("x = 0\ny = 1/x\n", {})


def test_negative_values_are_bracketed_where_they_are_substituted():
    workings = render_workings("x = -2.0\ny = 3 - x\n", {})
    assert workings.steps[0].latex == "x &= -2.000 \\;"
    assert workings.steps[1].latex == "y &= 3 - x  = 3 - \\left( -2.000 \\right) &= 5.000"
    assert workings.steps[1].text == "y = 3 - x = 3 - (-2.000) = 5.000"


def test_changing_a_quantity_in_place_suggests_the_spelled_out_form():
    with pytest.raises(WorkingsError) as caught:
        render_workings("x = 3*m\nx += 1*m\n", {})
    assert str(caught.value) == (
        "line 2: a quantity with a unit cannot be changed in place: write "
        "`x = x + 1 * m` instead of `x += 1 * m`."
    )


def test_statements_before_an_error_have_run():
    namespace = {}
    with pytest.raises(UndefinedNameError):
        render_workings("I = 1.5*mA\nV = I*Q\n", namespace)
    assert str(namespace["I"]) == "1.500 mA"


def test_a_symbol_raised_to_a_power_is_drawn_without_brackets_but_a_value_keeps_them():
    step = render_workings("I = 1.5*mA\nR = 2.2*kOhm\nP = I**2*R\n", {}).steps[2].latex
    assert step.startswith("P &= I ^{ 2 } \\cdot R  = \\left( 1.500\\ \\mathrm{mA} \\right) ^{ 2 }")
    named = render_workings("omega = 2/s\nr_1 = 3*m\ndistance = 2*m\n"
                            "y = omega**2*r_1**2*distance**2\n", {}).steps[3].latex
    assert "\\omega ^{ 2 } \\cdot r_{1} ^{ 2 } \\cdot \\mathrm{distance} ^{ 2 }" in named
    product = render_workings("I = 1.5*mA\nR = 2.2*kOhm\nV2 = (I*R)**2\n", {}).steps[2].latex
    assert "\\left( I \\cdot R \\right) ^{ 2 }" in product
