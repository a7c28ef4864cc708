// The Python behind litecourse-embed.js: Pyodide from this site's static/pyodide/, in a Web
// Worker so a long computation never freezes the page. Requests run one at a time, in order,
// in one shared namespace (a later block sees what an earlier one defined). The worker belongs
// to embed-runner.html (litecourse-embed-runner.js), a frame on the course's origin.
import { loadPyodide } from "./static/pyodide/pyodide.mjs";

const RUNNER = `
import builtins, json, sys, traceback
from pyodide.code import eval_code_async

_namespace = {"__name__": "__main__"}

def _no_input(prompt=""):
    raise RuntimeError("input() does not work in these code blocks: open the notebook to type answers")

_namespace["input"] = _no_input

def _where(exc):
    tb, line = exc.__traceback__, None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<block>":
            line = tb.tb_lineno
        tb = tb.tb_next
    if line is None and isinstance(exc, SyntaxError):
        line = exc.lineno
    return line

async def _litecourse_run(source):
    try:
        value = await eval_code_async(source, _namespace, filename="<block>")
    except BaseException as exc:
        line = _where(exc)
        text = "".join(traceback.format_exception_only(type(exc), exc)).strip().splitlines()[-1]
        return json.dumps({"error": (f"line {line}: " if line else "") + text})
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
    return json.dumps({"result": None if value is None else repr(value)})
`;

let pyodide = null;
let output = [];
const decoder = new TextDecoder();

function writer(name) {
  return {
    write(bytes) {
      output.push({ name, text: decoder.decode(bytes) });
      return bytes.length;
    },
  };
}

/** What code from the embedding page must not reach once Python is up: the course origin's
 * storage (the learner's saved notebooks may live there), channels to the course's open pages,
 * nested workers and the network (the service worker answers the course's drive requests).
 * Any site can embed the script and hand this worker code, so blocks get Python, not the origin. */
const CLOSED_AFTER_BOOT = [
  "indexedDB", "caches", "BroadcastChannel", "Worker", "SharedWorker",
  "fetch", "XMLHttpRequest", "WebSocket", "WebTransport", "EventSource", "importScripts",
];

/** Delete ``name`` from ``target`` and every prototype it inherits it from. */
function remove(target, name) {
  for (let o = target; o; o = Object.getPrototypeOf(o)) {
    if (Object.prototype.hasOwnProperty.call(o, name)) {
      try {
        delete o[name];
      } catch {
        // a property the browser will not let go stays (none of today's do)
      }
    }
  }
}

function closeTheOrigin() {
  for (const name of CLOSED_AFTER_BOOT) remove(self, name);
  remove(self.navigator, "storage");
  remove(self.navigator, "locks");
  remove(self.navigator, "serviceWorker");
}

async function boot() {
  pyodide = await loadPyodide({ indexURL: new URL("./static/pyodide/", import.meta.url).href });
  pyodide.setStdout(writer("stdout"));
  pyodide.setStderr(writer("stderr"));
  await pyodide.runPythonAsync(RUNNER);
  closeTheOrigin();
}

async function handle({ id, code }) {
  try {
    if (!pyodide) {
      self.postMessage({ id, state: "starting" });
      await boot();
    }
    self.postMessage({ id, state: "running" });
    output = [];
    const reply = JSON.parse(await pyodide.globals.get("_litecourse_run")(code));
    self.postMessage({ id, state: "done", output, ...reply });
  } catch (err) {
    self.postMessage({ id, state: "done", output, error: "Python could not start here: " + err.message });
  }
}

let queue = Promise.resolve();
self.onmessage = (event) => {
  queue = queue.then(() => handle(event.data));
};
