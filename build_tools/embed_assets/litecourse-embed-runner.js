/* litecourse-embed-runner.js: the course's side of litecourse-embed.js. It runs in
 * embed-runner.html, a hidden frame on the course's origin that the embed script adds to the
 * page with the code blocks (on any site). Browsers start a Web Worker only from the worker's
 * own origin, so the frame owns the worker (Pyodide from this site) and the page talks to it
 * by postMessage.
 *
 * Trust: the frame answers only its parent window, and only while that window has the origin
 * the embed script wrote into the frame's address (#parent=<origin>); replies go to that origin
 * alone. Anything else (other frames, other origins, odd shapes) is ignored.
 *
 * Messages in:  {type: "litecourse:run", id: <number>, code: <string>}
 * Messages out: {type: "litecourse:runner-ready"} once listening;
 *               {type: "litecourse:reply", id, state, ...} as the worker reports;
 *               {type: "litecourse:runner-failed", error} when Python cannot start here.
 * Stop is the embed script removing this frame: the worker goes with it.
 */
(function () {
  "use strict";

  /** The origin in ``#parent=...``, or null when it is missing or not a plain origin. */
  function parentOriginOf(hash) {
    var raw = new URLSearchParams(hash.replace(/^#/, "")).get("parent");
    try {
      return raw && raw !== "null" && new URL(raw).origin === raw ? raw : null;
    } catch (err) {
      return null;
    }
  }

  var parentOrigin = parentOriginOf(location.hash);
  if (window.parent === window || !parentOrigin) return; // opened on its own: the page says what it is for

  var worker = null;

  function send(message) {
    window.parent.postMessage(message, parentOrigin);
  }

  function failed(reason) {
    if (worker) worker.terminate();
    worker = null;
    send({ type: "litecourse:runner-failed", error: "Python could not start here: " + reason });
  }

  function startWorker() {
    try {
      worker = new Worker(new URL("litecourse-embed-worker.mjs", location.href), { type: "module" });
    } catch (err) {
      failed((err && err.message) || "this browser cannot start Python workers");
      return;
    }
    worker.onmessage = function (event) {
      var reply = event.data || {};
      send({ type: "litecourse:reply", id: reply.id, state: reply.state, output: reply.output,
             result: reply.result, error: reply.error });
    };
    worker.onerror = function (event) {
      event.preventDefault();
      failed(event.message || "the browser refused to load Python (" + location.origin + ")");
    };
  }

  window.addEventListener("message", function (event) {
    if (event.source !== window.parent || event.origin !== parentOrigin) return;
    var message = event.data;
    if (!message || message.type !== "litecourse:run" || typeof message.code !== "string" ||
        typeof message.id !== "number") return;
    if (!worker) startWorker();
    if (worker) worker.postMessage({ id: message.id, code: message.code });
  });
  send({ type: "litecourse:runner-ready" });
})();
