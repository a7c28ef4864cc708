/**
 * Renderer for `application/vnd.litecourse.quiz+json` (codecharts'
 * `which_flowchart` and `which_code`): the code or the flowchart, the options
 * as a radio group, a Check button, and the chosen option's feedback in a
 * live region. Checking happens here, in the page: no kernel round trip.
 * A payload of the wrong shape shows a message instead; rendering never throws.
 */
import { IRenderMime } from '@jupyterlab/rendermime-interfaces';
import { Widget } from '@lumino/widgets';

import {
  flowchartFigure,
  IFlowchartFigure,
  uniqueId
} from './flowchart-figure';
import { QUIZ_MIME_TYPE } from './mimetypes';
import { outputErrorElement, reasonOf } from './output-error';
import { keepControlKeys } from './own-keys';
import { checkQuizPayload, IQuizOptionPayload, IQuizPayload } from './payloads';
import { guardPrototypes, sweepPagePrototypes } from './prototype-guard';

/** One answer to choose from: a flowchart (`dsl`) or code. */
export type IQuizOption = IQuizOptionPayload;

/** The quiz payload (see packages/codecharts/README.md), checked by `./payloads`. */
export type IQuiz = IQuizPayload;

/** What checking `optionId` says: right or wrong, and the option's feedback. */
export function verdict(
  quiz: IQuiz,
  optionId: string | null
): { correct: boolean; message: string } {
  const option = quiz.options.find(o => o.id === optionId);
  if (!option) {
    return {
      correct: false,
      message: 'Choose one of the options first, then press Check.'
    };
  }
  const label = `Option ${option.id.toUpperCase()}`;
  // codecharts' feedback starts "Right:" or "Not this one:"; the verdict says that first.
  const detail = option.feedback.replace(
    /^\s*(right|not this one)\s*:\s*/i,
    ''
  );
  return option.correct
    ? { correct: true, message: `Correct. ${label}: ${detail}` }
    : { correct: false, message: `Not correct. ${label}: ${detail}` };
}

/** Append `text` to `parent`, showing `backticked` parts as <code> (as text, never markup). */
export function appendWithCode(parent: HTMLElement, text: string): void {
  text.split('`').forEach((part, index) => {
    if (!part) {
      return;
    }
    if (index % 2 === 1) {
      const code = document.createElement('code');
      code.textContent = part;
      parent.appendChild(code);
    } else {
      parent.appendChild(document.createTextNode(part));
    }
  });
}

function codeBlock(code: string): HTMLElement {
  const pre = document.createElement('pre');
  pre.className = 'litecourse-quiz-code';
  pre.tabIndex = 0; // long code scrolls: reachable by keyboard
  const element = document.createElement('code');
  element.textContent = code;
  pre.appendChild(element);
  return pre;
}

/** One quiz output. */
export class RenderedQuiz extends Widget implements IRenderMime.IRenderer {
  private _figures: IFlowchartFigure[] = [];

  constructor(private _mimeType: string) {
    super();
    this.addClass('litecourse-quiz-output');
  }

  renderModel(model: IRenderMime.IMimeModel): Promise<void> {
    this._disposeFigures();
    this.node.textContent = '';
    try {
      sweepPagePrototypes();
      guardPrototypes(() => {
        const checked = checkQuizPayload(model.data[this._mimeType]);
        this.node.appendChild(
          checked.ok
            ? this._build(checked.value)
            : outputErrorElement(checked.reason)
        );
      });
    } catch (error) {
      this._disposeFigures();
      this.node.textContent = '';
      this.node.appendChild(outputErrorElement(reasonOf(error)));
    }
    return Promise.resolve();
  }

  dispose(): void {
    this._disposeFigures();
    super.dispose();
  }

  private _disposeFigures(): void {
    this._figures.forEach(f => f.dispose());
    this._figures = [];
  }

  private _figure(
    dsl: string,
    description: string,
    title: string
  ): HTMLElement {
    const figure = flowchartFigure({ dsl, description, title }, false);
    this._figures.push(figure);
    return figure.node;
  }

  private _build(quiz: IQuiz): HTMLElement {
    const id = uniqueId('quiz');
    const root = document.createElement('section');
    root.className = 'litecourse-quiz';
    keepControlKeys(root); // arrow keys choose an option, Enter presses Check
    root.setAttribute('aria-labelledby', `${id}-title`);

    const title = document.createElement('p');
    title.className = 'litecourse-quiz-title';
    title.id = `${id}-title`;
    title.textContent = quiz.title;
    root.appendChild(title);

    if (quiz.code !== undefined) {
      root.appendChild(codeBlock(quiz.code));
    }
    if (quiz.flowchart) {
      root.appendChild(
        this._figure(
          quiz.flowchart.dsl,
          quiz.flowchart.description,
          'The flowchart'
        )
      );
    }

    const group = document.createElement('fieldset');
    group.className = 'litecourse-quiz-options';
    const legend = document.createElement('legend');
    legend.textContent = quiz.prompt;
    group.appendChild(legend);
    const name = `${id}-answer`;
    const byId = new Map<string, HTMLElement>();
    for (const option of quiz.options) {
      const letter = option.id.toUpperCase();
      const box = document.createElement('div');
      box.className = 'litecourse-quiz-option';
      const radio = document.createElement('input');
      radio.type = 'radio';
      radio.name = name;
      radio.value = option.id;
      radio.id = `${id}-${option.id}`;
      const label = document.createElement('label');
      label.htmlFor = radio.id;
      label.textContent = `Option ${letter}`;
      const choice = document.createElement('div');
      choice.className = 'litecourse-quiz-choice';
      choice.append(radio, label);
      box.appendChild(choice);
      if (option.dsl !== undefined) {
        box.appendChild(
          this._figure(
            option.dsl,
            option.description ?? '',
            `Flowchart of option ${letter}`
          )
        );
      } else {
        box.appendChild(codeBlock(option.code ?? ''));
      }
      // Clicking anywhere on an option (outside its controls) chooses it.
      box.addEventListener('click', event => {
        const target = event.target as HTMLElement;
        if (!target.closest('summary, details, button, input, label')) {
          radio.checked = true;
        }
      });
      group.appendChild(box);
      byId.set(option.id, box);
    }
    root.appendChild(group);

    const actions = document.createElement('div');
    actions.className = 'litecourse-quiz-actions';
    const check = document.createElement('button');
    check.type = 'button';
    check.className = 'litecourse-button jp-Button';
    check.textContent = 'Check';
    const feedback = document.createElement('div');
    feedback.className = 'litecourse-quiz-feedback';
    feedback.setAttribute('role', 'status');
    feedback.setAttribute('aria-live', 'polite');
    check.addEventListener('click', () => {
      const chosen = group.querySelector<HTMLInputElement>(
        `input[name="${name}"]:checked`
      );
      const result = verdict(quiz, chosen ? chosen.value : null);
      byId.forEach(box =>
        box.classList.remove('litecourse-mod-right', 'litecourse-mod-wrong')
      );
      if (chosen) {
        byId
          .get(chosen.value)
          ?.classList.add(
            result.correct ? 'litecourse-mod-right' : 'litecourse-mod-wrong'
          );
      }
      feedback.textContent = '';
      feedback.classList.toggle(
        'litecourse-mod-right',
        result.correct && !!chosen
      );
      feedback.classList.toggle(
        'litecourse-mod-wrong',
        !result.correct && !!chosen
      );
      // Filled after a moment, so a screen reader announces a repeated message too.
      window.setTimeout(() => appendWithCode(feedback, result.message), 50);
    });
    actions.append(check);
    root.append(actions, feedback);
    return root;
  }
}

export const quizRendererFactory: IRenderMime.IRendererFactory = {
  safe: true,
  mimeTypes: [QUIZ_MIME_TYPE],
  defaultRank: 40,
  createRenderer: options => new RenderedQuiz(options.mimeType)
};

const extension: IRenderMime.IExtension = {
  id: 'litecourse-extension:quiz',
  description: 'Self-check quizzes from codecharts, checked in the page.',
  rendererFactory: quizRendererFactory,
  rank: 40,
  dataType: 'json'
};

export default extension;
