/**
 * The steps of a codeprose description: what the renderer shows and what it
 * reads aloud, from the `application/vnd.litecourse.description+json` payload.
 * Pure (no DOM, no imports), so it runs in node for the unit tests.
 */

/** One sentence of the payload, tied to the line it describes (`null`: the whole cell). */
export interface ISentence {
  line: number | null;
  text: string;
}

/** The `application/vnd.litecourse.description+json` payload. */
export interface IDescription {
  text: string;
  sentences: ISentence[];
  level: 'brief' | 'detailed';
  speak?: boolean;
}

/** One sentence as shown and as spoken. */
export interface IStep {
  line: number | null;
  /** "Line 7" for detailed descriptions; empty when the sentence names its line itself. */
  label: string;
  /** The sentence, `quoted code` in backticks. */
  text: string;
  /** Nesting depth of the described line (detailed only), for indenting. */
  depth: number;
  /** What is handed to speech synthesis: label and text, without backticks. */
  spoken: string;
}

/**
 * The steps of a description. Nesting depth is read from the indentation of
 * the detailed `text` (two spaces a level, one line a sentence), because the
 * sentences themselves do not carry it.
 *
 * e.g. a detailed `{text: "Line 1: ...\n  Line 2: y is set to 2.", ...}`
 * gives steps labelled "Line 1" (depth 0) and "Line 2" (depth 1), the second
 * spoken as "Line 2: y is set to 2.".
 */
export function describeSteps(description: IDescription): IStep[] {
  const detailed = description.level === 'detailed';
  const lines = (description.text ?? '').split('\n');
  const depths =
    detailed && lines.length === description.sentences.length
      ? lines.map(l => Math.floor((l.length - l.trimStart().length) / 2))
      : [];
  return description.sentences.map((s, i) => {
    const namesItsLine =
      s.line !== null && s.text.startsWith(`Line ${s.line} `);
    const label =
      detailed && s.line !== null && !namesItsLine ? `Line ${s.line}` : '';
    const plain = s.text.replace(/`([^`]*)`/g, '$1');
    return {
      line: s.line,
      label,
      text: s.text,
      depth: depths[i] ?? 0,
      spoken: label ? `${label}: ${plain}` : plain
    };
  });
}
