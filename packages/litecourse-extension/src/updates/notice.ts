/**
 * The bar above a notebook that tells the learner their teacher updated it
 * since they changed it. Their version stays as it is; the bar offers the new
 * version beside it, or "Not now".
 */
import { Widget } from '@lumino/widgets';

/** What the learner can do from the notice. */
export interface IUpdateNoticeActions {
  /** copy the new course version and open it beside the learner's; resolves to the copy's path */
  openNewVersion: () => Promise<string>;
  /** remember that the learner heard about this version */
  notNow: () => void;
}

/** Words of the notice (also read by the browser tests). */
export const NOTICE_WORDS = {
  label: 'Updated by your teacher',
  updated:
    'Your teacher has updated this notebook since you changed it. Your version is kept as it is: ' +
    'nothing of yours was replaced.',
  open: 'Open the new version side by side',
  notNow: 'Not now',
  close: 'Close'
} as const;

/** The notice bar; put it in a notebook panel's `contentHeader`. */
export class UpdateNotice extends Widget {
  private readonly status: HTMLParagraphElement;
  private readonly buttons: HTMLDivElement;

  constructor(private readonly actions: IUpdateNoticeActions) {
    super({ node: document.createElement('section') });
    this.addClass('litecourse-update-notice');
    this.node.setAttribute('aria-label', NOTICE_WORDS.label);
    this.status = document.createElement('p');
    this.status.setAttribute('role', 'status');
    this.buttons = document.createElement('div');
    this.buttons.className = 'litecourse-update-notice-buttons';
    this.node.append(this.status, this.buttons);
    this.offer();
  }

  protected onAfterAttach(): void {
    // a live region announces text set after it is on the page
    requestAnimationFrame(() => {
      if (!this.isDisposed && !this.status.textContent) {
        this.status.textContent = NOTICE_WORDS.updated;
      }
    });
  }

  private button(label: string, onClick: () => void, accept = false): HTMLButtonElement {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = `jp-Button jp-mod-styled ${accept ? 'jp-mod-accept' : 'jp-mod-reject'}`;
    button.textContent = label;
    button.addEventListener('click', onClick);
    return button;
  }

  private offer(): void {
    this.buttons.replaceChildren(
      this.button(NOTICE_WORDS.open, () => void this.open(), true),
      this.button(NOTICE_WORDS.notNow, () => {
        this.actions.notNow();
        this.dispose();
      })
    );
  }

  private async open(): Promise<void> {
    this.buttons.querySelectorAll('button').forEach(b => (b.disabled = true));
    try {
      const copy = await this.actions.openNewVersion();
      this.status.textContent =
        `The new version is in "${copy}", opened beside yours. Your version is unchanged.`;
      this.buttons.replaceChildren(this.button(NOTICE_WORDS.close, () => this.dispose()));
    } catch (error) {
      this.status.textContent =
        `The new version could not be opened: ${(error as Error)?.message ?? error}. Your version is unchanged.`;
      this.offer();
    }
  }
}
