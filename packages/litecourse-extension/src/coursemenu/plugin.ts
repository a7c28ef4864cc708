/**
 * The "Course" menu: back up, restore, reset and clear the learner's work.
 * In the main menu bar of JupyterLab and the Notebook app, and in the command
 * palette.
 */
import {
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { ICommandPalette, showErrorMessage } from '@jupyterlab/apputils';
import { IMainMenu } from '@jupyterlab/mainmenu';
import { INotebookTracker } from '@jupyterlab/notebook';
import { MenuSvg } from '@jupyterlab/ui-components';

import { readCourseConfig } from '../config';
import {
  clearWork,
  downloadWork,
  pickZip,
  resetNotebook,
  restoreWork,
  storageEstimate
} from './actions';
import { explainFullStorage } from './savefailure';

/** Command ids of the course menu. */
export const CommandIds = {
  download: 'litecourse:download-work',
  restore: 'litecourse:restore-work',
  reset: 'litecourse:reset-notebook',
  clear: 'litecourse:clear-work'
} as const;

const CATEGORY = 'Course';

/** Run an action; an unexpected failure becomes a message, never a silent loss. */
function guarded(
  what: string,
  action: () => Promise<unknown>
): () => Promise<void> {
  return async () => {
    try {
      await action();
    } catch (error) {
      console.error(`[litecourse] ${what} failed`, error);
      await showErrorMessage(
        `${what} did not work`,
        `${(error as Error)?.message ?? error}`
      );
    }
  };
}

export const courseMenuPlugin: JupyterFrontEndPlugin<void> = {
  id: 'litecourse-extension:course-menu',
  description: 'Course menu: download, restore, reset and clear your work.',
  autoStart: true,
  optional: [IMainMenu, ICommandPalette, INotebookTracker],
  activate: (
    app: JupyterFrontEnd,
    mainMenu: IMainMenu | null,
    palette: ICommandPalette | null,
    notebooks: INotebookTracker | null
  ): void => {
    const { commands } = app;
    const contents = app.serviceManager.contents;
    const course = readCourseConfig();
    explainFullStorage(contents, storageEstimate);

    commands.addCommand(CommandIds.download, {
      label: 'Download all my work',
      caption:
        'Download a zip of every file you created or changed in this course',
      execute: guarded('Download', () => downloadWork(contents, course))
    });
    commands.addCommand(CommandIds.restore, {
      label: 'Restore work from a zip…',
      caption:
        'Bring back files from a zip you downloaded; nothing is overwritten',
      execute: guarded('Restore', async () => {
        const picked = await pickZip();
        if (picked) {
          await restoreWork(contents, picked, course);
        }
      })
    });
    commands.addCommand(CommandIds.reset, {
      label: 'Reset this notebook to the course version…',
      caption:
        'Show the course version of this notebook; your version is kept as a dated copy',
      isEnabled: () => !!notebooks?.currentWidget,
      execute: guarded('Reset', async () => {
        const panel = notebooks?.currentWidget;
        if (panel) {
          await resetNotebook(contents, panel);
        }
      })
    });
    commands.addCommand(CommandIds.clear, {
      label: 'Clear all my work…',
      caption:
        'Remove every file you created or changed (asks twice, offers a download first)',
      execute: guarded('Clear', () => clearWork(app, contents, course))
    });

    if (mainMenu) {
      const menu = new MenuSvg({ commands });
      menu.id = 'litecourse-course-menu';
      menu.title.label = 'Course';
      menu.title.mnemonic = 0;
      menu.addItem({ command: CommandIds.download });
      menu.addItem({ command: CommandIds.restore });
      menu.addItem({ type: 'separator' });
      menu.addItem({ command: CommandIds.reset });
      menu.addItem({ type: 'separator' });
      menu.addItem({ command: CommandIds.clear });
      mainMenu.addMenu(menu, true, { rank: 1000 });
    }
    if (palette) {
      for (const command of Object.values(CommandIds)) {
        palette.addItem({ command, category: CATEGORY });
      }
    }
    notebooks?.currentChanged.connect(() =>
      commands.notifyCommandChanged(CommandIds.reset)
    );
  }
};
