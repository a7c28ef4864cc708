/**
 * "Updated by your teacher": remembers which shipped version each course
 * notebook the learner saved started from, and when a later build ships a new
 * version of a notebook they changed, says so above that notebook and offers
 * the new version beside theirs. Never replaces the learner's file.
 */
import {
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { INotebookTracker, NotebookPanel } from '@jupyterlab/notebook';
import { Contents } from '@jupyterlab/services';

import {
  bytesToSaveModel,
  modelToBytes,
  sameContent
} from '../coursemenu/content';
import { learnerTree, shippedBytes } from '../coursemenu/work';
import { UpdateNotice } from './notice';
import {
  contentsStorageName,
  fetchVersions,
  UpdateRecordsStore
} from './store';
import {
  afterCaughtUp,
  afterRemoval,
  afterSave,
  afterSeen,
  courseVersionName,
  updateState,
  Versions
} from './versions';

/**
 * Keep the records in step with the learner's saves, deletes and renames.
 * `versionsAt(path)` is the manifest of when the saved notebook was opened
 * (its content came from that build, even if a newer one was published since).
 */
function followChanges(
  contents: Contents.IManager,
  versionsAt: (path: string) => Promise<Versions | null>,
  store: UpdateRecordsStore,
  removed: (path: string) => void
): void {
  contents.fileChanged.connect(async (_, change) => {
    const saved = change.type === 'save' ? change.newValue?.path : undefined;
    if (saved) {
      const shipped = await versionsAt(saved);
      if (shipped) {
        store.update(records => afterSave(records, saved, shipped));
      }
    } else if (
      (change.type === 'delete' || change.type === 'rename') &&
      typeof change.oldValue?.path === 'string'
    ) {
      const gone = change.oldValue.path;
      // a reset deletes the learner's copy: the course version shows there again
      store.update(records => afterRemoval(records, gone));
      removed(gone);
    }
  });
}

/** Write the shipped version of `path` as a dated copy and open it beside `panel`; returns the copy's path. */
async function openNewVersion(
  app: JupyterFrontEnd,
  panel: NotebookPanel
): Promise<string> {
  const contents = app.serviceManager.contents;
  const path = panel.context.path;
  const bytes = await shippedBytes(path);
  if (!bytes) {
    throw new Error('the course does not ship this notebook any more');
  }
  const taken = new Set((await learnerTree(contents)).files);
  const copy = courseVersionName(path, new Date(), p => taken.has(p));
  await contents.save(
    copy,
    bytesToSaveModel(copy, bytes) as Partial<Contents.IModel>
  );
  // JupyterLab splits the main area; the Notebook app (one document per tab) opens a new tab
  await app.commands.execute('docmanager:open', {
    path: copy,
    options: { mode: 'split-right', ref: panel.id }
  });
  return copy;
}

export const teacherUpdatesPlugin: JupyterFrontEndPlugin<void> = {
  id: 'litecourse-extension:teacher-updates',
  description:
    'Tells a learner when their teacher updated a notebook they changed, and offers the new version beside theirs.',
  autoStart: true,
  optional: [INotebookTracker],
  activate: (
    app: JupyterFrontEnd,
    notebooks: INotebookTracker | null
  ): void => {
    const contents = app.serviceManager.contents;
    // the manifest as the server had it when each notebook was opened
    const openedWith = new Map<string, Promise<Versions | null>>();
    const versionsAt = (path: string): Promise<Versions | null> =>
      openedWith.get(path) ?? fetchVersions();
    const store = new UpdateRecordsStore(contentsStorageName());
    const notices = new Map<string, Set<UpdateNotice>>();
    const forget = (path: string): void => {
      for (const [p, shown] of notices) {
        if (p === path || p.startsWith(`${path}/`) || path === '') {
          shown.forEach(notice => notice.dispose());
        }
      }
    };
    followChanges(contents, versionsAt, store, forget);

    const check = async (panel: NotebookPanel): Promise<void> => {
      const path = panel.context.path;
      const opened = fetchVersions();
      openedWith.set(path, opened);
      await panel.context.ready;
      const shipped = await opened;
      if (
        !shipped ||
        panel.isDisposed ||
        updateState(path, shipped, store.read()) !== 'updated'
      ) {
        return;
      }
      const course = await shippedBytes(path);
      const mine = modelToBytes({
        type: 'notebook',
        format: 'json',
        content: panel.context.model.toJSON()
      });
      if (course && sameContent(path, course, mine)) {
        // the learner's copy is the new version already: nothing to tell
        store.update(records => afterCaughtUp(records, path, shipped));
        return;
      }
      const notice = new UpdateNotice({
        openNewVersion: async () => {
          const copy = await openNewVersion(app, panel);
          store.update(records => afterSeen(records, path, shipped));
          return copy;
        },
        notNow: () => store.update(records => afterSeen(records, path, shipped))
      });
      const shown = notices.get(path) ?? new Set<UpdateNotice>();
      notices.set(path, shown.add(notice));
      notice.disposed.connect(() => shown.delete(notice));
      panel.contentHeader.addWidget(notice);
    };
    const watch = (panel: NotebookPanel): void => {
      check(panel).catch(reason =>
        console.warn(
          '[litecourse] could not compare with the course version:',
          reason
        )
      );
    };
    notebooks?.forEach(watch);
    notebooks?.widgetAdded.connect((_, panel) => watch(panel));
  }
};
