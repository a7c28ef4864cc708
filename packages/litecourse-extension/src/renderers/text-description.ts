/**
 * A flowchart's long text description as HTML: codecharts writes a summary
 * line, then numbered steps (`1. Start.`), then any notes.
 *
 * Every piece is put in with `textContent`: descriptions quote code, which
 * may contain `<` and `&`, and must never become markup.
 */

/** One block of a description: a paragraph, or the list of steps. */
export type DescriptionBlock =
  { kind: 'paragraph'; text: string } | { kind: 'steps'; steps: string[] };

const STEP = /^\s*(\d+)\.\s+(.*)$/;

/**
 * Split a description into paragraphs and its numbered steps.
 *
 * `splitDescription("A chart.\n1. Start.\n2. End.")` →
 * `[{kind: 'paragraph', text: 'A chart.'}, {kind: 'steps', steps: ['Start.', 'End.']}]`
 */
export function splitDescription(text: string): DescriptionBlock[] {
  const blocks: DescriptionBlock[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) {
      continue;
    }
    const step = STEP.exec(line);
    const last = blocks[blocks.length - 1];
    if (step) {
      if (last && last.kind === 'steps') {
        last.steps.push(step[2]);
      } else {
        blocks.push({ kind: 'steps', steps: [step[2]] });
      }
    } else {
      blocks.push({ kind: 'paragraph', text: line.trim() });
    }
  }
  return blocks;
}

/** The description as a `<div>` of `<p>` and `<ol>` elements. */
export function descriptionElement(text: string): HTMLDivElement {
  const root = document.createElement('div');
  root.className = 'litecourse-flowchart-description';
  for (const block of splitDescription(text)) {
    if (block.kind === 'paragraph') {
      const p = document.createElement('p');
      p.textContent = block.text;
      root.appendChild(p);
    } else {
      const ol = document.createElement('ol');
      for (const step of block.steps) {
        const li = document.createElement('li');
        li.textContent = step;
        ol.appendChild(li);
      }
      root.appendChild(ol);
    }
  }
  return root;
}
