/**
 * The shapes of our outputs' payloads, checked before anything is built.
 *
 * A notebook is data anyone can write (a dropped file, a restored zip), so a
 * payload may be `null`, a number where text belongs, a string where a list
 * belongs. Each check returns the payload with defaults filled in for fields
 * a hand-edited notebook may leave out, or the reason it cannot be shown, in
 * words for a learner. Pure (no DOM, no imports): tested with node.
 */

/** A checked payload, or why it cannot be shown. */
export type Checked<T> = { ok: true; value: T } | { ok: false; reason: string };

/** What a flowchart output shows. */
export interface IFlowchartPayload {
  dsl: string;
  description: string;
  title: string;
}

/** One answer of a quiz: a flowchart (`dsl`) or code. */
export interface IQuizOptionPayload {
  id: string;
  dsl?: string;
  description?: string;
  code?: string;
  correct: boolean;
  feedback: string;
}

/** A quiz (see packages/codecharts/src/codecharts/quiz.py). */
export interface IQuizPayload {
  kind: string;
  title: string;
  prompt: string;
  code?: string;
  flowchart?: { dsl: string; description: string };
  options: IQuizOptionPayload[];
}

/** One sentence of a description, tied to the line it describes (`null`: the whole cell). */
export interface ISentencePayload {
  line: number | null;
  text: string;
}

/** A codeprose description. */
export interface IDescriptionPayload {
  text: string;
  sentences: ISentencePayload[];
  level: 'brief' | 'detailed';
  speak: boolean;
}

/** The most options a quiz shows (letters a-z). */
export const MAX_QUIZ_OPTIONS = 26;

class Bad extends Error {}

type Fields = Record<string, unknown>;

function describe(value: unknown): string {
  if (value === null) {
    return 'empty (null)';
  }
  if (Array.isArray(value)) {
    return 'a list';
  }
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

function object(value: unknown, what: string): Fields {
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw new Bad(`${what} is ${describe(value)}, not an object`);
  }
  return value as Fields;
}

function has(fields: Fields, key: string): boolean {
  return (
    Object.prototype.hasOwnProperty.call(fields, key) &&
    fields[key] !== undefined
  );
}

function text(
  fields: Fields,
  key: string,
  what: string,
  fallback?: string
): string {
  if (!has(fields, key)) {
    if (fallback === undefined) {
      throw new Bad(`${what} has no ${key}`);
    }
    return fallback;
  }
  const value = fields[key];
  if (typeof value !== 'string') {
    throw new Bad(`the ${key} of ${what} is ${describe(value)}, not text`);
  }
  return value;
}

function optionalText(
  fields: Fields,
  key: string,
  what: string
): string | undefined {
  return has(fields, key) ? text(fields, key, what) : undefined;
}

function run<T>(check: () => T): Checked<T> {
  try {
    return { ok: true, value: check() };
  } catch (error) {
    if (error instanceof Bad) {
      return { ok: false, reason: error.message };
    }
    throw error;
  }
}

/**
 * A flowchart payload `{dsl, description, title}`; `description` and `title`
 * may be missing. `checkFlowchartPayload({dsl: 3})` →
 * `{ok: false, reason: 'the dsl of the flowchart is a number, not text'}`.
 */
export function checkFlowchartPayload(
  value: unknown
): Checked<IFlowchartPayload> {
  return run(() => {
    const fields = object(value, 'the flowchart');
    return {
      dsl: text(fields, 'dsl', 'the flowchart'),
      description: text(fields, 'description', 'the flowchart', ''),
      title: text(fields, 'title', 'the flowchart', 'Flowchart')
    };
  });
}

/**
 * A quiz payload: `title`, `prompt`, `options` (a list of 1-26 objects with
 * a unique word as `id`, `correct` true or false, `feedback` text, and a
 * flowchart `dsl` or `code`), optionally `code` or `flowchart`.
 */
export function checkQuizPayload(value: unknown): Checked<IQuizPayload> {
  return run(() => {
    const fields = object(value, 'the quiz');
    const quiz: IQuizPayload = {
      kind: text(fields, 'kind', 'the quiz', ''),
      title: text(fields, 'title', 'the quiz', 'Quiz'),
      prompt: text(fields, 'prompt', 'the quiz'),
      options: []
    };
    quiz.code = optionalText(fields, 'code', 'the quiz');
    if (has(fields, 'flowchart')) {
      const chart = object(fields.flowchart, 'the flowchart of the quiz');
      quiz.flowchart = {
        dsl: text(chart, 'dsl', 'the flowchart of the quiz'),
        description: text(chart, 'description', 'the flowchart of the quiz', '')
      };
    }
    const options = fields.options;
    if (!Array.isArray(options)) {
      throw new Bad(
        `the options of the quiz are ${describe(options)}, not a list`
      );
    }
    if (options.length === 0 || options.length > MAX_QUIZ_OPTIONS) {
      throw new Bad(
        `the quiz has ${options.length} options (it needs 1 to ${MAX_QUIZ_OPTIONS})`
      );
    }
    const seen = new Set<string>();
    options.forEach((raw, index) => {
      const what = `option ${index + 1} of the quiz`;
      const option = object(raw, what);
      const id = text(option, 'id', what);
      if (!/^[A-Za-z0-9_]{1,20}$/.test(id)) {
        throw new Bad(`the id of ${what} is not a short word`);
      }
      if (seen.has(id)) {
        throw new Bad(`two options of the quiz have the id \`${id}\``);
      }
      seen.add(id);
      if (typeof option.correct !== 'boolean') {
        throw new Bad(
          `${what} does not say whether it is correct (true or false)`
        );
      }
      const checked: IQuizOptionPayload = {
        id,
        correct: option.correct,
        feedback: text(option, 'feedback', what, '')
      };
      checked.dsl = optionalText(option, 'dsl', what);
      checked.description = optionalText(option, 'description', what);
      checked.code = optionalText(option, 'code', what);
      quiz.options.push(checked);
    });
    return quiz;
  });
}

/**
 * A description payload `{text, sentences: [{line, text}], level, speak}`;
 * `sentences` may be missing (the text is shown as one paragraph), `level`
 * is `brief` unless it says `detailed`.
 */
export function checkDescriptionPayload(
  value: unknown
): Checked<IDescriptionPayload> {
  return run(() => {
    const fields = object(value, 'the description');
    const description: IDescriptionPayload = {
      text: text(fields, 'text', 'the description', ''),
      sentences: [],
      level: fields.level === 'detailed' ? 'detailed' : 'brief',
      speak: fields.speak === true
    };
    if (has(fields, 'sentences')) {
      if (!Array.isArray(fields.sentences)) {
        throw new Bad(
          `the sentences of the description are ${describe(fields.sentences)}, not a list`
        );
      }
      fields.sentences.forEach((raw, index) => {
        const what = `sentence ${index + 1} of the description`;
        const sentence = object(raw, what);
        const line = has(sentence, 'line') ? sentence.line : null;
        if (
          line !== null &&
          !(typeof line === 'number' && Number.isInteger(line))
        ) {
          throw new Bad(
            `the line of ${what} is ${describe(line)}, not a line number`
          );
        }
        description.sentences.push({
          line: line as number | null,
          text: text(sentence, 'text', what)
        });
      });
    }
    return description;
  });
}
