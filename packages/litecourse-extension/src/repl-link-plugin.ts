/**
 * The REPL app's console, opened with its link's options; code from a link runs
 * only when the learner presses Run (logic in `./repl-link`).
 *
 * Replaces `@jupyterlite/repl-extension:console`, which runs a link's `code` at
 * once; package.json disables that plugin (`jupyterlab.disabledExtensions`).
 */
import {
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { IThemeManager } from '@jupyterlab/apputils';
import {
  CodeConsole,
  ConsolePanel,
  IConsoleTracker
} from '@jupyterlab/console';
import type { Message } from '@lumino/messaging';
import { Widget } from '@lumino/widgets';

import {
  COURSE_CODE_MESSAGE,
  courseCodeMessage,
  LINK_CODE_TEXT,
  linkCodeChoice,
  linkParams,
  REPL_READY_MESSAGE,
  replLinkOptions
} from './repl-link';

/** A plugin only the REPL app has: ours opens a console in that app alone. */
const REPL_APP_PLUGIN = '@jupyterlite/repl-extension:paths';

/** Run each piece of code in the console, one after the other. */
async function runAll(codeConsole: CodeConsole, code: string[]): Promise<void> {
  for (const piece of code) {
    await codeConsole.inject(piece);
  }
}

/**
 * A panel in the console's header as tall as its text (up to a third of the window).
 */
class FittedPanel extends Widget {
  protected onAfterAttach(msg: Message): void {
    super.onAfterAttach(msg);
    // Any change in the height of the text (a new width rewraps it, a font arrives
    // late, the learner zooms) refits the panel: the header clips what overflows it,
    // and a clipped button cannot be clicked.
    this.resizes = new ResizeObserver(() => this.fitToContent());
    for (const child of Array.from(this.node.children)) {
      this.resizes.observe(child);
    }
    requestAnimationFrame(() => this.fitToContent());
  }

  protected onBeforeDetach(msg: Message): void {
    this.resizes?.disconnect();
    this.resizes = null;
    super.onBeforeDetach(msg);
  }

  protected onResize(msg: Widget.ResizeMessage): void {
    super.onResize(msg);
    // a taller or shorter window moves the cap of a third of its height
    requestAnimationFrame(() => this.fitToContent());
  }

  /**
   * The header's box layout gives a widget its CSS minimum height: make that the
   * height the text needs (up to a third of the window; the panel scrolls beyond).
   */
  private fitToContent(): void {
    if (this.isDisposed) {
      return;
    }
    const node = this.node;
    const last = node.lastElementChild as HTMLElement | null;
    if (!last) {
      return;
    }
    // measured from the children, not scrollHeight, which never drops below the
    // height the layout last gave the panel
    const box = getComputedStyle(node);
    const px = (value: string) => parseFloat(value) || 0;
    const textHeight =
      px(box.borderTopWidth) +
      last.offsetTop +
      last.offsetHeight +
      px(getComputedStyle(last).marginBottom) +
      px(box.paddingBottom) +
      px(box.borderBottomWidth);
    // at most a third of the window, so the console below keeps room in a small frame
    const needed = Math.ceil(
      Math.min(textHeight, Math.round(window.innerHeight / 3))
    );
    if (node.style.minHeight !== `${needed}px`) {
      node.style.minHeight = `${needed}px`;
      this.parent?.fit();
    }
  }

  private resizes: ResizeObserver | null = null;
}

/** The parts both link-code panels share: the region's title and the code, read-only. */
function linkCodeParts(
  node: HTMLElement,
  code: string
): { title: HTMLElement; source: HTMLElement } {
  node.classList.add('lc-LinkCode');
  node.setAttribute('role', 'region');
  node.setAttribute('aria-labelledby', 'lc-LinkCode-title');
  const title = document.createElement('h2');
  title.id = 'lc-LinkCode-title';
  title.textContent = LINK_CODE_TEXT.title;
  const source = document.createElement('pre');
  source.className = 'lc-LinkCode-source';
  source.textContent = code; // text, never HTML: the link is not trusted
  source.tabIndex = 0; // long code scrolls: keyboard users must reach it
  source.setAttribute('aria-label', LINK_CODE_TEXT.codeLabel);
  return { title, source };
}

/**
 * The code from a link, read-only, with Run and Do-not-run buttons. Calls
 * `onRun` once when Run is pressed; closes itself either way.
 */
export class LinkCodePrompt extends FittedPanel {
  constructor(code: string, onRun: () => Promise<void>) {
    super();
    const node = this.node;
    const { title, source } = linkCodeParts(node, code);
    const explain = document.createElement('p');
    explain.textContent = LINK_CODE_TEXT.explain;
    const status = document.createElement('p');
    status.setAttribute('role', 'status');
    status.className = 'lc-LinkCode-status';

    const run = document.createElement('button');
    run.type = 'button';
    run.className = 'jp-Button jp-mod-styled jp-mod-accept lc-LinkCode-run';
    run.textContent = LINK_CODE_TEXT.run;
    const dismiss = document.createElement('button');
    dismiss.type = 'button';
    dismiss.className =
      'jp-Button jp-mod-styled jp-mod-reject lc-LinkCode-dismiss';
    dismiss.textContent = LINK_CODE_TEXT.dismiss;
    const bar = document.createElement('div');
    bar.className = 'lc-LinkCode-buttons';
    bar.append(run, dismiss);

    run.addEventListener('click', () => {
      run.disabled = dismiss.disabled = true;
      status.textContent = LINK_CODE_TEXT.running;
      onRun().finally(() => this.dispose());
    });
    dismiss.addEventListener('click', () => this.dispose());
    // the buttons before the code: a long snippet scrolls, the choice stays in view
    node.append(title, explain, bar, status, source);
  }
}

/**
 * The code from a link opened in a frame of another site's page: shown, with a link
 * to a tab of its own (where it is asked again) and its address; nothing here runs it.
 */
export class LinkCodeElsewhere extends FittedPanel {
  constructor(code: string, address: string) {
    super();
    const node = this.node;
    const { title, source } = linkCodeParts(node, code);
    const explain = document.createElement('p');
    explain.textContent = LINK_CODE_TEXT.elsewhereExplain;
    const open = document.createElement('a');
    open.className = 'lc-LinkCode-open';
    open.href = address;
    open.target = '_blank';
    open.rel = 'noopener noreferrer';
    open.textContent = LINK_CODE_TEXT.openInTab;
    const copy = document.createElement('p');
    copy.textContent = LINK_CODE_TEXT.copyAddress + ' ';
    const url = document.createElement('code');
    url.className = 'lc-LinkCode-address';
    url.textContent = address;
    copy.appendChild(url);
    node.append(title, explain, open, copy, source);
  }
}

/**
 * Runs code posted by a page of this course that frames this REPL, once the
 * console is ready; tells such a page when it is.
 */
function listenForCourseCode(ready: Promise<CodeConsole>): void {
  window.addEventListener('message', event => {
    const code = courseCodeMessage(
      {
        origin: event.origin,
        data: event.data,
        fromParent: window.parent !== window && event.source === window.parent
      },
      window.location.origin
    );
    if (code !== null) {
      void ready.then(codeConsole => codeConsole.inject(code));
    }
  });
  if (parentOfThisOrigin()) {
    // the target origin makes sure no other page receives it
    void ready.then(() =>
      window.parent.postMessage(
        { type: REPL_READY_MESSAGE, accepts: COURSE_CODE_MESSAGE },
        window.location.origin
      )
    );
  }
}

/** True when this page is framed by a page of its own origin (a page elsewhere cannot be read). */
function parentOfThisOrigin(): boolean {
  try {
    return (
      window.parent !== window &&
      window.parent.location.origin === window.location.origin
    );
  } catch {
    return false; // reading another origin's location throws
  }
}

export const replLinkPlugin: JupyterFrontEndPlugin<void> = {
  id: 'litecourse-extension:repl-link',
  description:
    "Opens the REPL's console with its link's options; code from a link runs only after the learner presses Run.",
  autoStart: true,
  optional: [IConsoleTracker, IThemeManager],
  activate: (
    app: JupyterFrontEnd,
    consoles: IConsoleTracker | null,
    themes: IThemeManager | null
  ): void => {
    if (!consoles || !app.hasPlugin(REPL_APP_PLUGIN)) {
      return;
    }
    const options = replLinkOptions(
      linkParams(window.location.search, window.location.hash)
    );
    let markReady: (console: CodeConsole) => void = () => undefined;
    listenForCourseCode(
      new Promise<CodeConsole>(resolve => (markReady = resolve))
    );

    void app.started.then(() =>
      app.commands.execute('console:create', {
        kernelPreference: { name: options.kernel }
      })
    );
    consoles.widgetAdded.connect(
      async (_: IConsoleTracker, panel: ConsolePanel) => {
        if (!options.toolbar) {
          panel.toolbar.dispose();
        }
        const codeConsole = panel.console;
        await codeConsole.sessionContext.ready;
        codeConsole.setConfig(options.config);
        (
          codeConsole as unknown as { _onKernelChanged?: () => void }
        )._onKernelChanged?.(); // redraws the banner with the new config, as JupyterLite does
        const choice = linkCodeChoice({
          hasCode: options.code.length > 0,
          promptOnly: options.promptOnly,
          framed: window.parent !== window,
          framedByOwnOrigin: parentOfThisOrigin()
        });
        if (choice === 'prompt') {
          codeConsole.replaceSelection(options.code.join('\n')); // in the prompt, not run
        } else if (choice === 'ask') {
          const run = () => runAll(codeConsole, options.code);
          panel.contentHeader.addWidget(
            new LinkCodePrompt(options.code.join('\n'), run)
          );
        } else if (choice === 'elsewhere') {
          panel.contentHeader.addWidget(
            new LinkCodeElsewhere(options.code.join('\n'), window.location.href)
          );
        }
        markReady(codeConsole);
      }
    );
    if (options.theme && themes) {
      void themes.setTheme(decodeURIComponent(options.theme));
    }
  }
};
