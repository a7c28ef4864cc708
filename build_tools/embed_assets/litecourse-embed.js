/* litecourse-embed.js: every <pre data-executable> block on the page becomes a small Python
 * console (an editable code box, a Run button and an output area), run in the learner's
 * browser by Pyodide from the course's site. No server, no JupyterLab.
 *
 *   <script src="https://COURSE/litecourse-embed.js" defer></script>
 *   <pre data-executable>print("Hello")</pre>
 *
 * The page may be on any site. Browsers start a Web Worker only from the worker's own origin,
 * so Python runs in a hidden frame of the course (embed-runner.html, which owns the worker);
 * this script talks to it by postMessage and listens only to that frame, from the course's
 * origin. All blocks share one Python: a later block sees what an earlier one defined.
 * Ctrl+Enter (or Shift+Enter) in a code box runs it; Stop restarts Python.
 */
(function () {
  "use strict";
  var script = document.currentScript;
  var base = new URL(".", script ? script.src : location.href);
  var courseOrigin = base.origin;
  // the page's real origin: "null" in a sandboxed page, whatever its address says
  var pageOrigin = typeof self.origin === "string" ? self.origin : location.origin;
  // how long the course's runner page may take to answer before the blocks say so
  var RUNNER_TIMEOUT_MS = 30000;
  // ... and how long after its frame has loaded
  var AFTER_LOAD_MS = 3000;
  var runner = null; // the hidden frame on the course's origin
  var runnerReady = false;
  var outbox = []; // requests posted before the runner listened
  var readyTimer = null;
  var waiting = Object.create(null); // request id -> block
  var nextId = 1;

  function finishAll(error) {
    Object.keys(waiting).forEach(function (id) {
      waiting[id].show({ output: [], error: error });
    });
    waiting = Object.create(null);
  }

  function removeRunner() {
    clearTimeout(readyTimer);
    if (runner) runner.remove(); // the worker inside goes with the frame
    runner = null;
    runnerReady = false;
    outbox = [];
  }

  function startRunner() {
    runner = document.createElement("iframe");
    runner.src = new URL("embed-runner.html", base).href + "#parent=" + encodeURIComponent(pageOrigin);
    runner.title = "Python for the runnable code blocks";
    runner.tabIndex = -1;
    runner.setAttribute("aria-hidden", "true");
    runner.style.cssText = "position:absolute;width:0;height:0;border:0;visibility:hidden";
    function noAnswer() {
      removeRunner();
      finishAll("Python could not start: the course at " + courseOrigin + " did not answer here. " +
        "This page may not allow frames of the course, or the address of litecourse-embed.js is wrong.");
    }
    // a frame the page's policy blocks (or a missing runner page) still fires "load": the
    // runner says it is ready while it loads, so silence soon after means it is not there
    runner.addEventListener("load", function () {
      if (!runnerReady) {
        clearTimeout(readyTimer);
        readyTimer = setTimeout(noAnswer, AFTER_LOAD_MS);
      }
    });
    document.body.append(runner);
    readyTimer = setTimeout(noAnswer, RUNNER_TIMEOUT_MS);
  }

  function post(request) {
    if (!runner) startRunner();
    if (runnerReady) runner.contentWindow.postMessage(request, courseOrigin);
    else outbox.push(request);
  }

  window.addEventListener("message", function (event) {
    // only the course's runner frame speaks to this script
    if (!runner || event.source !== runner.contentWindow || event.origin !== courseOrigin) return;
    var msg = event.data || {};
    if (msg.type === "litecourse:runner-ready") {
      clearTimeout(readyTimer);
      runnerReady = true;
      outbox.forEach(function (request) { runner.contentWindow.postMessage(request, courseOrigin); });
      outbox = [];
    } else if (msg.type === "litecourse:runner-failed") {
      removeRunner();
      finishAll(String(msg.error));
    } else if (msg.type === "litecourse:reply") {
      var block = waiting[msg.id];
      if (!block) return;
      if (msg.state === "starting") block.say("Starting Python (the first run takes a few seconds)…");
      else if (msg.state === "running") block.say("Running…");
      else if (msg.state === "done") {
        delete waiting[msg.id];
        block.show(msg);
      }
    }
  });

  function stopAll() {
    removeRunner();
    finishAll("Stopped. Python restarted: run the earlier blocks again.");
  }

  function dedent(text) {
    var lines = text.replace(/\r\n?/g, "\n").replace(/^\s*\n/, "").replace(/\s+$/, "").split("\n");
    var indent = Math.min.apply(null, lines.filter(function (l) { return l.trim(); })
      .map(function (l) { return l.match(/^ */)[0].length; }).concat([Infinity]));
    return lines.map(function (l) { return l.slice(indent === Infinity ? 0 : indent); }).join("\n");
  }

  function el(tag, props) {
    var node = document.createElement(tag);
    Object.keys(props || {}).forEach(function (k) {
      if (k === "text") node.textContent = props[k];
      else node.setAttribute(k, props[k]);
    });
    return node;
  }

  var count = 0;
  function enhance(pre) {
    count += 1;
    var id = "lc-exec-" + count;
    var box = el("div", { class: "lc-exec", role: "group", "aria-labelledby": id + "-label" });
    var label = el("label", { id: id + "-label", for: id + "-code", text: pre.getAttribute("data-label") || ("Python code " + count) });
    var code = el("textarea", { id: id + "-code", class: "lc-code", spellcheck: "false", autocapitalize: "off", autocomplete: "off" });
    code.value = dedent(pre.textContent);
    code.rows = Math.max(2, code.value.split("\n").length);
    var run = el("button", { type: "button", class: "lc-run", text: "Run" });
    var stop = el("button", { type: "button", class: "lc-stop", text: "Stop", hidden: "" });
    var status = el("span", { class: "lc-status", role: "status" });
    var out = el("pre", { class: "lc-output", "aria-live": "polite", "aria-label": "Output of Python code " + count });
    var bar = el("div", { class: "lc-bar" });
    bar.append(run, stop, status);
    box.append(label, code, bar, out);
    pre.replaceWith(box);

    var block = {
      say: function (text) { status.textContent = text; },
      show: function (msg) {
        out.textContent = "";
        (msg.output || []).forEach(function (part) {
          var span = el("span", { class: part.name === "stderr" ? "lc-stderr" : "lc-stdout", text: part.text });
          out.append(span);
        });
        if (msg.result != null) out.append(el("span", { class: "lc-result", text: msg.result + "\n" }));
        if (msg.error) out.append(el("span", { class: "lc-error", role: "alert", text: msg.error + "\n" }));
        box.setAttribute("data-state", msg.error ? "error" : "done");
        status.textContent = msg.error ? "Finished with an error." : "Done.";
        run.disabled = false;
        stop.hidden = true;
      },
    };

    function go() {
      if (run.disabled) return;
      run.disabled = true;
      stop.hidden = false;
      box.setAttribute("data-state", "running");
      out.textContent = "";
      block.say("Waiting…");
      if (pageOrigin === "null") {
        // a sandboxed page has no origin the course could answer to
        block.show({ output: [], error: "Python cannot run in this page: it is sandboxed (a frame without allow-same-origin)." });
        return;
      }
      var n = nextId++;
      waiting[n] = block;
      post({ type: "litecourse:run", id: n, code: code.value });
    }
    run.addEventListener("click", go);
    stop.addEventListener("click", stopAll);
    code.addEventListener("keydown", function (event) {
      if (event.key === "Enter" && (event.ctrlKey || event.shiftKey || event.metaKey)) {
        event.preventDefault();
        go();
      }
    });
  }

  var CSS =
    ".lc-exec{margin:1em 0;border:1px solid #999;border-radius:4px;padding:.5em}" +
    ".lc-exec label{display:block;font-weight:600;font-size:.9em}" +
    ".lc-code{display:block;width:100%;box-sizing:border-box;font:14px/1.4 ui-monospace,monospace;padding:.4em;tab-size:4}" +
    ".lc-bar{margin:.4em 0;display:flex;gap:.6em;align-items:center}" +
    ".lc-bar button{font:inherit;padding:.15em 1em;cursor:pointer}" +
    ".lc-exec :focus-visible{outline:3px solid #1a5fb4;outline-offset:2px}" +
    ".lc-output{margin:0;min-height:1.2em;white-space:pre-wrap;font:14px/1.4 ui-monospace,monospace;background:#f6f6f6;color:#1a1a1a;padding:.3em}" +
    ".lc-output:empty{display:none}.lc-stderr,.lc-error{color:#a51d2d}.lc-result{color:#1a4d8f}";

  function init() {
    var blocks = document.querySelectorAll("pre[data-executable]");
    if (!blocks.length) return;
    document.head.append(el("style", { text: CSS }));
    blocks.forEach(enhance);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
