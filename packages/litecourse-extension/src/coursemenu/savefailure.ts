/**
 * When a save fails because the browser's storage is full, say so: what
 * happened, how much space the course uses, what to do. JupyterLab shows a
 * failed save as "File Save Error for …" with the error's message as its
 * body, which for a full IndexedDB is empty; wrapping the contents manager's
 * `save` gives every writer (notebook saves, the file browser, uploads, the
 * kernel's `/drive`) the explanation. The words live in `storagewords.ts`.
 */
import { Contents } from '@jupyterlab/services';

import { DriveSaveReplies } from './drivereplies';
import {
  IStorageEstimate,
  saveFailedForSpace,
  storageFullMessage
} from './storagewords';

/** An error whose message explains that storage is full. */
export class StorageFullError extends Error {
  constructor(
    message: string,
    readonly cause: unknown
  ) {
    super(message);
    this.name = 'StorageFullError';
  }
}

/** Rough size of what a save writes (the model's content as stored). */
function savedSize(options?: Partial<Contents.IModel>): number {
  const content = options?.content;
  if (content === null || content === undefined) {
    return 0;
  }
  return typeof content === 'string'
    ? content.length
    : JSON.stringify(content).length;
}

/**
 * Make `contents.save` reject with a `StorageFullError` (plain words) when a
 * save fails for lack of space; other failures pass through unchanged. A
 * failed save the kernel asked for is answered (see `drivereplies.ts`).
 */
export function explainFullStorage(
  contents: Contents.IManager,
  estimate: () => Promise<IStorageEstimate | null>
): void {
  const replies =
    typeof BroadcastChannel === 'function' ? new DriveSaveReplies() : null;
  const save = contents.save.bind(contents);
  contents.save = async (
    path: string,
    options?: Partial<Contents.IModel>
  ): Promise<Contents.IModel> => {
    try {
      return await save(path, options);
    } catch (error) {
      if (error instanceof StorageFullError) {
        throw error;
      }
      const now = await estimate();
      const size = savedSize(options);
      const full = saveFailedForSpace(error, size, now);
      const explained = full
        ? new StorageFullError(storageFullMessage(path, now, size), error)
        : error;
      replies?.failed(
        path,
        full,
        `${(explained as Error)?.message ?? explained}`
      );
      throw explained;
    }
  };
}
