/**
 * Answer the kernel when saving one of its files failed.
 *
 * Python writes files through JupyterLite's `/drive`: the kernel's worker sends
 * each request through the service worker, which broadcasts it to the page and
 * waits for the page's answer. When the page's save fails (storage full), the
 * page never answers, so the kernel waits forever in a synchronous request and
 * the learner's cell never ends. This listens on the same channel, remembers the
 * kernel's pending saves, and when one fails answers it with a marker that the
 * kernel's write guard (`build_tools/kernel_code/write_guard.js`) turns into
 * `OSError` with a plain-words message.
 */

/** The channel JupyterLite's service worker and page talk on (`/sw-api.v1`). */
export const DRIVE_CHANNEL = '/sw-api.v1';

/** Key of the answer object the write guard recognises. */
export const SAVE_FAILED_KEY = 'litecourseSaveFailed';

interface IPending {
  requestId: string;
  browsingContextId: string;
}

/** Remembers the kernel's pending saves and answers those that failed. */
export class DriveSaveReplies {
  private readonly channel: BroadcastChannel;
  private readonly pending = new Map<string, IPending[]>();

  constructor() {
    this.channel = new BroadcastChannel(DRIVE_CHANNEL);
    this.channel.addEventListener('message', event =>
      this.onMessage(event.data)
    );
  }

  private onMessage(message: unknown): void {
    const m = message as {
      data?: { method?: string; path?: string };
      requestId?: string;
      browsingContextId?: string;
      pathname?: string;
      response?: unknown;
    };
    if (!m || typeof m.requestId !== 'string') {
      return;
    }
    if ('response' in m) {
      // answered (by the page, or by us): nothing to do for it any more
      for (const [path, list] of this.pending) {
        const rest = list.filter(p => p.requestId !== m.requestId);
        if (rest.length > 0) {
          this.pending.set(path, rest);
        } else {
          this.pending.delete(path);
        }
      }
      return;
    }
    if (
      m.pathname?.includes('/api/drive') &&
      m.data?.method === 'put' &&
      typeof m.data.path === 'string'
    ) {
      const list = this.pending.get(m.data.path) ?? [];
      list.push({
        requestId: m.requestId,
        browsingContextId: m.browsingContextId ?? ''
      });
      this.pending.set(m.data.path, list);
    }
  }

  /** Saving `path` failed: answer the kernel's pending saves of it. */
  failed(path: string, storageFull: boolean, message: string): void {
    const list = this.pending.get(path);
    if (!list) {
      return;
    }
    this.pending.delete(path);
    for (const { requestId, browsingContextId } of list) {
      this.channel.postMessage({
        response: { [SAVE_FAILED_KEY]: { storageFull, message } },
        browsingContextId,
        requestId,
        // the page's own listener also hears this; a stdin path with no handler makes it ignore it
        pathname: '/api/stdin/litecourse-answered'
      });
    }
  }
}
