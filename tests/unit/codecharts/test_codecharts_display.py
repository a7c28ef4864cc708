"""MIME bundles: our custom type for the litecourse renderer, plain text and HTML fallbacks."""

import json

from codecharts.display import ErrorView, FlowchartView, ScriptView
from codecharts.dsl import parse_dsl
from codecharts.from_code import flowchart_from_code

FLOWCHART_MIME = "application/vnd.litecourse.flowchart+json"


def test_flowchart_bundle_has_dsl_description_and_title():
    view = FlowchartView(flowchart_from_code("print(1)"), "Printing")
    bundle = view._repr_mimebundle_()
    assert set(bundle) == {FLOWCHART_MIME, "text/plain", "text/html"}
    payload = bundle[FLOWCHART_MIME]
    assert set(payload) == {"dsl", "description", "title"}
    assert parse_dsl(payload["dsl"]) == flowchart_from_code("print(1)")
    assert payload["title"] == "Printing"
    assert json.loads(json.dumps(payload)) == payload


def test_text_plain_is_the_long_description():
    view = FlowchartView(flowchart_from_code("print(1)"))
    assert view._repr_mimebundle_()["text/plain"] == view.data["description"]
    assert view.data["description"].startswith("A flowchart with 3 steps")


def test_html_fallback_has_description_and_script():
    html = FlowchartView(flowchart_from_code("x = 1"), "T")._repr_mimebundle_()["text/html"]
    assert "<ol><li>Start.</li><li>Process: x = 1.</li><li>End.</li></ol>" in html
    assert "start-&gt;op1-&gt;end" in html


def test_html_fallback_escapes_labels_and_title():
    chart = flowchart_from_code("print('<script>alert(1)</script>')")
    html = FlowchartView(chart, '<img src=x onerror="boom">')._repr_mimebundle_()["text/html"]
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=&quot;boom&quot;&gt;" in html
    # The model and the script keep the label as it was written.
    assert chart.nodes[1].label == "print('<script>alert(1)</script>')"
    assert "<script>alert(1)</script>" in FlowchartView(chart).data["dsl"]


def test_error_view_is_an_alert_without_traceback():
    bundle = ErrorView("line 3: expected ':' after `if x > 1`")._repr_mimebundle_()
    assert bundle["text/plain"] == "line 3: expected ':' after `if x > 1`"
    assert bundle["text/html"] == (
        '<div class="litecourse-error" role="alert">line 3: expected &#x27;:&#x27; after '
        "<code>if x &gt; 1</code></div>"
    )


def test_script_view_shows_escaped_dsl():
    bundle = ScriptView("a=>operation: <b>\n")._repr_mimebundle_()
    assert bundle["text/plain"] == "a=>operation: <b>\n"
    assert "a=&gt;operation: &lt;b&gt;" in bundle["text/html"]
