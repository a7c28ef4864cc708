/**
 * Keys that belong to an output's own controls.
 *
 * In a notebook's command mode JupyterLab turns arrow keys, Enter and Space into
 * notebook commands (next cell, edit mode…) and takes the focus. Inside our radio
 * groups, buttons and `<summary>` those keys must do what they do everywhere else.
 */

const CONTROL_KEYS = new Set([
  'ArrowUp',
  'ArrowDown',
  'ArrowLeft',
  'ArrowRight',
  'Enter',
  ' ',
  'Home',
  'End'
]);

/** True for a keydown that a focused form control or summary should handle itself. */
export function isControlKey(event: KeyboardEvent): boolean {
  const target = event.target as HTMLElement | null;
  if (
    !target ||
    event.ctrlKey ||
    event.metaKey ||
    event.altKey ||
    event.shiftKey
  ) {
    return false; // Shift+Enter etc. still run the cell
  }
  return (
    CONTROL_KEYS.has(event.key) &&
    !!target.closest('input, button, summary, select, textarea')
  );
}

/** Keep control keys pressed inside `node` away from the notebook's shortcuts. */
export function keepControlKeys(node: HTMLElement): void {
  node.setAttribute('data-lm-suppress-shortcuts', '');
  node.addEventListener('keydown', event => {
    if (isControlKey(event)) {
      event.stopPropagation();
    }
  });
}
