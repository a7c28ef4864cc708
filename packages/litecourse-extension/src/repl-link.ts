/**
 * Code arriving with a REPL link (`repl/index.html?code=...`), read without
 * running it.
 *
 * JupyterLite's own REPL plugin runs a link's `code` as soon as the console
 * opens, so a link posted anywhere could read, change or delete the learner's
 * files in this course's storage. We read the same parameters as that plugin
 * (which we disable) and only *show* the code; it runs when the learner presses
 * Run, or when a page of this very course hands it over (see
 * `courseCodeMessage`). Pure: no JupyterLab imports, tested with node.
 */

/** The parameters JupyterLite's REPL reads from its URL (from the hash when it holds any). */
export const REPL_PARAMS = [
  'clearCellsOnExecute',
  'clearCodeContentOnExecute',
  'code',
  'execute',
  'hideCodeInput',
  'kernel',
  'promptCellPosition',
  'showBanner',
  'theme',
  'toolbar'
] as const;

const PROMPT_POSITIONS = ['top', 'bottom', 'left', 'right'] as const;

/** The REPL's options as a link sets them. */
export interface IReplLinkOptions {
  /** each `code` parameter, in order; empty when the link has none */
  code: string[];
  /** true for `execute=0`: put the code in the prompt, do not run it */
  promptOnly: boolean;
  kernel: string | undefined;
  theme: string | undefined;
  /** keep the console's toolbar (`toolbar` present) */
  toolbar: boolean;
  config: {
    clearCellsOnExecute?: boolean;
    clearCodeContentOnExecute?: boolean;
    hideCodeInput?: boolean;
    showBanner?: boolean;
    promptCellPosition?: (typeof PROMPT_POSITIONS)[number];
  };
}

/**
 * The parameters of a REPL page, as JupyterLite reads them: the hash's when it
 * holds any REPL parameter (`#code=...`), else the query string's.
 *
 * ```ts
 * linkParams('?code=1', '#kernel=python&code=2').get('code') // '2'
 * linkParams('?code=1', '#top').get('code')                  // '1'
 * ```
 */
export function linkParams(search: string, hash: string): URLSearchParams {
  let inHash = hash.startsWith('#') ? hash.slice(1) : hash;
  if (inHash.startsWith('?')) {
    inHash = inHash.slice(1);
  }
  const fromHash = new URLSearchParams(inHash);
  return REPL_PARAMS.some(name => fromHash.has(name))
    ? fromHash
    : new URLSearchParams(search);
}

/**
 * The REPL options a link sets, with the meaning JupyterLite 0.8.6 gives them
 * (`clearCodeContentOnExecute=0` and `showBanner=0` turn those off; the other
 * switches turn on with `1`).
 *
 * ```ts
 * replLinkOptions(new URLSearchParams('kernel=python&code=print(1)')).code // ['print(1)']
 * ```
 */
export function replLinkOptions(params: URLSearchParams): IReplLinkOptions {
  const asked = params.get('promptCellPosition') ?? '';
  const position = PROMPT_POSITIONS.find(p => p === asked);
  return {
    code: params.getAll('code'),
    promptOnly: params.get('execute') === '0',
    kernel: params.get('kernel') || undefined,
    theme: params.get('theme')?.trim() || undefined,
    toolbar: params.get('toolbar') !== null,
    config: {
      clearCellsOnExecute:
        params.get('clearCellsOnExecute') === '1' || undefined,
      clearCodeContentOnExecute:
        params.get('clearCodeContentOnExecute') === '0' ? false : undefined,
      hideCodeInput: params.get('hideCodeInput') === '1' || undefined,
      showBanner: params.get('showBanner') === '0' ? false : undefined,
      promptCellPosition: position
    }
  };
}

/** What the page shows above code that came with a link. */
export const LINK_CODE_TEXT = {
  title: 'Code from a link',
  explain:
    'This code came with the link that opened this page. It has not run. ' +
    'Read it first: code run here can read, change or delete your files in this course. ' +
    'Press Run to run it, or Do not run to leave it.',
  codeLabel: 'Code from the link',
  run: 'Run this code',
  dismiss: 'Do not run',
  running: 'Running the code from the link…',
  elsewhereExplain:
    'This code came with the link that opened this page, inside a page of another site. ' +
    'It has not run. Code run here can read, change or delete your files in this course, ' +
    'so code from a link runs only in a tab of its own, where you can read it and choose.',
  openInTab: 'Open it in a new tab to read it and choose',
  copyAddress: 'If no tab opens, copy this address into a new tab:'
};

/**
 * What a link's code gets: nothing to show (`none`), a place in the prompt (`prompt`,
 * `execute=0`), a Run button here (`ask`), or, in a frame of a page of another origin,
 * only a way to a tab of its own (`elsewhere`): a page of another site can lay the frame
 * under its own button (at opacity 0.01), so a click that seems to be on that page would
 * land on Run. A page of the course itself frames the REPL for its own code (embed.html).
 *
 * ```ts
 * linkCodeChoice({ hasCode: true, promptOnly: false, framed: true, framedByOwnOrigin: false }) // 'elsewhere'
 * ```
 */
export function linkCodeChoice(where: {
  hasCode: boolean;
  promptOnly: boolean;
  framed: boolean;
  framedByOwnOrigin: boolean;
}): 'none' | 'prompt' | 'ask' | 'elsewhere' {
  if (!where.hasCode) {
    return 'none';
  }
  if (where.framed && !where.framedByOwnOrigin) {
    return 'elsewhere';
  }
  return where.promptOnly ? 'prompt' : 'ask';
}

/** The message a page of this course posts to a REPL frame to hand it code to run. */
export const COURSE_CODE_MESSAGE = 'litecourse:repl-code';
/** The message the REPL frame posts to its parent page (same origin only) once it can run code. */
export const REPL_READY_MESSAGE = 'litecourse:repl-ready';

/** The parts of a `MessageEvent` that decide whether its code is the course's own. */
export interface ICourseMessage {
  origin: string;
  data: unknown;
  /** the event's `source` is this frame's parent window (and the frame has one) */
  fromParent: boolean;
}

/**
 * The code in a message from a page of this course, else null.
 *
 * Only a page of this origin that holds this REPL in a frame can hand it code:
 * a link cannot post messages, and the browser sets `origin` (another site's
 * page cannot pretend to be ours).
 *
 * ```ts
 * courseCodeMessage({origin: 'https://me.org', fromParent: true,
 *   data: {type: 'litecourse:repl-code', code: 'x = 1'}}, 'https://me.org') // 'x = 1'
 * ```
 */
export function courseCodeMessage(
  message: ICourseMessage,
  ownOrigin: string
): string | null {
  if (
    !message.fromParent ||
    message.origin !== ownOrigin ||
    ownOrigin === 'null'
  ) {
    return null;
  }
  const data = message.data as { type?: unknown; code?: unknown } | null;
  if (!data || typeof data !== 'object' || data.type !== COURSE_CODE_MESSAGE) {
    return null;
  }
  return typeof data.code === 'string' && data.code.trim() ? data.code : null;
}
