"""Dimensions named in words and written in SI base units."""

import pytest
from workings.naming import base_words, describe_dimensions, quantity_name, si_base_units


def dims(kg=0, m=0, s=0, A=0, cd=0, K=0, mol=0):
    return (kg, m, s, A, cd, K, mol)


@pytest.mark.parametrize(
    "dimensions, words",
    [
        (dims(kg=1, m=2, s=-3, A=-1), "a voltage"),
        (dims(A=1), "a current"),
        (dims(kg=1, m=2, s=-3, A=-2), "a resistance"),
        (dims(kg=1, m=2, s=-3), "a power"),
        (dims(kg=1, m=2, s=-2), "an energy"),
        (dims(kg=1, m=1, s=-2), "a force"),
        (dims(kg=1, m=-1, s=-2), "a pressure"),
        (dims(m=1, s=-1), "a velocity"),
        (dims(m=1, s=-2), "an acceleration"),
        (dims(s=1, A=1), "a charge"),
        (dims(kg=-1, m=-2, s=4, A=2), "a capacitance"),
        (dims(s=-1), "a frequency"),
        (dims(m=1), "a length"),
        (dims(kg=1), "a mass"),
        (dims(s=1), "a time"),
        (dims(m=2), "an area"),
        (dims(m=3), "a volume"),
    ],
)
def test_common_quantities_are_named_in_words(dimensions, words):
    assert describe_dimensions(dimensions) == words


def test_a_dimensionless_value_is_a_pure_number():
    assert describe_dimensions(dims()) == "a pure number"
    assert si_base_units(dims()) == "no units"


def test_si_base_units_put_positive_powers_first():
    assert si_base_units(dims(kg=1, m=2, s=-3, A=-1)) == "kg·m²·s⁻³·A⁻¹"
    assert si_base_units(dims(kg=-1, m=-2, s=3, A=3)) == "s³·A³·kg⁻¹·m⁻²"


def test_fractional_powers_are_written_plainly():
    assert si_base_units(dims(m=0.5, s=-1)) == "m^(1/2)·s⁻¹"


def test_unnamed_dimensions_are_composed_from_base_quantities():
    assert quantity_name(dims(kg=1, m=-2)) is None
    assert base_words(dims(kg=1, m=-2)) == "mass per length squared"
    assert describe_dimensions(dims(kg=1, m=-2)) == "mass per length squared"
