"""Reading quantities written as text: "5 mA", "2.2 kΩ", "9.81 m/s²"."""

import math

import pytest
from workings.errors import NotAQuantityError, UnknownUnitError
from workings.si import dimensions_of, si_value
from workings.units import parse_quantity, read_quantity

CURRENT = (0, 0, 0, 1, 0, 0, 0)
RESISTANCE = (1, 2, -3, -2, 0, 0, 0)
ACCELERATION = (0, 1, -2, 0, 0, 0, 0)


def test_milliamps_are_read_in_si_units():
    quantity = parse_quantity("5 mA")
    assert dimensions_of(quantity) == CURRENT
    assert math.isclose(si_value(quantity), 0.005)


def test_kilohms_are_read_with_the_omega_symbol_the_ohm_sign_or_the_word():
    for text in ("2.2 kΩ", "2.2 k\u2126", "2.2 kOhm", "2.2 kohm", "2.2kΩ"):
        quantity = parse_quantity(text)
        assert dimensions_of(quantity) == RESISTANCE, text
        assert math.isclose(si_value(quantity), 2200.0), text


def test_volts_and_amps_without_a_prefix():
    assert math.isclose(si_value(parse_quantity("12 V")), 12.0)
    assert math.isclose(si_value(parse_quantity("0.5 A")), 0.5)


def test_compound_units_with_caret_or_superscript_powers():
    for text in ("9.81 m/s^2", "9.81 m/s²", "9.81 m·s⁻²", "9.81 m s**-2"):
        quantity = parse_quantity(text)
        assert dimensions_of(quantity) == ACCELERATION, text
        assert math.isclose(si_value(quantity), 9.81), text


def test_scientific_notation_in_both_spellings():
    assert math.isclose(si_value(parse_quantity("1.5e-3 A")), 0.0015)
    assert math.isclose(si_value(parse_quantity("1.5 × 10^-3 A")), 0.0015)


def test_micro_sign_and_u_both_mean_micro():
    assert math.isclose(si_value(parse_quantity("4.7 µF")), 4.7e-6)
    assert math.isclose(si_value(parse_quantity("4.7 uF")), 4.7e-6)


def test_a_number_without_a_unit_is_a_plain_float():
    assert parse_quantity("3") == 3.0


def test_quantities_are_shown_with_automatic_prefixes():
    assert str(parse_quantity("0.0015 A")) == "1.500 mA"
    assert str(parse_quantity("2200 Ohm")) == "2.200 kΩ"


def test_the_unit_is_kept_as_written():
    assert read_quantity("500 A").unit_text == "A"
    assert read_quantity("2.2 kohm").unit_text == "kohm"


def test_unknown_unit_is_named_with_a_suggestion():
    with pytest.raises(UnknownUnitError) as caught:
        parse_quantity("3 ma")
    assert caught.value.unit == "ma"
    assert "I don't know the unit `ma`: did you mean `mA`?" in str(caught.value)


def test_words_instead_of_numbers_get_a_plain_message():
    with pytest.raises(NotAQuantityError, match="`five milliamps` is not a number with a unit"):
        parse_quantity("five milliamps")


def test_decimal_comma_is_explained():
    with pytest.raises(NotAQuantityError, match="use a decimal point, not a comma"):
        parse_quantity("1,5 mA")


def test_empty_answer_is_explained():
    with pytest.raises(NotAQuantityError, match="The answer is empty"):
        parse_quantity("   ")


def test_brackets_in_units_are_refused_plainly():
    with pytest.raises(NotAQuantityError, match="I can't read the unit"):
        parse_quantity("3 (m/s)")
