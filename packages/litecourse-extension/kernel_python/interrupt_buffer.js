// Run in the kernel's worker by interrupts.py: the "interrupt buffer" Pyodide reads.
//
// Pyodide's eval loop reads element 0 of its interrupt buffer every few thousand bytecodes
// and raises KeyboardInterrupt when it reads 2 (SIGINT), then writes 0 back. Element 0 of
// this object asks the site's service worker (build_tools/service_worker/interrupts.js) with
// a synchronous request, at most every `everyMs`: a busy worker cannot receive messages, and
// this works without a SharedArrayBuffer (which needs a cross-origin isolated page).
(function interruptBuffer(url, everyMs) {
  // when the service worker is not there (the answer lacks its header), ask rarely
  const ABSENT_MS = 10000;
  let askedAt = 0;
  let wait = everyMs;
  let value = 0;
  function ask() {
    const now = Date.now();
    if (now - askedAt < wait) {
      return 0;
    }
    askedAt = now;
    try {
      const request = new XMLHttpRequest();
      request.open('GET', url, false);
      request.send();
      const heard = request.getResponseHeader('X-Litecourse-Interrupt') === '1';
      wait = heard ? everyMs : ABSENT_MS;
      return heard && request.responseText === '2' ? 2 : 0;
    } catch {
      wait = ABSENT_MS;
      return 0;
    }
  }
  return {
    get 0() {
      return value || ask();
    },
    set 0(next) {
      value = next;
    }
  };
});
