"""check_answer: a verdict with feedback a learner can act on."""

import pytest
from workings import check_answer
from workings.errors import WorkingsError
from workings.si import A, V, mA


def test_correct_answer_in_other_prefixes_is_correct():
    verdict = check_answer("5 mA", "0.005 A")
    assert verdict
    assert verdict.kind == "correct"
    assert str(verdict) == "Correct: well done."


def test_answer_within_the_tolerance_is_correct():
    assert check_answer("3.31 V", "3.3 V").kind == "correct"
    assert check_answer("3.31 V", "3.3 V", rel_tol=0.001).kind != "correct"


def test_quantities_and_numbers_are_accepted_as_answers():
    assert check_answer(1.5 * mA, "1.5 mA").kind == "correct"
    assert check_answer(2.5, 2.5).kind == "correct"
    assert check_answer(0.0015 * A, 1.5 * mA).kind == "correct"


def test_wrong_dimension_names_both_kinds_of_quantity():
    verdict = check_answer("2 V", "1.5 mA")
    assert verdict.kind == "wrong_dimension"
    assert verdict.feedback == "your answer is a voltage (V), but the question needs a current (A)."


def test_a_plain_number_where_a_unit_is_needed_is_a_wrong_dimension():
    verdict = check_answer(3, "3 V")
    assert verdict.kind == "wrong_dimension"
    assert verdict.feedback == (
        "your answer is a pure number (no units), but the question needs a voltage (V). Add the unit."
    )


def test_prefix_slip_of_a_thousand_asks_about_the_prefix():
    verdict = check_answer("500 A", "0.5 A")
    assert verdict.kind == "prefix_slip"
    assert verdict.feedback == (
        "your answer is 1000 times too large — did you use mA where A was needed?"
    )


def test_prefix_slip_of_a_million_and_too_small_slips():
    verdict = check_answer("1500000 A", "1.5 A")
    assert verdict.kind == "prefix_slip"
    assert verdict.feedback == (
        "your answer is a million times too large — did you use μA where A was needed?"
    )
    verdict = check_answer("0.0022 kΩ", "2.2 kΩ")
    assert verdict.kind == "prefix_slip"
    assert verdict.feedback == (
        "your answer is 1000 times too small — did you use MΩ where kΩ was needed?"
    )


def test_prefix_slip_with_a_quantity_answer_uses_the_unit_it_is_shown_in():
    verdict = check_answer(500 * A, 0.5 * A)
    assert verdict.feedback.endswith("did you use mA where A was needed?")


def test_prefix_slip_in_a_compound_unit_points_at_the_prefixes():
    verdict = check_answer("9810 m/s^2", "9.81 m/s^2")
    assert verdict.feedback == (
        "your answer is 1000 times too large — check the prefixes (m, k, M, ...) in your working."
    )


def test_answer_within_a_few_per_cent_is_a_rounding_slip():
    verdict = check_answer("1.52 mA", "1.5 mA")
    assert verdict.kind == "rounding"
    assert str(verdict).startswith("Close: check your rounding.")


def test_answer_far_off_is_wrong():
    verdict = check_answer("7 V", "3 V")
    assert not verdict
    assert verdict.kind == "wrong"
    assert str(verdict).startswith("Not quite: check your working and try again.")


def test_answer_with_the_wrong_sign_says_so():
    assert check_answer("-3 V", "3 V").feedback == "the size is right but the sign is wrong."


def test_answer_that_is_not_a_number_gets_a_plain_message_not_an_exception():
    verdict = check_answer("five", "3 V")
    assert verdict.kind == "unreadable"
    assert "`five` is not a number with a unit" in verdict.feedback
    verdict = check_answer(None, "3 V")
    assert verdict.kind == "unreadable"
    assert "Your answer is NoneType None" in verdict.feedback


def test_answer_with_an_unknown_unit_names_it():
    verdict = check_answer("3 Vx", "3 V")
    assert verdict.kind == "unreadable"
    assert "I don't know the unit `Vx`: did you mean `V`?" in verdict.feedback


def test_expected_value_is_hidden_unless_revealed():
    hidden = check_answer("7 V", "3.3 V")
    assert "3.3" not in str(hidden)
    assert "3.3" not in hidden._repr_html_()
    shown = check_answer("7 V", "3.3 V", reveal=True)
    assert "The expected answer is 3.3 V." in str(shown)
    assert "The expected answer is 3.3 V." in shown._repr_html_()


def test_verdict_is_shown_as_a_box_with_plain_text():
    verdict = check_answer("500 A", 0.5 * A)
    bundle = verdict._repr_mimebundle_()
    assert set(bundle) == {"text/html", "text/plain"}
    html = bundle["text/html"]
    assert html.startswith('<div class="litecourse-verdict litecourse-verdict--close" role="status"')
    assert "<strong>Check your prefixes</strong>" in html
    assert "<p>Your answer is 1000 times too large" in html
    assert "Your answer: 500 A" in bundle["text/plain"]


def test_a_broken_expected_value_is_the_teachers_error():
    with pytest.raises(WorkingsError, match="The expected answer is list"):
        check_answer("3 V", [3])
    with pytest.raises(WorkingsError, match="I don't know the unit `Vlots`"):
        check_answer("3 V", "3 Vlots")


def test_html_in_an_answer_is_escaped():
    verdict = check_answer("<b>3</b> V", 3 * V)
    assert "<b>" not in verdict._repr_html_()
