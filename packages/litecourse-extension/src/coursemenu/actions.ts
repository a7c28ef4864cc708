/**
 * The four course-menu actions: download, restore, reset, clear. Each asks
 * before it removes anything and tells the learner what happened.
 */
import { Dialog, showDialog } from '@jupyterlab/apputils';
import { JupyterFrontEnd } from '@jupyterlab/application';
import type { DocumentRegistry } from '@jupyterlab/docregistry';
import type { NotebookPanel } from '@jupyterlab/notebook';
import { Contents } from '@jupyterlab/services';
import { Widget } from '@lumino/widgets';
import { unzipSync, zipSync, Zippable } from 'fflate';

import { bytesToSaveModel, modelToBytes, sameContent } from './content';
import { myVersionName, workZipName } from './names';
import { IRestorePlan, IZipFile, planRestore } from './restoreplan';
import { learnerBytes, learnerTree, learnerWork, shippedBytes } from './work';
import { looksLikeZip, safeZipPath, unsafeZipPaths } from './zippaths';

/** A dialog body: a paragraph, then optional labelled lists. */
function body(text: string, lists: [string, string[]][] = []): Widget {
  const node = document.createElement('div');
  node.className = 'litecourse-dialog';
  const p = document.createElement('p');
  p.textContent = text;
  node.appendChild(p);
  for (const [title, items] of lists) {
    if (items.length === 0) {
      continue;
    }
    const heading = document.createElement('p');
    heading.textContent = title;
    const ul = document.createElement('ul');
    ul.setAttribute('aria-label', title);
    for (const item of items) {
      const li = document.createElement('li');
      li.textContent = item;
      ul.appendChild(li);
    }
    node.append(heading, ul);
  }
  return new Widget({ node });
}

/** Tell the learner something; one OK button. */
async function tell(
  title: string,
  text: string,
  lists: [string, string[]][] = []
): Promise<void> {
  await showDialog({
    title,
    body: body(text, lists),
    buttons: [Dialog.okButton({ label: 'OK' })]
  });
}

/** Give the learner `bytes` as a downloaded file called `name`. */
function saveAs(bytes: Uint8Array, name: string, type: string): void {
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.style.display = 'none';
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Download a zip of every file the learner created or changed. */
export async function downloadWork(
  contents: Contents.IManager,
  courseId: string
): Promise<boolean> {
  const work = await learnerWork(contents);
  if (work.files.length === 0 && work.folders.length === 0) {
    await tell(
      'Nothing to download yet',
      'You have not created or changed any file in this course yet.'
    );
    return false;
  }
  const entries: Zippable = {};
  for (const folder of work.folders) {
    entries[`${folder}/`] = new Uint8Array(0);
  }
  for (const file of work.files) {
    entries[file.path] = file.bytes;
  }
  const zipped = zipSync(entries, { level: 6 });
  saveAs(zipped, workZipName(courseId, new Date()), 'application/zip');
  return true;
}

/** Ask for a zip file; resolves to its bytes and name, or null when cancelled. */
export function pickZip(): Promise<{ name: string; bytes: Uint8Array } | null> {
  return new Promise(resolve => {
    document.getElementById('litecourse-restore-input')?.remove();
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = '.zip,application/zip';
    input.id = 'litecourse-restore-input';
    input.setAttribute('aria-label', 'Zip of your work to restore');
    input.style.display = 'none';
    input.addEventListener('change', async () => {
      const file = input.files?.[0];
      input.remove();
      resolve(
        file
          ? { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) }
          : null
      );
    });
    input.addEventListener('cancel', () => {
      input.remove();
      resolve(null);
    });
    document.body.appendChild(input);
    input.click();
  });
}

/** The files and folders in a zip, or a message saying why it cannot be restored. */
export function readZip(
  name: string,
  bytes: Uint8Array
): { files: IZipFile[]; folders: string[] } | string {
  if (!looksLikeZip(bytes)) {
    return `"${name}" is not a zip file. Choose the .zip you downloaded with Course › Download all my work.`;
  }
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes);
  } catch (error) {
    return `"${name}" could not be read as a zip file (${(error as Error).message}). It may be damaged.`;
  }
  const unsafe = unsafeZipPaths(Object.keys(entries));
  if (unsafe.length > 0) {
    return (
      `"${name}" holds files outside the course (${unsafe.slice(0, 5).join(', ')}), ` +
      'so nothing was restored. Only zips of course files can be restored.'
    );
  }
  const files: IZipFile[] = [];
  const folders: string[] = [];
  for (const [entry, data] of Object.entries(entries)) {
    const path = safeZipPath(entry) as string;
    if (path.endsWith('/')) {
      folders.push(path.slice(0, -1));
    } else {
      files.push({ path, bytes: data });
    }
  }
  if (files.length === 0 && folders.length === 0) {
    return `"${name}" is empty: there is nothing to restore.`;
  }
  return { files, folders };
}

function storageFull(error: unknown): boolean {
  const text = `${(error as Error)?.name ?? ''} ${(error as Error)?.message ?? error}`;
  return /quota/i.test(text);
}

/**
 * Carry out a restore plan; on any failure, remove what it wrote (it never
 * overwrites, so removing is a full undo) and rethrow.
 */
async function applyPlan(
  contents: Contents.IManager,
  plan: IRestorePlan
): Promise<void> {
  const written: string[] = [];
  try {
    for (const folder of plan.folders) {
      await contents.save(folder, {
        type: 'directory',
        format: 'json',
        content: null
      });
      written.push(folder);
    }
    for (const write of plan.writes) {
      const model = bytesToSaveModel(write.to, write.bytes);
      await contents.save(write.to, model as Partial<Contents.IModel>);
      written.push(write.to);
    }
  } catch (error) {
    for (const path of written.reverse()) {
      await contents.delete(path).catch(() => undefined);
    }
    throw error;
  }
}

/** Restore a picked zip: bring files back, never overwrite, summarise. */
export async function restoreWork(
  contents: Contents.IManager,
  picked: { name: string; bytes: Uint8Array }
): Promise<void> {
  const zip = readZip(picked.name, picked.bytes);
  if (typeof zip === 'string') {
    await tell('Nothing was restored', zip);
    return;
  }
  const tree = await learnerTree(contents);
  const kinds = new Map<string, 'file' | 'directory'>();
  tree.files.forEach(f => kinds.set(f, 'file'));
  tree.folders.forEach(f => kinds.set(f, 'directory'));
  const current = new Map<string, Uint8Array>();
  const pristine = new Set<string>();
  for (const file of zip.files) {
    if (kinds.get(file.path) === 'file') {
      const bytes = await learnerBytes(contents, file.path);
      current.set(file.path, bytes);
      const course = await shippedBytes(file.path);
      if (course && sameContent(file.path, course, bytes)) {
        pristine.add(file.path);
      }
    }
  }
  const plan = planRestore(
    zip.files,
    zip.folders,
    {
      kind: p => kinds.get(p) ?? null,
      bytes: p => current.get(p) as Uint8Array,
      pristine: p => pristine.has(p)
    },
    new Date()
  );
  try {
    await applyPlan(contents, plan);
  } catch (error) {
    const why = storageFull(error)
      ? 'Your browser storage is full.'
      : `Something went wrong while writing (${(error as Error)?.message ?? error}).`;
    await tell(
      'Nothing was restored',
      `${why} Nothing was changed: the files already restored were removed again. ` +
        'Free some space (download your work, then delete files you no longer need) and try again.'
    );
    return;
  }
  const restored = plan.writes.filter(w => w.from === w.to).map(w => w.to);
  const renamed = plan.writes
    .filter(w => w.from !== w.to)
    .map(w => `${w.from} → kept yours, restored as ${w.to}`);
  await tell(
    'Work restored',
    `From "${picked.name}": ${restored.length} file(s) restored, ${renamed.length} kept beside yours, ` +
      `${plan.unchanged.length} already here unchanged.`,
    [
      ['Restored:', restored],
      ['You had a different version, so both are kept:', renamed],
      ['Already here, same content (left as they are):', plan.unchanged],
      ['Not restored (a file is where a folder should be):', plan.blocked]
    ]
  );
}

/** Is `path` taken in the learner's files? */
async function exists(
  contents: Contents.IManager,
  path: string
): Promise<boolean> {
  return contents.get(path, { content: false }).then(
    () => true,
    () => false
  );
}

/**
 * Reset an open notebook to the course version, keeping the learner's version
 * (with unsaved edits) as a dated copy first.
 */
export async function resetNotebook(
  contents: Contents.IManager,
  panel: NotebookPanel
): Promise<void> {
  const context = panel.context;
  const path = context.path;
  const course = await shippedBytes(path);
  if (!course) {
    await tell(
      'Not a course notebook',
      `"${path}" is your own notebook, not part of the course, so there is no course version to go back to.`
    );
    return;
  }
  const mine = context.model.toJSON();
  const mineBytes = modelToBytes({
    type: 'notebook',
    format: 'json',
    content: mine
  });
  if (sameContent(path, course, mineBytes)) {
    await tell(
      'Already the course version',
      `"${path}" is the same as the course version: nothing to reset.`
    );
    return;
  }
  const taken = new Set((await learnerTree(contents)).files);
  const copy = myVersionName(path, new Date(), p => taken.has(p));
  const answer = await showDialog({
    title: 'Reset this notebook to the course version?',
    body: body(
      `"${path}" will show the course version again. Your version is kept first, as "${copy}", so nothing is lost.`
    ),
    buttons: [
      Dialog.cancelButton({ label: 'Cancel' }),
      Dialog.warnButton({ label: 'Reset notebook' })
    ]
  });
  if (!answer.button.accept) {
    return;
  }
  await contents.save(copy, {
    type: 'notebook',
    format: 'json',
    content: mine
  });
  if (!(await exists(contents, copy))) {
    await tell(
      'Nothing was reset',
      `Your version could not be kept as "${copy}", so "${path}" was left as it is.`
    );
    return;
  }
  // stop autosave from writing the old version back between the delete and the revert
  context.model.dirty = false;
  // removing the learner's stored copy lets the course version show through
  await contents.delete(path);
  await context.revert();
  await tell(
    'Notebook reset',
    `"${path}" now shows the course version. Your version is in "${copy}".`
  );
}

/** Open documents (JupyterLab and Notebook app alike). */
function openDocuments(
  app: JupyterFrontEnd
): DocumentRegistry.IContext<DocumentRegistry.IModel>[] {
  const found: DocumentRegistry.IContext<DocumentRegistry.IModel>[] = [];
  for (const widget of app.shell.widgets('main')) {
    const context = (
      widget as unknown as {
        context?: DocumentRegistry.IContext<DocumentRegistry.IModel>;
      }
    ).context;
    if (context && context.path !== undefined) {
      found.push(context);
    }
  }
  return found;
}

/** Clear all the learner's work after two confirmations (offering a download first). */
export async function clearWork(
  app: JupyterFrontEnd,
  contents: Contents.IManager,
  courseId: string
): Promise<void> {
  const first = await showDialog({
    title: 'Clear all my work?',
    body: body(
      'This removes every file you created or changed in this course from this browser. ' +
        'The course notebooks go back to their course versions. Download your work first to keep a copy.'
    ),
    buttons: [
      Dialog.cancelButton({ label: 'Cancel' }),
      Dialog.okButton({
        label: 'Download my work first',
        displayType: 'default'
      }),
      Dialog.warnButton({ label: 'Continue without download' })
    ]
  });
  if (!first.button.accept) {
    return;
  }
  if (first.button.label === 'Download my work first') {
    await downloadWork(contents, courseId);
  }
  const second = await showDialog({
    title: 'Are you sure?',
    body: body(
      'All your work in this course will be removed from this browser. This cannot be undone.'
    ),
    buttons: [
      Dialog.cancelButton({ label: 'Keep my work' }),
      Dialog.warnButton({ label: 'Clear all my work' })
    ]
  });
  if (!second.button.accept) {
    return;
  }
  const open = openDocuments(app);
  open.forEach(context => (context.model.dirty = false));
  const top = (await contents.get('', { content: true }))
    .content as Contents.IModel[];
  for (const item of top) {
    await contents.delete(item.path);
  }
  for (const context of open) {
    if (await exists(contents, context.path)) {
      await context.revert();
    } else {
      for (const widget of app.shell.widgets('main')) {
        if ((widget as unknown as { context?: unknown }).context === context) {
          widget.dispose();
        }
      }
    }
  }
  await tell(
    'Your work is cleared',
    'The course files show their course versions again.'
  );
}
