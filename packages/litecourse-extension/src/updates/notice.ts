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
        this.say(NOTICE_WORDS.updated);
      }
    });
  }

  protected onResize(msg: Widget.ResizeMessage): void {
    super.onResize(msg);
    // the text wraps on a narrow screen: the bar grows with it
    this.refit();
  }

  /** Show `text` in the live region, and make room for it. */
  private say(text: string): void {
    this.status.textContent = text;
    this.refit();
  }

  /**
   * The panel's header lays its widgets out at their CSS minimum height, so
   * the bar's minimum follows its content (measured at its natural height).
   */
  private refit(): void {
    if (!this.isAttached) {
      return;
    }
    // Lumino's `contain: strict` sizes the node without its content: lift it to measure
    const { height, contain } = this.node.style;
    this.node.style.height = 'auto';
    this.node.style.contain = 'none';
    const natural = Math.ceil(this.node.getBoundingClientRect().height);
    this.node.style.height = height;
    this.node.style.contain = contain;
    if (this.node.style.minHeight !== `${natural}px`) {
      this.node.style.minHeight = `${natural}px`;
      this.parent?.fit();
    }
  }

  private button(
    label: string,
    onClick: () => void,
    accept = false
  ): HTMLButtonElement {
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
    this.refit();
  }

  private async open(): Promise<void> {
    this.buttons.querySelectorAll('button').forEach(b => (b.disabled = true));
    try {
      const copy = await this.actions.openNewVersion();
      this.say(
        `The new version is in "${copy}", opened beside yours. Your version is unchanged.`
      );
      this.buttons.replaceChildren(
        this.button(NOTICE_WORDS.close, () => this.dispose())
      );
      this.refit();
    } catch (error) {
      this.say(
        `The new version could not be opened: ${(error as Error)?.message ?? error}. Your version is unchanged.`
      );
      this.offer();
    }
  }
}
