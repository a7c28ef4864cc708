// The course offline after one visit: this worker keeps a copy of every file of the site
// (the list the build embeds below: path, size, SRI hash) in Cache Storage, and answers the
// site's own files from the network when it can and from that copy when it cannot.
//
// Why network first: online, a learner sees exactly what is published (a teacher's new
// version at once, as without a worker); the copy is for when the network is gone.
// Why here, before JupyterLite's code: JupyterLite's fetch listener answers every same-origin
// GET outside /api/ from the network; ours runs first, answers the files of the list and stops
// the event. Everything else (/api/drive, /api/stdin/, /api/litecourse/interrupt/, the
// heartbeat) is left to the listeners after us, untouched.
// Why the copy is made after activation, not during install: the pages need this worker in
// charge at once (input(), Interrupt and the kernel's files go through it); a 40 MB install
// would leave a first visit without them for many seconds. Page loads and the home page's
// questions keep the worker alive while it copies; a copy cut short resumes on the next visit.
// Updates: a new build embeds a new list, so the browser installs the new worker, which takes
// charge once no page of the course is open (see 'install' below); it copies
// the files whose hash is unchanged from the old copy, fetches the rest (the browser checks
// each hash), and only then drops the old copy, which answers offline until then. The
// learner's work (IndexedDB) is never touched. The home page (offline.js) asks how far it got.
const LISTING = /*LITECOURSE_OFFLINE_MANIFEST*/null;
if (!LISTING) {
  return;
}
const SCOPE = self.registration.scope;
// one origin may serve several courses: each scope keeps its own copies
const PREFIX = 'litecourse-offline ' + SCOPE + ' ';
const CACHE_NAME = PREFIX + LISTING.version;
// written last: a copy with this entry is complete; its body maps each path to its hash
const COMPLETE = SCOPE + '.litecourse-offline-complete';
// few at a time, and only once the site has asked for none of its files for QUIET_MS: the
// visit's own loads (the app, Pyodide, the wheels, the notebook) come first, on a slow device
// and on a learner's slow network as on a test machine running many browsers
const PARALLEL = 3;
const QUIET_MS = 10000;
// a network that does not answer in this time counts as gone, when a copy can answer
const PATIENCE_MS = 8000;

const byPath = new Map(LISTING.files.map(file => [file.path, file]));
const progress = { state: 'waiting', done: 0, doneBytes: 0, error: '', updating: false };
let preparing = null; // the running prepare(), one at a time
let lastAsked = Date.now(); // when a page last asked for one of the listed files

/** The URL a listed file is kept under (no query: '?path=…' pages share one copy). */
function keyOf(path) {
  return SCOPE + path.split('/').map(encodeURIComponent).join('/');
}

/** The listed file a same-origin URL asks for ('dir/' means 'dir/index.html'), or null. */
function entryFor(url) {
  if (!url.href.startsWith(SCOPE)) {
    return null;
  }
  let path;
  try {
    path = decodeURIComponent(url.pathname).slice(decodeURIComponent(new URL(SCOPE).pathname).length);
  } catch (e) {
    return null;
  }
  if (path === '' || path.endsWith('/')) {
    path += 'index.html';
  }
  return byPath.get(path) || null;
}

/** This scope's complete copies of other versions, each with the hash of every file it holds. */
async function completeCopies() {
  const found = [];
  for (const name of await caches.keys()) {
    if (name.startsWith(PREFIX) && name !== CACHE_NAME) {
      const cache = await caches.open(name);
      const marker = await cache.match(COMPLETE);
      if (marker) {
        found.push({ cache, hashes: await marker.json() });
      }
    }
  }
  return found;
}

/** True when `response`'s body is the listed file's bytes (its sha256, as `file.integrity`
 * says). Cache Storage is open to every script of the origin, a learner's code included: a
 * kept response is never trusted for what it claims to be. */
async function genuine(response, file) {
  if (!response || !file.integrity.startsWith('sha256-')) {
    return false;
  }
  const digest = await crypto.subtle.digest('SHA-256', await response.clone().arrayBuffer());
  const text = String.fromCharCode.apply(null, new Uint8Array(digest));
  return 'sha256-' + btoa(text) === file.integrity;
}

/** `cache`'s response for `file` if it is genuine; a response that is not is dropped. */
async function genuineIn(cache, file) {
  const key = keyOf(file.path);
  const kept = await cache.match(key);
  if (!kept) {
    return undefined;
  }
  if (await genuine(kept, file)) {
    return kept;
  }
  await cache.delete(key);
  return undefined;
}

/** Put one listed file into `cache`: from an older copy when its hash is the same, else fetched. */
async function keep(cache, older, file) {
  const key = keyOf(file.path);
  if (!(await genuineIn(cache, file))) {
    const same = older.find(copy => copy.hashes[file.path] === file.integrity);
    const kept = same && (await genuineIn(same.cache, file));
    if (kept) {
      await cache.put(key, kept);
    } else {
      // the browser checks the bytes against the hash: never a half-published mix
      const response = await fetch(key, { cache: 'no-cache', integrity: file.integrity });
      if (!response.ok) {
        throw new Error(file.path + ': ' + response.status);
      }
      await cache.put(key, response);
    }
  }
  progress.done += 1;
  progress.doneBytes += file.size;
}

/** This scope's other copies (older versions), dropped once this version's copy is complete. */
async function dropOlderCopies() {
  const names = await caches.keys();
  await Promise.all(names.filter(name => name.startsWith(PREFIX) && name !== CACHE_NAME)
    .map(name => caches.delete(name)));
}

/** One copying at a time per scope, across workers: JupyterLite's pages replace the worker
 * on a first visit (a new registration), and the old one must not copy beside the new. */
function alone(work) {
  const locks = self.navigator && self.navigator.locks;
  return locks ? locks.request(PREFIX, work) : work();
}

/** Resolves once no listed file has been asked for during QUIET_MS. */
async function untilQuiet() {
  for (let wait = QUIET_MS; wait > 0; wait = lastAsked + QUIET_MS - Date.now()) {
    await new Promise(resolve => setTimeout(resolve, wait));
  }
}

/** Make this version's copy complete (resuming a partial one), mark it so, drop older ones. */
async function prepare() {
  Object.assign(progress, { state: 'preparing', done: 0, doneBytes: 0, error: '' });
  try {
    await untilQuiet();
    await alone(copyAll);
    Object.assign(progress, { state: 'ready', done: LISTING.count, doneBytes: LISTING.bytes, updating: false });
  } catch (error) {
    // offline, or a file missing on the server: what is copied stays; the next visit goes on
    Object.assign(progress, { state: 'failed', error: String((error && error.message) || error) });
  }
}

/** Copy every listed file into this version's cache, mark it complete, drop older copies. */
async function copyAll() {
  progress.done = progress.doneBytes = 0;
  const cache = await caches.open(CACHE_NAME);
  if (!(await cache.match(COMPLETE))) {
    const older = await completeCopies();
    progress.updating = older.length > 0;
    const queue = LISTING.files.slice();
    const worker = async () => {
      while (queue.length) {
        await keep(cache, older, queue.shift());
      }
    };
    await Promise.all(Array.from({ length: PARALLEL }, worker));
    const hashes = Object.fromEntries(LISTING.files.map(file => [file.path, file.integrity]));
    await cache.put(COMPLETE, new Response(JSON.stringify(hashes), {
      headers: { 'Content-Type': 'application/json' }
    }));
  }
  await dropOlderCopies();
}

/** Start making the copy unless it is being made or done; the promise of that work. */
function ensurePrepared() {
  if (!preparing || progress.state === 'failed') {
    preparing = prepare();
  }
  return preparing;
}

// A new build's worker waits for the course's tabs to close instead of taking over at once:
// JupyterLite's install handler calls skipWaiting(), and Chromium, switching workers while a
// page of the course navigates (a learner leaving a notebook after a new build was found),
// stopped the old worker in the middle of that navigation and left the tab loading for a
// minute or more (reproduced: tests/browser/test_teacher_updates.py, "leaving ... loads").
// The home page asks it to take charge when it is the only page of the course open (no page
// left to navigate, the old worker idle: no switch in the middle of a navigation); else it
// takes charge when the course's tabs are closed. Online nothing is lost meanwhile: the old
// worker answers from the network, so the new build shows at once.
// A first install (no worker in charge yet) goes on as JupyterLite's does.
self.addEventListener('install', event => {
  if (self.registration.active) {
    event.stopImmediatePropagation();
  }
});

/** Take charge now if `asker` is the only page of this course open (the home page asks the
 * waiting worker; for the worker in charge, skipWaiting changes nothing). */
/** Take charge when the asking page is the course's only open page; the number of the
 * course's other open pages (0 when it took charge). */
async function takeChargeIfAlone(asker) {
  const pages = (await self.clients.matchAll({ type: 'window', includeUncontrolled: true }))
    .filter(client => client.url.startsWith(SCOPE)); // other courses of this origin do not count
  const others = pages.filter(client => !asker || client.id !== asker.id).length;
  if (asker && others === 0) {
    await self.skipWaiting();
  }
  return others;
}

self.addEventListener('activate', () => {
  ensurePrepared(); // not awaited: waiting here would hold back every request of the pages
});

/** A file from this version's copy, else from an older complete one (better than nothing
 * offline); only bytes whose hash is the listed one are served, whatever else a cache holds. */
async function fromCopy(file) {
  const own = await genuineIn(await caches.open(CACHE_NAME), file);
  if (own) {
    return own;
  }
  for (const copy of await completeCopies()) {
    // an older version's file is served only where this version lists the same bytes
    if (copy.hashes[file.path] === file.integrity) {
      const kept = await genuineIn(copy.cache, file);
      if (kept) {
        return kept;
      }
    }
  }
  return undefined;
}

// names that carry a hash of their content never change (webpack chunks); as build_tools/serve.py
const HASHED_NAME = /[.-][0-9a-f]{16,}\.(?:js|css|wasm|woff2?|svg|png)$/;

/** The request to send for a listed file: every file whose name is not content-hashed (pages,
 * the site's JSON, notebooks, scripts) is revalidated with the server (`no-cache`: a 304 when
 * unchanged). A host's HTTP cache rules may keep the old home page "fresh" for minutes after a
 * publish (GitHub Pages: max-age=600), and network-first would then serve it from that cache. */
function asked(request, file) {
  const name = file.path.split('/').pop();
  if (HASHED_NAME.test(name) && !file.path.startsWith('files/')) {
    return request;
  }
  // a navigation's own Request cannot be copied with new options: ask for its URL
  return new Request(request.url, {
    cache: 'no-cache',
    credentials: 'same-origin',
    redirect: request.mode === 'navigate' ? 'manual' : request.redirect
  });
}

/** The network's answer; the copy's when the network fails or keeps silent too long. */
async function networkThenCopy(request, file) {
  const copy = () => fromCopy(file).catch(() => undefined); // read only when needed
  if (self.navigator && self.navigator.onLine === false) {
    const kept = await copy();
    if (kept) {
      return kept;
    }
  }
  const network = fetch(asked(request, file));
  network.catch(() => undefined); // a late failure after the copy answered is nobody's error
  let timer;
  const silence = new Promise(resolve => { timer = setTimeout(() => resolve(copy()), PATIENCE_MS); });
  try {
    // the copy answers after a long silence; with no copy, wait for the network as usual
    return (await Promise.race([network, silence])) || (await network);
  } catch (error) {
    const kept = await copy();
    if (kept) {
      return kept;
    }
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

self.addEventListener('fetch', event => {
  const request = event.request;
  if (request.method !== 'GET' || request.headers.has('range')) {
    return;
  }
  const file = entryFor(new URL(request.url));
  if (!file) {
    return;
  }
  lastAsked = Date.now();
  event.respondWith(networkThenCopy(request, file));
  event.stopImmediatePropagation(); // answered: JupyterLite's listener must not answer it again
  if (request.mode === 'navigate' && progress.state !== 'ready') {
    event.waitUntil(ensurePrepared()); // a visit: make or finish the copy, and stay alive for it
  }
});

async function status() {
  if (progress.state === 'waiting' && (await caches.has(CACHE_NAME))) {
    const cache = await caches.open(CACHE_NAME);
    if (await cache.match(COMPLETE)) { // a worker started again after the copy was made
      Object.assign(progress, { state: 'ready', done: LISTING.count, doneBytes: LISTING.bytes });
    }
  }
  return {
    state: progress.state,
    version: LISTING.version,
    appVersion: LISTING.appVersion,
    count: LISTING.count,
    bytes: LISTING.bytes,
    done: progress.done,
    doneBytes: progress.doneBytes,
    error: progress.error,
    updating: progress.updating
  };
}

self.addEventListener('message', event => {
  const port = event.ports && event.ports[0];
  if (event.data && event.data.type === 'litecourse-take-charge') {
    // the page says "close the other tabs" only when there are some (answered on its port)
    event.waitUntil(takeChargeIfAlone(event.source).then(others => port && port.postMessage({ others })));
    return;
  }
  if (port && event.data && event.data.type === 'litecourse-offline-status') {
    event.waitUntil(status().then(answer => {
      port.postMessage(answer);
      // a worker started again with its copy unfinished goes on; a failed one waits for a visit
      const work = progress.state === 'waiting' ? ensurePrepared() : progress.state === 'preparing' && preparing;
      return work || undefined; // a page is watching: stay alive until the copy is made
    }));
  }
});
