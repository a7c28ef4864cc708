/**
 * litecourse-extension: the course's frontend plugins.
 *
 * Renderers for litecourse MIME types live in `./renderers` and are
 * registered through `jupyterlab.mimeExtension` in package.json.
 */
import {
  ILabShell,
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { ISessionContext, Notification } from '@jupyterlab/apputils';
import { IConsoleTracker } from '@jupyterlab/console';
import { PageConfig } from '@jupyterlab/coreutils';
import { INotebookTracker } from '@jupyterlab/notebook';

import { readCourseConfig } from './config';
import { interruptUrl, listenCode, relayInterrupts } from './interrupts';
import { followKernels, watchEverySession } from './sessions';
import { StartupSnippetRunner } from './startup';
import { courseMenuPlugin } from './coursemenu/plugin';
import { notebookInUrl, startKernelEarly } from './early-kernel';
import { readSlowStartMs, SlowStartWatchdog } from './slow-start';
import { replLinkPlugin } from './repl-link-plugin';
import { SpareKernel, startSpareKernel } from './spare-kernel';
import { teacherUpdatesPlugin } from './updates/plugin';
import { offlineWorkerPlugin } from './offline-worker';

export {
  DEFAULT_STARTUP_SNIPPET,
  parseCourseConfig,
  readCourseConfig
} from './config';
export type { ICourseConfig } from './config';

/**
 * Runs the course start-up snippet in every Python kernel of the site, in
 * JupyterLab (`/lab`) and the Notebook app (`/notebooks`) alike.
 */
const startupPlugin: JupyterFrontEndPlugin<void> = {
  id: 'litecourse-extension:startup',
  description: 'Runs the course start-up snippet when a Python kernel starts.',
  autoStart: true,
  optional: [INotebookTracker, IConsoleTracker],
  activate: (
    app: JupyterFrontEnd,
    notebooks: INotebookTracker | null,
    consoles: IConsoleTracker | null
  ): void => {
    const config = readCourseConfig();
    const specs = app.serviceManager.kernelspecs;
    const baseUrl = PageConfig.getBaseUrl();
    const runner = new StartupSnippetRunner({
      snippet: config.startupSnippet,
      languageOf: name => specs.specs?.kernelspecs[name]?.language,
      // each kernel learns where to hear ■ (see ./interrupts)
      kernelSetup: kernel => listenCode(interruptUrl(baseUrl, kernel.id))
    });
    const interruptible = new WeakSet<ISessionContext>();
    const notify = (message: string) =>
      Notification.warning(message, { autoClose: 12000 });
    watchEverySession([notebooks, consoles], context => {
      runner.watchSessionContext(context);
      followKernels(context, interruptible, kernel =>
        relayInterrupts(kernel, { notify })
      );
    });
    console.log(
      `[litecourse] extension activated (course "${config.courseId}" ` +
        `version "${config.version}", start-up snippet ` +
        `${config.startupSnippet.trim() ? 'on' : 'off'})`
    );
  }
};

/**
 * Tells the learner, with a Reload button, when Python does not start in time
 * instead of leaving a kernel spinning forever.
 */
const slowStartPlugin: JupyterFrontEndPlugin<void> = {
  id: 'litecourse-extension:slow-start',
  description:
    'Tells the learner to reload when Python takes too long to start.',
  autoStart: true,
  optional: [INotebookTracker, IConsoleTracker],
  activate: (
    app: JupyterFrontEnd,
    notebooks: INotebookTracker | null,
    consoles: IConsoleTracker | null
  ): void => {
    const watchdog = new SlowStartWatchdog({
      timeoutMs: readSlowStartMs(),
      saveAll: async () => {
        if (app.commands.hasCommand('docmanager:save-all')) {
          await app.commands.execute('docmanager:save-all');
        }
      }
    });
    watchEverySession([notebooks, consoles], context =>
      watchdog.watchSessionContext(context)
    );
  }
};

/**
 * Starts the kernel of the notebook in the URL while the page is still loading,
 * so Python boots in parallel with the notebook's layout (see `early-kernel.ts`).
 */
const earlyKernelPlugin: JupyterFrontEndPlugin<void> = {
  id: 'litecourse-extension:early-kernel',
  description:
    "Starts the URL's notebook kernel before the notebook widget asks for it.",
  autoStart: true,
  activate: (app: JupyterFrontEnd): void => {
    startKernelEarly(app, window.location.search)
      .then(id => {
        if (id) {
          console.log(
            `[litecourse] started kernel ${id} early for the notebook in the URL`
          );
        }
      })
      .catch(reason =>
        console.warn('[litecourse] could not start the kernel early:', reason)
      );
  }
};

/**
 * In JupyterLab opened without a notebook in its URL, starts a Python kernel
 * once the page has laid out, for the next new notebook (see `spare-kernel.ts`).
 */
const spareKernelPlugin: JupyterFrontEndPlugin<void> = {
  id: 'litecourse-extension:spare-kernel',
  description:
    'Starts a Python kernel ahead of time for the next new notebook.',
  autoStart: true,
  optional: [ILabShell, INotebookTracker],
  activate: (
    app: JupyterFrontEnd,
    labShell: ILabShell | null,
    notebooks: INotebookTracker | null
  ): void => {
    // JupyterLab only: the Notebook app opens each notebook in a page of its own,
    // with the notebook in the URL (the early kernel's case)
    if (!labShell || notebookInUrl(window.location.search)) {
      return;
    }
    const spare = new SpareKernel(app.serviceManager.sessions);
    startSpareKernel(app, spare, () => (notebooks?.size ?? 0) > 0)
      .then(id => {
        if (id) {
          console.log(
            `[litecourse] started kernel ${id} for the next notebook`
          );
        }
      })
      .catch(reason =>
        console.warn('[litecourse] could not start a kernel ahead:', reason)
      );
  }
};

const plugins: JupyterFrontEndPlugin<unknown>[] = [startupPlugin];
plugins.push(spareKernelPlugin);
plugins.push(earlyKernelPlugin);
// the Course menu: back up, restore, reset and clear the learner's work
plugins.push(courseMenuPlugin);
plugins.push(slowStartPlugin);
// the REPL app's console: code from a link runs only after the learner presses Run
plugins.push(replLinkPlugin);
// "updated by your teacher": a notice on a changed notebook the course has since updated
plugins.push(teacherUpdatesPlugin);
// offline after one visit: the service worker stays from page to page
plugins.push(offlineWorkerPlugin);

export default plugins;
