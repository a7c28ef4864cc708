/* The frame notice's script, put inline into the head of every app page (lab/, notebooks/,
 * repl/, ...) by build_tools/frame_notice.py, right after the page's jupyter-config-data and
 * before JupyterLite starts. It runs before the app asks the browser for anything.
 *
 * When the browser refuses what the course needs, the learner gets a readable notice
 * (#litecourse-notice, static HTML in the page) instead of "No available storage method found"
 * or an empty white box:
 *   - "opaque": a frame sandboxed without allow-same-origin has no storage, no workers and no
 *     modules from the site; nothing can run. The notice offers the course in a new tab.
 *   - "blocked": storage refused (third-party site data blocked, some private modes). The app
 *     still starts, with JupyterLite's memory storage, so the notebook runs; the notice says
 *     work will not be kept, offers a new tab, or staying here (a small bar then stays).
 * A frame without scripts never gets here: the page's <noscript> notice shows instead.
 */
(function () {
  "use strict";

  /** How the browser says no to this page: "opaque" (a sandboxed frame), "opaque-tab" (a tab
   * that inherited a sandbox), "blocked" (a frame refused site data), "blocked-top" (the
   * course itself refused site data) or "" (it does not). Each gets advice that leads
   * somewhere: a new tab is no way out where the tab would fare the same. */
  function refusal() {
    var framed;
    try {
      framed = window.top !== window.self;
    } catch (err) {
      framed = true;
    }
    // file: pages have a "null" origin too, but no sandbox to blame; they fail on their own
    if (self.origin === "null" && location.protocol !== "file:") return framed ? "opaque" : "opaque-tab";
    try {
      // reading either throws a SecurityError where site data is refused
      if (!window.indexedDB || !window.localStorage) return framed ? "blocked" : "blocked-top";
    } catch (err) {
      return framed ? "blocked" : "blocked-top";
    }
    return "";
  }

  /** JupyterLite's in-memory storage for contents, settings and workspaces. */
  var MEMORY_STORAGE = {
    enableMemoryStorage: true,
    contentsStorageDrivers: ["memoryStorageDriver"],
    settingsStorageDrivers: ["memoryStorageDriver"],
    workspacesStorageDrivers: ["memoryStorageDriver"]
  };

  /** Keep the page's configuration on memory storage. JupyterLite's config-utils.js merges the
   * configuration from the site's files and writes it into #jupyter-config-data just before it
   * adds the app's bundle; the observer adds our keys then, before the app reads them. */
  function useMemoryStorage() {
    var config = document.getElementById("jupyter-config-data");
    if (!config) return;
    function patch() {
      var data;
      try {
        data = JSON.parse(config.textContent || "{}");
      } catch (err) {
        return;
      }
      var missing = Object.keys(MEMORY_STORAGE).some(function (key) {
        return JSON.stringify(data[key]) !== JSON.stringify(MEMORY_STORAGE[key]);
      });
      if (!missing) return; // our own write comes back here: stop
      Object.keys(MEMORY_STORAGE).forEach(function (key) { data[key] = MEMORY_STORAGE[key]; });
      config.textContent = JSON.stringify(data);
    }
    patch();
    new MutationObserver(patch).observe(config, { childList: true, characterData: true, subtree: true });
  }

  function show(why) {
    var notice = document.getElementById("litecourse-notice");
    if (!notice) return;
    var here = location.href;
    Array.prototype.forEach.call(notice.querySelectorAll("[data-when]"), function (part) {
      part.hidden = part.getAttribute("data-when").split(" ").indexOf(why) < 0;
    });
    Array.prototype.forEach.call(document.querySelectorAll(".lc-open-here"), function (link) {
      link.href = here;
    });
    Array.prototype.forEach.call(notice.querySelectorAll(".lc-address"), function (address) {
      address.textContent = here;
    });
    var bar = document.getElementById("litecourse-unsaved");
    if (bar) {
      Array.prototype.forEach.call(bar.querySelectorAll("[data-when]"), function (part) {
        part.hidden = part.getAttribute("data-when").split(" ").indexOf(why) < 0;
      });
    }
    var stay = notice.querySelector(".lc-stay");
    if (stay && bar) {
      stay.addEventListener("click", function () {
        notice.hidden = true;
        bar.hidden = false;
      });
    }
    // shown without taking focus: a frame that grabs it scrolls the VLE page to itself;
    // the notice's role=alert has screen readers read it
    notice.hidden = false;
  }

  var why = refusal();
  document.documentElement.setAttribute("data-litecourse-storage", why || "available");
  if (!why) return;
  if (why === "blocked" || why === "blocked-top") useMemoryStorage();
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { show(why); });
  } else {
    show(why);
  }
})();
