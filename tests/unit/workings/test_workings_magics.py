"""%%workings and %%check_units in a real IPython InteractiveShell."""

import pytest

pytest.importorskip("IPython")

from IPython.core.interactiveshell import InteractiveShell  # noqa: E402
from IPython.utils.capture import capture_output  # noqa: E402
from workings.errors import OptionError  # noqa: E402
from workings.magics import parse_workings_options  # noqa: E402


@pytest.fixture
def shell():
    ip = InteractiveShell.instance()
    ip.reset(new_session=False)
    ip.extension_manager.load_extension("workings")
    return ip


def run(shell, magic, line, cell):
    with capture_output() as captured:
        shell.run_cell_magic(magic, line, cell)
    return captured


def only_output(captured):
    assert captured.stderr == ""
    assert len(captured.outputs) == 1
    return captured.outputs[0].data


def test_load_ext_registers_both_cell_magics(shell):
    cell_magics = shell.magics_manager.magics["cell"]
    assert "workings" in cell_magics
    assert "check_units" in cell_magics


def test_load_ext_through_the_magic_works(shell):
    shell.extension_manager.unload_extension("workings")
    assert "workings" not in shell.magics_manager.magics["cell"]
    shell.run_line_magic("load_ext", "workings")
    assert "workings" in shell.magics_manager.magics["cell"]


def test_workings_magic_shows_latex_and_plain_text(shell):
    data = only_output(run(shell, "workings", "", "I = 1.5*mA\nR = 2.2*kOhm\nV = I*R\n"))
    assert set(data) == {"text/latex", "text/plain"}
    assert (
        "V &= I \\cdot R  = 1.500\\ \\mathrm{mA} \\cdot 2.200\\ \\mathrm{k}\\Omega  &= 3.300\\ \\mathrm{V}"
        in data["text/latex"]
    )
    assert data["text/plain"].endswith("V = I * R = 1.500 mA * 2.200 kΩ = 3.300 V")


def test_workings_magic_leaves_results_in_the_learners_namespace(shell):
    run(shell, "workings", "", "I = 1.5*mA\nR = 2.2*kOhm\nV = I*R\n")
    assert str(shell.user_ns["V"]) == "3.300 V"
    assert "mA" not in shell.user_ns
    shell.run_cell("P = V * I")
    assert str(shell.user_ns["P"]) == "4.950 mW"


def test_workings_magic_options_are_applied(shell):
    data = only_output(run(shell, "workings", "--precision 1 --short", "I = 1.5*mA\nR = 2.2*kOhm\nV = I*R\n"))
    assert data["text/plain"].splitlines()[-1] == "V = I * R = 1.5 mA * 2.2 kΩ = 3.3 V"


def test_options_are_parsed():
    assert parse_workings_options("") == {"precision": 3, "sci": False, "short": False}
    assert parse_workings_options("--precision=2 --sci --short") == {"precision": 2, "sci": True, "short": True}
    with pytest.raises(OptionError, match="unknown option `--fast`"):
        parse_workings_options("--fast")
    with pytest.raises(OptionError, match="`--precision` needs a whole number"):
        parse_workings_options("--precision many")


def test_workings_magic_shows_a_bad_option_as_an_alert(shell):
    data = only_output(run(shell, "workings", "--fast", "x = 1\n"))
    assert data["text/html"].startswith('<div class="litecourse-error" role="alert"')
    assert data["text/plain"] == "unknown option `--fast`: %%workings takes --precision N, --sci and --short."


def test_workings_magic_shows_errors_as_an_alert_without_a_traceback(shell):
    captured = run(shell, "workings", "", "I = 1.5*mA\nV = I*Q\n")
    data = only_output(captured)
    assert set(data) == {"text/plain", "text/html"}
    assert data["text/plain"] == (
        "line 3: `Q` is not defined: give it a value on an earlier line or in an earlier cell."
    )
    assert data["text/html"].startswith('<div class="litecourse-error" role="alert"')
    assert "<code>Q</code>" in data["text/html"]
    assert "Traceback" not in captured.stdout


def test_workings_magic_syntax_error_names_the_line_the_learner_sees(shell):
    data = only_output(run(shell, "workings", "", "I = 1.5*mA\nV = I *\n"))
    assert data["text/plain"].startswith("line 3: invalid syntax")


def test_check_units_magic_uses_names_from_the_learners_namespace(shell):
    run(shell, "workings", "", "I = 1.5*mA\nR = 2.2*kOhm\nV = I*R\n")
    data = only_output(run(shell, "check_units", "", "V = I * R\nV = I / R\n"))
    assert set(data) == {"text/plain", "text/html"}
    assert data["text/plain"] == (
        "✓ V = I * R balances: both sides are a voltage (kg·m²·s⁻³·A⁻¹).\n"
        "✗ V = I / R does not balance: the left side is a voltage (kg·m²·s⁻³·A⁻¹), "
        "the right side is current per resistance (s³·A³·kg⁻¹·m⁻²)."
    )
    assert data["text/html"].startswith('<ul class="litecourse-checks"')


def test_check_units_magic_names_an_undefined_name_and_its_line(shell):
    shell.user_ns.update(V=1.0, I=2.0)
    data = only_output(run(shell, "check_units", "", "V = I\nV = I * Z\n"))
    assert data["text/plain"].splitlines()[1] == ("✗ line 3: `Z` is not defined: give it a value in an earlier cell.")
    assert 'role="alert"' in data["text/html"]


def test_check_units_magic_refuses_options(shell):
    data = only_output(run(shell, "check_units", "--all", "V = I\n"))
    assert data["text/plain"] == "%%check_units takes no options, but was given `--all`."


def test_an_error_from_a_plain_call_is_one_line_not_a_traceback(shell):
    with capture_output() as captured:
        shell.run_cell("import workings\nworkings.check_dimensions('V = I * Q', V=1, I=1)")
    assert captured.stdout.strip() == (
        "`Q` in `V = I * Q` has no value: give it one, for example check_dimensions(..., Q=...)."
    )


def test_a_verdict_is_displayed_as_html_and_plain_text(shell):
    shell.run_cell("import workings")
    verdict = shell.ev("workings.check_answer('500 A', '0.5 A')")
    data, _ = shell.display_formatter.format(verdict)
    assert data["text/html"].startswith('<div class="litecourse-verdict litecourse-verdict--close" role="status"')
    assert data["text/plain"].startswith(
        "Check your prefixes: your answer is 1000 times too large — did you use mA where A was needed?"
    )
