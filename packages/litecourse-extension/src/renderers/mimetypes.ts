/**
 * MIME types the kernel packages display and this extension renders.
 * See docs/architecture.md for each payload's shape.
 */

/** `{"dsl", "description", "title"}` from codecharts' `%%flowchart`. */
export const FLOWCHART_MIME_TYPE = 'application/vnd.litecourse.flowchart+json';

/** `{"text", "sentences", "level", "speak"}` from codeprose's `%%describe`. */
export const DESCRIPTION_MIME_TYPE =
  'application/vnd.litecourse.description+json';

/** A self-check quiz from codecharts. */
export const QUIZ_MIME_TYPE = 'application/vnd.litecourse.quiz+json';
