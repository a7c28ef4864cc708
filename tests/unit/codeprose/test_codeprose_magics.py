"""The magics: MIME bundles (without IPython) and the registered magics in a real shell."""

import json

import pytest
from codeprose.magics import ast_output, blockends_output, describe_output

MIME = "application/vnd.litecourse.description+json"


def test_describe_bundle_has_the_description_mime_type_and_fallbacks():
    bundle, run = describe_output("", "x = 1\nprint(x)")
    assert bundle[MIME] == {"text": "The code sets x and displays x.",
                            "sentences": [{"line": 1, "text": "The code sets x and displays x."}],
                            "level": "brief", "speak": False}
    assert bundle["text/plain"] == "The code sets x and displays x."
    assert bundle["text/html"] == ('<div class="litecourse-description" data-level="brief">'
                                   "<p>The code sets x and displays x.</p></div>")
    assert run is False
    json.dumps(bundle)  # plain JSON all the way down


def test_describe_detailed_speak_and_run_options():
    bundle, run = describe_output("--detailed --speak --run", "x = 1")
    assert bundle[MIME]["level"] == "detailed" and bundle[MIME]["speak"] is True
    assert bundle[MIME]["sentences"] == [{"line": 1, "text": "x is set to 1."}]
    assert '<li data-line="1"><span class="litecourse-line">Line 1:</span> x is set to 1.</li>' in bundle["text/html"]
    assert run is True


def test_describe_html_is_escaped_and_shows_code():
    bundle, _ = describe_output("--detailed", "print('<b>&')\nx @ y")
    html = bundle["text/html"]
    assert "&lt;b&gt;&amp;" in html and "<b>" not in html
    assert "<code>x @ y</code>" in html


def test_describe_syntax_error_is_an_alert_not_a_traceback():
    bundle, run = describe_output("--run", "if x > 1\n    pass")
    assert bundle == {"text/plain": "line 1: expected ':' after `if x > 1`",
                      "text/html": '<div class="litecourse-error" role="alert">'
                                   "line 1: expected &#x27;:&#x27; after `if x &gt; 1`</div>"}
    assert run is False  # invalid code is not run


def test_describe_unknown_option_is_an_alert():
    bundle, _ = describe_output("--loud", "x = 1")
    assert "litecourse-error" in bundle["text/html"]
    assert "does not know the option '--loud'" in bundle["text/plain"]


def test_describe_empty_cell_is_friendly():
    bundle, _ = describe_output("", "")
    assert bundle[MIME]["sentences"] == [{"line": None, "text": bundle["text/plain"]}]
    assert bundle["text/plain"].startswith("This cell is empty")


def test_blockends_bundle_is_highlighted_code():
    bundle = blockends_output("", "if x:\n    pass\n")
    assert bundle["text/plain"] == "if x:\n    pass\n# end if\n"
    assert bundle["text/html"].startswith('<div class="highlight"><pre>')
    assert '<span class="c1"># end if</span>' in bundle["text/html"]


def test_blockends_empty_cell_and_errors():
    assert blockends_output("", " ")["text/plain"].startswith("This cell is empty")
    assert 'role="alert"' in blockends_output("", "for x in\n")["text/html"]
    assert 'role="alert"' in blockends_output("--x", "pass")["text/html"]


def test_ast_bundle_is_a_pre():
    bundle = ast_output("", "x = 1")
    assert bundle["text/plain"].startswith("Module\n  body[0]: Assign")
    assert bundle["text/html"].startswith('<pre class="litecourse-ast">Module')
    assert ast_output("", "")["text/plain"].startswith("This cell is empty")


def test_unexpected_failures_are_shown_as_an_alert(monkeypatch):
    import codeprose.blockends

    monkeypatch.setattr(codeprose.blockends, "block_ends", lambda code: 1 / 0)
    bundle = blockends_output("", "pass")
    assert bundle["text/plain"].startswith("codeprose could not handle this cell (ZeroDivisionError")


@pytest.fixture
def shell():
    pytest.importorskip("IPython")
    from IPython.core.interactiveshell import InteractiveShell

    ip = InteractiveShell.instance()
    ip.run_line_magic("load_ext", "codeprose")
    shown = []
    ip.display_pub.publish = lambda data, metadata=None, **kwargs: shown.append(data)
    yield ip, shown
    ip.user_ns.pop("answer", None)


def test_load_ext_registers_the_cell_magics(shell):
    ip, _ = shell
    assert {"describe", "blockends", "ast"} <= set(ip.magics_manager.magics["cell"])


def test_describe_magic_displays_the_bundle(shell):
    ip, shown = shell
    ip.run_cell("%%describe --detailed --speak\nanswer = 42\n")
    assert shown[-1][MIME]["sentences"] == [{"line": 1, "text": "answer is set to 42."}]
    assert shown[-1][MIME]["speak"] is True
    assert "answer" not in ip.user_ns  # not run without --run


def test_describe_magic_run_executes_the_cell(shell):
    ip, shown = shell
    ip.run_cell("%%describe --run\nanswer = 6 * 7\n")
    assert ip.user_ns["answer"] == 42
    assert shown[0][MIME]["level"] == "brief"


def test_describe_magic_syntax_error_shows_no_traceback(shell):
    ip, shown = shell
    result = ip.run_cell("%%describe --run\nif x > 1\n    pass\n")
    assert result.error_in_exec is None and result.error_before_exec is None
    assert shown == [{"text/plain": "line 1: expected ':' after `if x > 1`",
                      "text/html": '<div class="litecourse-error" role="alert">'
                                   "line 1: expected &#x27;:&#x27; after `if x &gt; 1`</div>"}]


def test_blockends_and_ast_magics_display(shell):
    ip, shown = shell
    ip.run_cell("%%blockends\nwhile n:\n    n -= 1\n")
    ip.run_cell("%%ast\npass\n")
    assert shown[0]["text/plain"] == "while n:\n    n -= 1\n# end while\n"
    assert shown[1]["text/plain"] == "Module\n  body[0]: Pass  (line 1)"
