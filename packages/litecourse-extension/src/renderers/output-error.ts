/**
 * The message an output shows instead of itself when its payload cannot be
 * shown: plain words in the output area, never a traceback, and never an
 * exception out of a renderer (a renderer that throws stops the notebook
 * from showing the cells after it).
 */

/** The sentence shown for `reason`: "This output could not be shown: …". */
export function outputErrorText(
  reason: string,
  lead = 'This output could not be shown'
): string {
  const clean = reason.trim().replace(/[.\s]+$/, '');
  return `${lead}: ${clean || 'its data is damaged'}.`;
}

/** A styled alert with {@link outputErrorText} (and `after`, a sentence that follows it). */
export function outputErrorElement(
  reason: string,
  lead?: string,
  after = ''
): HTMLElement {
  const box = document.createElement('div');
  box.className = 'litecourse-error litecourse-output-error';
  box.setAttribute('role', 'alert');
  box.textContent = outputErrorText(reason, lead) + (after ? ` ${after}` : '');
  return box;
}

/** The reason in an error we did not foresee, in words (no stack). */
export function reasonOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return `something went wrong while drawing it (${message.slice(0, 200)})`;
}
