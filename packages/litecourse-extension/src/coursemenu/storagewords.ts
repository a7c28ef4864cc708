/**
 * Storage in plain words: sizes, what a backup needs against what the browser
 * allows, and why a save failed. Free of JupyterLab imports so it can be
 * tested with plain node.
 */

/**
 * A size as people read it (decimal units, as browsers and file managers show).
 *
 * Example: `formatBytes(1_000_000_000)` is `'1.0 GB'`; `formatBytes(300_000_000)` is `'300 MB'`.
 */
export function formatBytes(bytes: number): string {
  const units = ['bytes', 'KB', 'MB', 'GB', 'TB'];
  let value = Math.max(0, bytes);
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  if (unit === 0) {
    return `${Math.round(value)} ${value === 1 ? 'byte' : 'bytes'}`;
  }
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`;
}

/** What `navigator.storage.estimate()` told us (either may be unknown). */
export interface IStorageEstimate {
  usage?: number;
  quota?: number;
}

/** Space the browser still lets this site use, or `null` when it does not say. */
export function availableBytes(
  estimate: IStorageEstimate | null
): number | null {
  if (
    !estimate ||
    typeof estimate.quota !== 'number' ||
    typeof estimate.usage !== 'number'
  ) {
    return null;
  }
  return Math.max(0, estimate.quota - estimate.usage);
}

/**
 * Largest total a single restore brings back. Everything is held in memory at
 * once (the zip, each inflated file, then the text the browser store keeps:
 * binary files as base64, a third larger), and browsers cap one string near
 * 512 MB; 250 MB keeps the peak well under a low-end laptop's memory while
 * being far beyond any learner's coursework.
 */
export const RESTORE_CAP_BYTES = 250_000_000;

/** Most entries a single restore accepts (a course has tens of files; 3,000 took seconds). */
export const RESTORE_CAP_FILES = 20_000;

/**
 * Why a backup of `need` bytes cannot be restored, or `null` when it fits.
 * `available` is what the browser still allows (`null`: unknown); when both
 * limits are passed, the browser's is named (freeing space is what helps).
 *
 * Example: `tooBigToRestore(1e9, 3e8)` starts `'This backup would need 1.0 GB but the
 * browser lets this course use 300 MB more'`.
 */
export function tooBigToRestore(
  need: number,
  available: number | null,
  cap: number = RESTORE_CAP_BYTES
): string | null {
  const what = `This backup would need ${formatBytes(need)} once unpacked`;
  const after = ' so nothing was restored.';
  if (available !== null && need > available) {
    return (
      `${what}, but the browser lets this course use only ${formatBytes(available)} more,${after} ` +
      'Free some space (download your work, then delete large files you no longer need) and try again.'
    );
  }
  if (need > cap) {
    return `${what}, but a restore brings back at most ${formatBytes(cap)},${after} A course backup is never this big: this zip may not be one.`;
  }
  return null;
}

/**
 * The explanation shown when saving `path` (about `size` bytes) failed
 * because storage is full. The browser's quota is named only when its
 * estimate agrees that little is left; otherwise the disk itself is the
 * likely limit, and the message says so.
 *
 * Example: `storageFullMessage('a.ipynb', {usage: 4e6, quota: 4e6})` names
 * 4.0 MB used of 4.0 MB and says what to do.
 */
export function storageFullMessage(
  path: string,
  estimate: IStorageEstimate | null,
  size: number = 0
): string {
  const available = availableBytes(estimate);
  let used = '';
  if (available !== null && estimate) {
    used =
      available < size + 1_000_000 ||
      available < (estimate.quota as number) * 0.05
        ? ` This site uses ${formatBytes(estimate.usage as number)} of the ${formatBytes(estimate.quota as number)} the browser allows it.`
        : ` This site uses ${formatBytes(estimate.usage as number)}; the browser refused more, so your computer's disk may be nearly full.`;
  }
  return (
    `"${path}" could not be saved: the storage this browser gives the course is full.${used} ` +
    'Whatever was saved before is still there. To make room: download your work (Course › Download all my work), ' +
    'then delete large files you no longer need, and save again.'
  );
}

/** Does this error say storage is full (IndexedDB's QuotaExceededError and its relatives)? */
export function isStorageFull(error: unknown): boolean {
  const e = error as { name?: unknown; message?: unknown } | null;
  const text = `${e?.name ?? ''} ${e?.message ?? error ?? ''}`;
  return /quota|no space|storage\s*(is\s*)?full|disk is full/i.test(text);
}

/**
 * Did a save fail for lack of space? The error may say so; when it says
 * nothing (some stores reject with an empty message), the estimate decides:
 * less than `size` plus a margin left means full.
 */
export function saveFailedForSpace(
  error: unknown,
  size: number,
  estimate: IStorageEstimate | null
): boolean {
  if (isStorageFull(error)) {
    return true;
  }
  const available = availableBytes(estimate);
  return available !== null && available < size + 1_000_000;
}
