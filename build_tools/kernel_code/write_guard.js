// Installed in the kernel's worker by storage_guard.py: refuses a write through
// JupyterLite's /drive that would make a file bigger than the browser can save.
//
// Why here: DriveFS keeps an open file in memory and, on close, sends all of it
// as one string (base64 for binary) through the service worker to the page,
// which stores it in IndexedDB. A 200 MB file makes several copies of that size
// at once and the tab dies. Throwing Emscripten's ErrnoError(ENOSPC) from the
// filesystem's `write` reaches Python as `OSError(errno.ENOSPC)`, before any
// of that happens. The worker cannot wait for `navigator.storage.estimate()`
// during a write, so the space left is refreshed in the background and the
// per-file cap always applies.
(function installWriteGuard(drive, FS, fileCap, storage, errno) {
  const streamOps = drive.stream_ops;
  if (streamOps.litecourseGuard) {
    return streamOps.litecourseGuard;
  }
  const { ENOSPC, EINVAL, EIO } = errno;
  // binary files are stored as base64, a third larger than their bytes
  const STORED_PER_BYTE = 4 / 3;
  const state = { fileCap: fileCap, available: undefined, refused: undefined, asked: 0 };
  const refresh = () => {
    if (!storage || typeof storage.estimate !== 'function') {
      return;
    }
    state.asked = Date.now();
    storage.estimate().then(
      e => {
        if (typeof e.quota === 'number' && typeof e.usage === 'number') {
          state.available = Math.max(0, e.quota - e.usage);
        }
      },
      () => undefined
    );
  };
  state.limit = () =>
    state.available === undefined ? state.fileCap : Math.min(state.fileCap, Math.floor(state.available / STORED_PER_BYTE));
  const pathOf = stream => String(stream.path || (stream.node && stream.node.name) || '').replace(/^\/drive\/?/, '');
  const write = streamOps.write;
  const close = streamOps.close;
  streamOps.write = function (stream, buffer, offset, length, position, canOwn) {
    const size = position + length;
    const limit = state.limit();
    if (length > 0 && size > limit) {
      state.refused = { path: pathOf(stream), size: size, limit: limit, capped: limit === state.fileCap };
      refresh();
      throw new FS.ErrnoError(ENOSPC);
    }
    if (Date.now() - state.asked > 2000) {
      refresh();
    }
    return write.call(this, stream, buffer, offset, length, position, canOwn);
  };
  if (typeof close === 'function') {
    streamOps.close = function (stream) {
      const size = stream.file && stream.file.data ? stream.file.data.length : (stream.node && stream.node.usedBytes) || 0;
      try {
        return close.call(this, stream);
      } catch (error) {
        // DriveFS reports any failed request as EINVAL; the page refuses to store a
        // written file when its storage is full, so say that rather than "invalid argument"
        if (error && error.errno === EINVAL) {
          state.refused = { path: pathOf(stream), size: size, limit: -1, capped: false };
          throw new FS.ErrnoError(ENOSPC);
        }
        if (error && error.errno === ENOSPC && state.refused && state.refused.limit === -1) {
          state.refused.size = size;
        }
        throw error;
      } finally {
        // a closed file has been saved (or not): the space left has changed
        refresh();
      }
    };
  }
  // the page answers a save it could not make with a marker (litecourse-extension's
  // drivereplies.ts; without it the request would never be answered)
  const api = drive.API;
  if (api && typeof api.request === 'function') {
    const request = api.request;
    api.request = function (message) {
      const answer = request.call(this, message);
      const failed = answer && answer.litecourseSaveFailed;
      if (failed) {
        const path = String(message.path || '').replace(/^[^:/]*:/, '').replace(/^\//, '');
        state.refused = { path: path, size: 0, limit: -1, capped: false, message: String(failed.message || '') };
        throw new FS.ErrnoError(failed.storageFull ? ENOSPC : EIO);
      }
      return answer;
    };
  }
  streamOps.litecourseGuard = state;
  refresh();
  return state;
})
