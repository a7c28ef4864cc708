// litecourse: a course page that has not started after a while is told so, and reloaded once.
//
// Loaded first by every app page (lab/, notebooks/, tree/, ...: build_tools/start_watch.py puts
// it in their index.html). In WebKit on a loaded machine a reload sometimes left the page white:
// JupyterLite's start never finished and nothing said so. This watches the start from outside
// the app (the app's own code may be what never arrived): no app shell after NOTICE_MS, a plain
// message with a Reload button; still none after RELOAD_MS and no file arrived for QUIET_MS,
// one automatic reload per tab session (a second stall keeps the message and the button).
(function () {
  'use strict';
  var NOTICE_MS = 20000;
  var RELOAD_MS = 30000;
  var QUIET_MS = 10000;
  var KEY = 'litecourse-start-reloads';
  var started = Date.now();
  var lastArrival = started;
  var notice = null;

  function appShown() {
    // JupyterLab attaches its shell (a Lumino widget) to the body once the app has started
    return !!document.querySelector('body > .lm-Widget');
  }

  function reloadsSoFar() {
    try {
      return Number(sessionStorage.getItem(KEY) || '0');
    } catch (e) {
      return 1; // no session storage: never reload by ourselves
    }
  }

  function showNotice(text) {
    if (!document.body) {
      return;
    }
    if (!notice) {
      notice = document.createElement('div');
      notice.id = 'litecourse-start-notice';
      notice.setAttribute('role', 'alert');
      notice.style.cssText =
        'position:fixed;top:30%;left:50%;transform:translateX(-50%);max-width:32em;padding:1em 1.5em;' +
        'font:16px/1.5 system-ui,sans-serif;background:#fff;color:#000;border:2px solid #444;z-index:2000';
      var words = document.createElement('p');
      words.style.margin = '0 0 .75em';
      var button = document.createElement('button');
      button.type = 'button';
      button.textContent = 'Reload the page';
      button.style.font = 'inherit';
      button.addEventListener('click', function () {
        location.reload();
      });
      notice.appendChild(words);
      notice.appendChild(button);
      document.body.appendChild(notice);
    }
    notice.firstChild.textContent = text;
  }

  if ('PerformanceObserver' in window) {
    try {
      new PerformanceObserver(function () {
        lastArrival = Date.now();
      }).observe({ type: 'resource', buffered: false });
    } catch (e) {
      // an old browser without resource timing: the time limits alone apply
    }
  }

  /** The frame notice (build_tools/frame_notice.js) says this page cannot start here (a
   * sandbox, blocked storage): it alone speaks, one alert for screen readers, and no reload. */
  function explainedElsewhere() {
    var storage = document.documentElement.getAttribute('data-litecourse-storage');
    var frameNotice = document.getElementById('litecourse-notice');
    return !!storage && storage !== 'available' && !!frameNotice && !frameNotice.hidden;
  }

  var timer = setInterval(function () {
    var now = Date.now();
    if (explainedElsewhere()) {
      if (notice) {
        notice.remove();
        notice = null;
      }
      document.documentElement.setAttribute('data-litecourse-start-watch', 'quiet');
      started = now; // a learner who chooses to use the page anyway gets the watch from then on
      return;
    }
    if (appShown()) {
      clearInterval(timer);
      if (notice) {
        notice.remove();
      }
      if (reloadsSoFar() > 0) {
        // the start after our reload worked: say so to whoever looks (the reload benchmark)
        document.documentElement.setAttribute('data-litecourse-recovered', String(reloadsSoFar()));
        try {
          sessionStorage.removeItem(KEY);
        } catch (e) {
          // nothing to forget
        }
      }
      return;
    }
    if (now - started < NOTICE_MS) {
      return;
    }
    var reloads = reloadsSoFar();
    if (reloads === 0 && now - started >= RELOAD_MS && now - lastArrival >= QUIET_MS) {
      showNotice('This page stopped while starting. Reloading it…');
      try {
        sessionStorage.setItem(KEY, '1');
      } catch (e) {
        return;
      }
      clearInterval(timer);
      location.reload();
      return;
    }
    showNotice(
      reloads === 0
        ? 'This page is taking longer than usual to start. If nothing changes, reload it: your saved work is kept in this browser.'
        : 'This page did not start, even after reloading. Reload it again, or close the tab and open the course again: your saved work is kept in this browser.'
    );
  }, 1000);
})();
