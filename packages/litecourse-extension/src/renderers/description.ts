/**
 * Renders codeprose's `%%describe` output: the description as text (brief: a
 * paragraph; detailed: a list of steps with their line numbers) with Read
 * aloud / Stop buttons that read it sentence by sentence, highlighting the
 * sentence being read.
 *
 * With `"speak": true` (`%%describe --speak`) a fresh output starts reading
 * at once, once: the output then records `{"spoken": true}` in its metadata,
 * so re-rendering it or reopening the notebook stays quiet (the button is
 * still there). Outputs loaded from a file are untrusted and never start by
 * themselves either. Running the cell again makes a fresh output, which reads
 * again.
 */
import { IRenderMime } from '@jupyterlab/rendermime-interfaces';
import { Widget } from '@lumino/widgets';

import { describeSteps, IDescription, IStep } from './description-steps';
import { DESCRIPTION_MIME_TYPE } from './mimetypes';
import { outputErrorElement, reasonOf } from './output-error';
import { checkDescriptionPayload } from './payloads';
import { guardPrototypes, sweepPagePrototypes } from './prototype-guard';
import { browserSpeech, ISpeech, readAloud } from './speech';

/** Append `text` to `parent`, `quoted code` as <code> (as text, never HTML). */
function appendWithCode(parent: HTMLElement, text: string): void {
  text.split('`').forEach((part, i) => {
    if (!part) {
      return;
    }
    if (i % 2 === 1) {
      const code = document.createElement('code');
      code.textContent = part;
      parent.appendChild(code);
    } else {
      parent.appendChild(document.createTextNode(part));
    }
  });
}

function button(label: string, className: string): HTMLButtonElement {
  const b = document.createElement('button');
  b.type = 'button';
  b.className = `litecourse-speech-button ${className}`;
  b.textContent = label;
  return b;
}

export type { IDescription, ISentence, IStep } from './description-steps';
export { describeSteps } from './description-steps';

/** The renderer widget of one description output. */
export class DescriptionRenderer
  extends Widget
  implements IRenderMime.IRenderer
{
  /** The payload shown now, as JSON (null: nothing shown yet, or an error). */
  private _rendered: string | null = null;
  private _sentences: HTMLElement[] = [];
  private _steps: IStep[] = [];
  private _readButton: HTMLButtonElement | null = null;
  private _stopButton: HTMLButtonElement | null = null;
  private _status: HTMLElement | null = null;
  private _stop: (() => void) | null = null;
  private _speech: ISpeech | null = null;

  constructor() {
    super();
    this.addClass('litecourse-description-output');
  }

  renderModel(model: IRenderMime.IMimeModel): Promise<void> {
    try {
      sweepPagePrototypes();
      guardPrototypes(() => this._render(model));
    } catch (error) {
      this._stopMine();
      this._rendered = null;
      this.node.textContent = '';
      this.node.appendChild(outputErrorElement(reasonOf(error)));
    }
    return Promise.resolve();
  }

  private _render(model: IRenderMime.IMimeModel): void {
    const raw = model.data[DESCRIPTION_MIME_TYPE];
    // a payload that is missing (`undefined`) or `null` is a payload too: it gets its message,
    // never an empty output (both once counted as 'the same output again')
    const key = raw === undefined ? 'undefined' : JSON.stringify(raw);
    if (key === this._rendered) {
      // the same output again (its metadata changed, or the area re-rendered):
      // keep the page as it is, so a reading in progress goes on
      return;
    }
    this._rendered = key;
    this._stopMine();
    const checked = checkDescriptionPayload(raw);
    if (!checked.ok) {
      this._steps = [];
      this._sentences = [];
      this.node.textContent = '';
      this.node.appendChild(outputErrorElement(checked.reason));
      return;
    }
    const data: IDescription = checked.value;
    this._speech = browserSpeech();
    this._build(data);
    const metadata = (model.metadata ?? {}) as Record<string, unknown>;
    const own = (metadata[DESCRIPTION_MIME_TYPE] ?? {}) as Record<
      string,
      unknown
    >;
    // only an output the kernel has just made (trusted) reads by itself: an untrusted
    // one was loaded from a file, and opening a notebook should not start talking
    if (
      data.speak &&
      model.trusted &&
      this._speech &&
      !own.spoken &&
      this._steps.length
    ) {
      this._read();
      // after this render has been placed: changing the output re-renders it
      window.setTimeout(() => {
        if (!this.isDisposed) {
          model.setData({
            metadata: {
              ...metadata,
              [DESCRIPTION_MIME_TYPE]: { ...own, spoken: true }
            }
          });
        }
      }, 0);
    }
  }

  dispose(): void {
    this._stopMine();
    super.dispose();
  }

  private _build(data: IDescription): void {
    const node = this.node;
    node.textContent = '';
    const sentences = Array.isArray(data.sentences) ? data.sentences : [];
    const level = data.level === 'detailed' ? 'detailed' : 'brief';
    this._steps = describeSteps({ ...data, sentences, level });
    const box = document.createElement('div');
    box.className = 'litecourse-description';
    box.dataset.level = level;

    if (this._speech && this._steps.length) {
      this._speech.synth.getVoices(); // Chromium loads its voice list on first ask
      box.appendChild(this._controls());
    }

    this._sentences = [];
    if (!this._steps.length) {
      const p = document.createElement('p');
      appendWithCode(p, data.text ?? '');
      box.appendChild(p);
    } else if (level === 'brief') {
      const p = document.createElement('p');
      this._steps.forEach((step, i) => {
        if (i > 0) {
          p.appendChild(document.createTextNode(' '));
        }
        const span = document.createElement('span');
        span.className = 'litecourse-sentence';
        if (step.line !== null) {
          span.dataset.line = String(step.line);
        }
        appendWithCode(span, step.text);
        p.appendChild(span);
        this._sentences.push(span);
      });
      box.appendChild(p);
    } else {
      const list = document.createElement('ol');
      list.className = 'litecourse-steps';
      for (const step of this._steps) {
        const item = document.createElement('li');
        item.className = 'litecourse-sentence';
        if (step.line !== null) {
          item.dataset.line = String(step.line);
        }
        if (step.depth) {
          item.style.marginLeft = `${1.5 * step.depth}em`;
        }
        if (step.label) {
          const label = document.createElement('span');
          label.className = 'litecourse-line';
          label.textContent = `${step.label}:`;
          item.appendChild(label);
          item.appendChild(document.createTextNode(' '));
        }
        appendWithCode(item, step.text);
        list.appendChild(item);
        this._sentences.push(item);
      }
      box.appendChild(list);
    }
    node.appendChild(box);
  }

  private _controls(): HTMLElement {
    const controls = document.createElement('div');
    controls.className = 'litecourse-speech-controls';
    controls.setAttribute('role', 'group');
    controls.setAttribute('aria-label', 'Read this description aloud');
    // keys pressed on these buttons are for the buttons, not notebook shortcuts
    controls.setAttribute('data-lm-suppress-shortcuts', 'true');
    this._readButton = button('Read aloud', 'litecourse-read-aloud');
    this._stopButton = button('Stop', 'litecourse-stop-reading');
    this._stopButton.disabled = true;
    this._status = document.createElement('span');
    this._status.className = 'litecourse-speech-status';
    this._status.setAttribute('role', 'status');
    this._status.setAttribute('aria-live', 'polite');
    this._readButton.addEventListener('click', () => this._read());
    this._stopButton.addEventListener('click', () => this._stopMine());
    controls.append(this._readButton, this._stopButton, this._status);
    return controls;
  }

  private _read(): void {
    if (!this._speech) {
      return;
    }
    // a reading of this output already going on hears `ended(false)` first
    this._stop = readAloud(
      this._speech,
      this._steps.map(s => s.spoken),
      {
        sentence: index => this._highlight(index),
        ended: finished =>
          this._ended(finished ? 'Finished reading.' : 'Stopped.'),
        failed: message => this._ended(message)
      }
    );
    const count = this._steps.length;
    this._setStatus(
      `Reading aloud, ${count} ${count === 1 ? 'sentence' : 'sentences'}.`
    );
    if (this._stopButton) {
      this._stopButton.disabled = false;
    }
  }

  private _stopMine(): void {
    const stop = this._stop;
    this._stop = null;
    if (stop) {
      stop();
    }
  }

  private _ended(message: string): void {
    this._stop = null;
    this._highlight(-1);
    if (this._stopButton) {
      if (this._stopButton === document.activeElement && this._readButton) {
        this._readButton.focus(); // keep the keyboard user's place
      }
      this._stopButton.disabled = true;
    }
    this._setStatus(message);
  }

  private _highlight(index: number): void {
    this._sentences.forEach((node, i) => {
      if (i === index) {
        node.setAttribute('aria-current', 'true');
        node.classList.add('litecourse-mod-reading');
      } else {
        node.removeAttribute('aria-current');
        node.classList.remove('litecourse-mod-reading');
      }
    });
  }

  private _setStatus(message: string): void {
    if (this._status) {
      this._status.textContent = message;
    }
  }
}

/** The renderer factory for `application/vnd.litecourse.description+json`. */
export const descriptionRendererFactory: IRenderMime.IRendererFactory = {
  safe: true,
  mimeTypes: [DESCRIPTION_MIME_TYPE],
  defaultRank: 40,
  createRenderer: () => new DescriptionRenderer()
};

/** The MIME extension registered in `./index`. */
const extension: IRenderMime.IExtension = {
  id: 'litecourse-extension:description',
  description: 'Renders codeprose descriptions with read-aloud buttons.',
  rendererFactory: descriptionRendererFactory,
  rank: 40,
  dataType: 'json'
};

export default extension;
