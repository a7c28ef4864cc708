/* The course home page's offline copy: a visit to this page alone starts keeping the course
 * for use without the network, and the page says how far that got.
 *
 * It registers the site's service worker with the URL JupyterLite's pages use
 * (`service-worker.js?enableCache=false`), so the notebook pages find it already there, and
 * records JupyterLite's version under the key those pages check (`<worker URL>-version`):
 * without it, the first notebook page would unregister the worker and, offline, fail to
 * register it again. The worker (build_tools/service_worker/first/offline_cache.js) answers
 * "how far?" on a message channel: {state, count, bytes, done, doneBytes, error}.
 */
(function () {
  'use strict';

  var WORKER = 'service-worker.js?enableCache=false';
  var POLL_MS = 700;

  function box() {
    var found = document.getElementById('offline');
    if (!found) { // a page without the placeholder still tells the learner
      found = document.createElement('p');
      found.id = 'offline';
      var header = document.querySelector('header') || document.body;
      header.appendChild(found);
    }
    found.setAttribute('role', 'status');
    return found;
  }

  function megabytes(bytes) {
    return (bytes / 1e6).toFixed(bytes < 1e7 ? 1 : 0) + ' MB';
  }

  function say(state, text) {
    var el = box();
    el.className = 'offline ' + state;
    el.setAttribute('data-state', state);
    // a status region: screen readers wait while it counts files, and read where it ends up
    el.setAttribute('aria-busy', state === 'preparing' ? 'true' : 'false');
    if (el.textContent !== text) {
      el.textContent = text;
    }
    el.hidden = false;
  }

  /** The worker's answer to a message of ``type``, or null when it does not answer soon. */
  function ask(worker, type) {
    return new Promise(function (resolve) {
      var channel = new MessageChannel();
      var timer = setTimeout(function () { resolve(null); }, 3000);
      channel.port1.onmessage = function (event) {
        clearTimeout(timer);
        resolve(event.data);
      };
      try {
        worker.postMessage({ type: type || 'litecourse-offline-status' }, [channel.port2]);
      } catch (e) {
        clearTimeout(timer);
        resolve(null);
      }
    });
  }

  function show(status, updating) {
    box().setAttribute('data-version', status.version || '');
    if (status.state === 'ready') {
      say('ready', 'Available offline: this browser keeps a copy of the course (' + megabytes(status.bytes) +
        '), so it opens and runs without the network. Your work stays in this browser either way.');
    } else if (status.state === 'failed') {
      say('failed', (updating ? 'Could not update the offline copy (' + status.error + '); the copy of the ' +
        'previous version still opens without the network.' : 'Could not finish preparing the course for ' +
        'offline use (' + status.error + ').') + ' It will try again on your next visit.');
    } else {
      say('preparing', (updating ? 'Updating the offline copy to the new version of the course: '
        : 'Preparing the course for offline use: ') + status.done + ' of ' + status.count + ' files (' +
        megabytes(status.doneBytes) + ' of ' + megabytes(status.bytes) + ')…');
    }
  }

  var rounds = 0; // one polling loop at a time: a later call to watch() ends the earlier loop

  function watch(registration, round) {
    if (round === undefined) {
      round = ++rounds;
    } else if (round !== rounds) {
      return;
    }
    var again = function (ms) { setTimeout(function () { watch(registration, round); }, ms || POLL_MS); };
    var newest = registration.installing || registration.waiting || registration.active;
    if (!newest) {
      again();
      return;
    }
    if (registration.active && newest !== registration.active) {
      // a new build's worker: it is not asked how far it got, which would start its copy while
      // the old one is still in charge; once installed it takes charge when this is the only
      // page of the course open (offline_cache.js): asked on every round, so closing the other
      // tabs is enough
      if (newest !== registration.waiting) {
        again();
        return;
      }
      // (a worker that became redundant meanwhile does not answer: the next round follows its successor)
      ask(newest, 'litecourse-take-charge').then(function (answer) {
        if (round !== rounds) {
          return;
        }
        if (answer && answer.others > 0) {
          say('waiting', 'A new version of the course was published. This browser\'s offline copy ' +
            'is of the previous version; it is updated once this is the only open page of the ' +
            'course: close its ' + (answer.others === 1 ? 'other tab' : answer.others + ' other tabs') +
            '. Online, you already see the new version.');
        } else if (answer) { // it took charge: the next rounds follow its new copy
          say('preparing', 'Updating the offline copy to the new version of the course…');
        }
        again();
      });
      return;
    }
    ask(newest).then(function (status) {
      if (round !== rounds) {
        return;
      }
      if (status && status.appVersion) {
        try {
          localStorage.setItem(new URL(WORKER, location.href).href + '-version', status.appVersion);
        } catch (e) { /* storage refused: the notebook pages register the worker again */ }
      }
      var next = registration.installing || registration.waiting || registration.active;
      if (newest.state === 'redundant' && next && next !== newest) {
        again(1); // replaced by a newer worker: follow that one
        return;
      }
      if (newest.state === 'redundant') {
        // an install that failed: the previous copy (if any) still serves; the next visit tries again
        show({ state: 'failed', error: (status && status.error) || 'the download stopped' }, false);
        return;
      }
      if (status) {
        show(status, !!status.updating);
      }
      // a failed copy is tried again on the next visit, not while this page watches
      if (!status || (status.state !== 'ready' && status.state !== 'failed') || newest !== registration.active) {
        again();
      }
    });
  }

  function start() {
    if (!('serviceWorker' in navigator) || !window.caches) {
      say('unavailable', 'This browser cannot keep a copy of the course here, so it needs the network ' +
        'each time you open it.');
      return;
    }
    navigator.serviceWorker.register(WORKER).then(function (registration) {
      // a new build found while this page is open: follow its worker as it makes the new copy
      registration.addEventListener('updatefound', function () { watch(registration); });
      // a new build is noticed here too, not only when a notebook opens
      registration.update().catch(function () { /* offline: the copy serves */ });
      watch(registration);
    }, function () {
      say('unavailable', 'This browser cannot keep a copy of the course here, so it needs the network ' +
        'each time you open it.');
    });
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
