"""The interrupt "buffer" the kernel's worker hands to Pyodide (``kernel_python/interrupt_buffer.js``).

Run under node with a stand-in for the synchronous request to the service worker; the browser
tests (tests/browser/test_interrupt.py) stop real loops with it.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

EXTENSION = Path(__file__).resolve().parents[2] / "packages" / "litecourse-extension"
BUFFER_JS = EXTENSION / "kernel_python" / "interrupt_buffer.js"

DRIVER = r"""
const answers = JSON.parse(process.argv[2]);  // what each request gets: [header, body] or null (network error)
const asked = [];
let now = 1000;
Date.now = () => now;
globalThis.XMLHttpRequest = class {
  open(method, url, sync) { asked.push([method, url, sync]); }
  send() {
    const answer = answers.shift();
    if (answer === null) throw new Error('network');
    [this.header, this.responseText] = answer;
  }
  getResponseHeader(name) { return name === 'X-Litecourse-Interrupt' ? this.header : null; }
};
const make = eval(require('fs').readFileSync(process.argv[1], 'utf8'));
const buffer = make('http://site/api/litecourse/interrupt/k1', 200);
const reads = [];
for (const step of JSON.parse(process.argv[3])) {
  now += step;
  const value = buffer[0];
  buffer[0] = 0;  // what Pyodide writes back after each read
  reads.push(value);
}
console.log(JSON.stringify({reads, asked}));
"""


def run(answers, steps):
    done = subprocess.run(["node", "-e", DRIVER, str(BUFFER_JS), json.dumps(answers), json.dumps(steps)],
                          capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def test_python_reads_sigint_once_when_the_service_worker_says_stop():
    result = run([["1", "0"], ["1", "2"], ["1", "0"]], [300, 300, 300])
    assert result["reads"] == [0, 2, 0]
    assert result["asked"][0] == ["GET", "http://site/api/litecourse/interrupt/k1", False]


def test_it_asks_at_most_every_200_ms_however_often_python_reads():
    result = run([["1", "0"]] * 10, [300] + [10] * 15)
    assert len(result["asked"]) == 1, "15 reads within 150 ms ask nothing more"


def test_without_the_service_worker_it_asks_only_every_10_seconds():
    result = run([[None, "Not found"], [None, "Not found"]], [300, 300, 5000, 5000])
    assert len(result["asked"]) == 2 and result["reads"] == [0, 0, 0, 0]


def test_a_failed_request_reads_as_keep_running():
    assert run([None], [300])["reads"] == [0]


def test_time_sleep_keeps_the_interrupt_for_the_learners_code_and_sleeps_as_long_as_asked():
    """``interrupts.py``'s sleep in slices (its doctest) and its duration on this Python."""
    import doctest
    import importlib.util
    import time

    spec = importlib.util.spec_from_file_location("interrupts", EXTENSION / "kernel_python" / "interrupts.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert doctest.testmod(module).failed == 0
    switched = []
    nap = module.interruptible_sleep(time.sleep, switched.append, "buffer")
    started = time.monotonic()
    nap(0.35)
    assert 0.35 <= time.monotonic() - started < 1.0
    assert switched == [None, "buffer"] * 4
    assert module.listen("http://x/", "") is False, "outside Pyodide it does nothing"
