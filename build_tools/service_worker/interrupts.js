// Kernel › Interrupt (and ■) for the browser's Python: the page sends an interrupt for a
// kernel here as a message (a message reaches the service worker whether or not the page's
// requests go through it, and wakes it if it was stopped); the kernel's worker, while Python
// runs, asks here every few hundred milliseconds with a synchronous request and gets "2"
// (SIGINT) once. A busy worker cannot
// receive messages, and a SharedArrayBuffer would need the page cross-origin isolated, which
// a course embedded in another site's page can never be; this path works wherever the
// service worker does. The page side is the extension's interrupts.ts, the worker side its
// kernel_python/interrupt_buffer.js.
const PATH = '/api/litecourse/interrupt/';
// an interrupt nobody collected soon (the kernel finished meanwhile) must not stop a later run
const FRESH_MS = 5000;
const asked = new Map();

self.addEventListener('message', event => {
  const kernel = event.data && event.data.litecourseInterrupt;
  if (typeof kernel !== 'string') {
    return;
  }
  asked.set(encodeURIComponent(kernel), Date.now());
  const reply = event.ports && event.ports[0];
  if (reply) {
    reply.postMessage('asked');
  }
});

self.addEventListener('fetch', event => {
  const url = new URL(event.request.url);
  const at = url.pathname.indexOf(PATH);
  if (url.origin !== self.location.origin || at < 0) {
    return;
  }
  const kernel = url.pathname.slice(at + PATH.length);
  const headers = {
    'Cache-Control': 'no-store',
    'Content-Type': 'text/plain',
    'X-Litecourse-Interrupt': '1'
  };
  const when = asked.get(kernel);
  asked.delete(kernel);
  const fresh = when !== undefined && Date.now() - when < FRESH_MS;
  event.respondWith(new Response(fresh ? '2' : '0', { headers }));
});
