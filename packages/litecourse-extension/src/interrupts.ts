/**
 * Kernel › Interrupt (and ■) stops running Python in the browser's kernel.
 *
 * Why this path: JupyterLite's interrupt only cancels the requests still
 * waiting; Python busy in the kernel's worker never hears it (the worker
 * cannot receive a message until Python returns). Pyodide can be stopped
 * through an "interrupt buffer" it reads while it runs; pyodide-kernel would
 * need a SharedArrayBuffer for it, hence a cross-origin isolated page, which a
 * course inside another site's iframe (a VLE page) can never be. So every
 * kernel is given, as it starts, a buffer that asks the site's service worker
 * whether to stop (`kernel_python/interrupt_buffer.js`); an interrupt is handed
 * to the service worker first (`build_tools/service_worker/interrupts.js`), then
 * lets JupyterLite cancel what is queued. Where the service worker is not
 * running, the learner is told to restart instead of waiting in vain.
 */
import { Kernel } from '@jupyterlab/services';

import { privately } from './startup-guard';
// bundled as text (webpack.config.js), so the kernel's code stays real .py/.js files
import listenSource from '../kernel_python/interrupts.py';
import bufferSource from '../kernel_python/interrupt_buffer.js?raw';

/** Where a running kernel asks whether to stop, under the site's base URL. */
export function interruptUrl(baseUrl: string, kernelId: string): string {
  const base = baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;
  return `${base}api/litecourse/interrupt/${encodeURIComponent(kernelId)}`;
}

/**
 * The request, sent once per kernel start, that makes the kernel listen for
 * interrupts at `url` (`kernel_python/interrupts.py` given the buffer's
 * JavaScript).
 */
export function listenCode(url: string): string {
  const call = `listen(${JSON.stringify(url)}, ${JSON.stringify(bufferSource)})`;
  return privately(listenSource, 'litecourse-interrupts', call);
}

/** What the learner is told when this window cannot interrupt Python. */
export const CANNOT_INTERRUPT =
  'Python cannot be interrupted in this browser window (the course’s service ' +
  'worker is not running here). To stop it, use Kernel › Restart Kernel: your ' +
  'notebook is kept, its variables are not.';

/** What the learner is told when Python has not stopped some seconds after ■. */
export const STILL_BUSY =
  'Python has not stopped yet (it may be waiting inside a long operation). ' +
  'If it does not stop, use Kernel › Restart Kernel: your notebook is kept, its ' +
  'variables are not.';

/** How long Python may take to stop before the learner is told what else to do. */
export const STOP_WAIT_MS = 4000;

/** How long the service worker may take to take an interrupt. */
const SEND_WAIT_MS = 3000;

/**
 * Hand the site's service worker an interrupt for `kernelId`; true when it
 * took it. A message, not a request: it reaches the service worker even when
 * this page's requests do not go through it (a page loaded before it was
 * active), and wakes it if the browser had stopped it.
 */
export async function sendInterrupt(kernelId: string): Promise<boolean> {
  const container = navigator.serviceWorker;
  const registration = container
    ? await container.getRegistration().catch(() => undefined)
    : undefined;
  const worker = registration?.active;
  if (!worker) {
    console.warn('[litecourse] no active service worker for this page');
    return false;
  }
  return new Promise<boolean>(resolve => {
    const channel = new MessageChannel();
    const timer = window.setTimeout(() => {
      console.warn(
        '[litecourse] the service worker did not take the interrupt'
      );
      resolve(false);
    }, SEND_WAIT_MS);
    channel.port1.onmessage = () => {
      window.clearTimeout(timer);
      resolve(true);
    };
    worker.postMessage({ litecourseInterrupt: kernelId }, [channel.port2]);
  });
}

/** How an interrupt reaches the kernel and what the learner is told. */
export interface IInterruptOptions {
  /** Show a message to the learner. */
  notify: (message: string) => void;
  /** Hand over an interrupt (default: {@link sendInterrupt}). */
  send?: (kernelId: string) => Promise<boolean>;
}

const relayed = new WeakSet<Kernel.IKernelConnection>();

/**
 * Make `kernel.interrupt()` (the menu, ■ and the I,I shortcut all call it)
 * reach Python running in the worker, once per connection.
 */
export function relayInterrupts(
  kernel: Kernel.IKernelConnection,
  options: IInterruptOptions
): void {
  if (relayed.has(kernel)) {
    return;
  }
  relayed.add(kernel);
  const send = options.send ?? sendInterrupt;
  const cancelQueued = kernel.interrupt.bind(kernel);
  kernel.interrupt = async () => {
    if (kernel.status === 'busy') {
      const taken = await send(kernel.id);
      console.info(
        `[litecourse] interrupt of kernel ${kernel.id}: ` +
          (taken ? 'sent to Python' : 'no service worker to carry it')
      );
      if (taken) {
        warnIfStillBusy(kernel, options.notify);
      } else {
        options.notify(CANNOT_INTERRUPT);
      }
    }
    return cancelQueued();
  };
}

/** Tell the learner what to do if Python is still busy after {@link STOP_WAIT_MS}. */
function warnIfStillBusy(
  kernel: Kernel.IKernelConnection,
  notify: (message: string) => void
): void {
  let answered = false;
  const onStatus = (_: unknown, status: Kernel.Status): void => {
    if (status !== 'busy') {
      answered = true;
    }
  };
  kernel.statusChanged.connect(onStatus);
  window.setTimeout(() => {
    kernel.statusChanged.disconnect(onStatus);
    if (!answered && !kernel.isDisposed && kernel.status === 'busy') {
      notify(STILL_BUSY);
    }
  }, STOP_WAIT_MS);
}
