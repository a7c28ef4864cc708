/* The course home page, for this learner: each notebook's state and "Continue where you
 * left off", read from the site's own browser storage. No kernel, no request.
 *
 * JupyterLite keeps a learner's files with localforage in IndexedDB: database
 * `litecourse-<course id>-contents`, object store `files`, one record per path
 * ({name, path, type, last_modified, content, ...}). A notebook the learner never saved
 * has no record (JupyterLite serves the shipped copy); a saved one carries the date of
 * the learner's last save, which differs from the shipped version's date.
 *
 * "Updated by your teacher": the site ships `litecourse-versions.json` ({notebooks: {path:
 * sha256}}) and the extension keeps, in localStorage under `<contents storage name>-versions`,
 * the version each saved course notebook started from ({bases, seen}); the same rule as
 * `updateState` in the extension's `src/updates/versions.ts` flags a changed notebook whose
 * shipped version is no longer the one the learner started from. No record: never flagged.
 */
(function () {
  'use strict';

  var STORE = 'files';

  /** Every stored record, or [] when this browser has none (never creates the database). */
  function readStoredFiles(dbName) {
    return new Promise(function (resolve) {
      if (!window.indexedDB) {
        resolve([]);
        return;
      }
      var request;
      try {
        request = indexedDB.open(dbName);
      } catch (e) {
        resolve([]);
        return;
      }
      // No database yet: abort the upgrade so we leave no empty one behind.
      request.onupgradeneeded = function () {
        request.transaction.abort();
      };
      request.onerror = function (event) {
        if (event && event.preventDefault) {
          event.preventDefault();
        }
        resolve([]);
      };
      request.onblocked = function () {
        resolve([]);
      };
      request.onsuccess = function () {
        var db = request.result;
        if (!db.objectStoreNames.contains(STORE)) {
          db.close();
          resolve([]);
          return;
        }
        var all = db.transaction(STORE, 'readonly').objectStore(STORE).getAll();
        all.onsuccess = function () {
          db.close();
          resolve(all.result || []);
        };
        all.onerror = function () {
          db.close();
          resolve([]);
        };
      };
    });
  }

  var HASH = /^[0-9a-f]{64}$/;

  function own(object, key) {
    return !!object && typeof object === 'object' && Object.prototype.hasOwnProperty.call(object, key);
  }

  /** The shipped notebooks' versions ({path: sha256}), or null for a site without them. */
  function readVersions() {
    if (!window.fetch) {
      return Promise.resolve(null);
    }
    return fetch('litecourse-versions.json', { cache: 'no-cache' })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) { return own(data, 'notebooks') ? data.notebooks : null; })
      .catch(function () { return null; });
  }

  /** The extension's records of this learner ({bases, seen}), or empty ones. */
  function readUpdateRecords(storageName) {
    try {
      var data = JSON.parse(localStorage.getItem(storageName + '-versions') || '{}');
      return { bases: own(data, 'bases') ? data.bases : {}, seen: own(data, 'seen') ? data.seen : {} };
    } catch (e) {
      return { bases: {}, seen: {} };
    }
  }

  /** 'updated', 'seen' (the learner answered the notebook's notice) or 'none'. */
  function updateState(path, versions, records) {
    var shipped = own(versions, path) ? versions[path] : null;
    var base = own(records.bases, path) ? records.bases[path] : null;
    if (typeof shipped !== 'string' || !HASH.test(shipped) || typeof base !== 'string' ||
        !HASH.test(base) || base === shipped) {
      return 'none';
    }
    return own(records.seen, path) && records.seen[path] === shipped ? 'seen' : 'updated';
  }

  function when(iso) {
    var date = new Date(iso);
    if (isNaN(date.getTime())) {
      return '';
    }
    return date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
  }

  function notebookUrl(path) {
    return 'notebooks/index.html?path=' + encodeURI(path).replace(/[?#&]/g, encodeURIComponent);
  }

  /** The learner's own change of a shipped notebook: saved, and not the shipped date. */
  function changedByLearner(record, shipped) {
    return !!(record && record.last_modified && record.last_modified !== shipped);
  }

  function show(records, versions, updates) {
    var byPath = {};
    records.forEach(function (r) {
      if (r && typeof r.path === 'string') {
        byPath[r.path] = r;
      }
    });
    var items = document.querySelectorAll('ol.lessons > li[data-path]');
    Array.prototype.forEach.call(items, function (li) {
      var path = li.getAttribute('data-path');
      var record = byPath[path];
      var state = li.querySelector('.state');
      if (!state) {
        return;
      }
      var update = record ? updateState(path, versions, updates) : 'none';
      if (update !== 'none') {
        // the learner's copy is kept; the notebook offers the new version beside it
        state.textContent = 'Changed by you (' + when(record.last_modified) + ') · updated by your teacher since' +
          (update === 'updated' ? ' — open it to compare' : '');
        state.className = 'state changed updated';
        li.setAttribute('data-state', 'updated');
      } else if (changedByLearner(record, li.getAttribute('data-shipped'))) {
        state.textContent = 'Changed by you (' + when(record.last_modified) + ')';
        state.className = 'state changed';
        li.setAttribute('data-state', 'changed');
      } else if (record) {
        state.textContent = 'Opened, no changes of yours';
        li.setAttribute('data-state', 'saved');
      } else {
        state.textContent = 'Not opened yet';
        li.setAttribute('data-state', 'new');
      }
      state.hidden = false;
    });

    var latest = null;
    records.forEach(function (r) {
      if (r && r.type === 'notebook' && r.last_modified &&
          (!latest || r.last_modified > latest.last_modified)) {
        latest = r;
      }
    });
    var box = document.getElementById('continue');
    if (latest && box) {
      var link = box.querySelector('a');
      var listed = document.querySelector('ol.lessons > li[data-path="' +
        (window.CSS && CSS.escape ? CSS.escape(latest.path) : latest.path) + '"] :is(h3,h4) a');
      var title = listed ? listed.textContent : latest.name || latest.path;
      link.href = notebookUrl(latest.path);
      link.textContent = 'Continue where you left off: ' + title;
      box.hidden = false;
    }
    // for benchmarks: when the learner's state is on the page
    if (window.performance && performance.mark) {
      performance.mark('litecourse:home-state-shown');
    }
  }

  /** In a frame whose storage the browser refuses, say so and offer the course in a new tab
   * (the notebook pages show the same notice: build_tools/frame_notice.py). */
  function noteRefusedStorage() {
    var refused = self.origin === 'null';
    try {
      refused = refused || !window.indexedDB || !window.localStorage;
    } catch (e) {
      refused = true;
    }
    var note = document.getElementById('frame-note');
    if (!refused || !note) {
      return;
    }
    note.querySelector('a').href = location.href;
    note.hidden = false;
  }

  function start() {
    noteRefusedStorage();
    var meta = document.querySelector('meta[name="litecourse-storage"]');
    if (!meta) {
      return;
    }
    var storageName = meta.getAttribute('content');
    Promise.all([readStoredFiles(storageName), readVersions()]).then(function (found) {
      show(found[0], found[1], readUpdateRecords(storageName));
    });
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
