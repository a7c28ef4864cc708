/**
 * The course configuration's shape and parsing, free of JupyterLab imports so
 * it can be tested with plain node. `./config` reads it from the page.
 */

/** The course configuration the site was built with. */
export interface ICourseConfig {
  /** Stable identifier of the course (used e.g. to namespace saved state). */
  courseId: string;
  /** Human-readable course title. */
  title: string;
  /** Version of the course content. */
  version: string;
  /**
   * Python code run silently when a kernel starts. An explicit empty string
   * turns the start-up snippet off.
   */
  startupSnippet: string;
}

/** The snippet used when the site's configuration names none. */
export const DEFAULT_STARTUP_SNIPPET =
  '%load_ext codecharts\n%load_ext codeprose\n%load_ext workings';

/** The `jupyter-config-data` key holding the course configuration. */
export const CONFIG_KEY = 'litecourse';

/**
 * Turn the raw option string into a complete configuration.
 *
 * Pure: missing, malformed or wrongly typed fields fall back to defaults, so a
 * bad `jupyter-lite.json` never stops the site from working.
 *
 * Example: `parseCourseConfig('{"courseId": "py101"}').startupSnippet`
 * is `DEFAULT_STARTUP_SNIPPET`.
 */
export function parseCourseConfig(
  raw: string | null | undefined
): ICourseConfig {
  let data: unknown = {};
  if (raw) {
    try {
      data = JSON.parse(raw);
    } catch (error) {
      console.warn(
        `[litecourse] ignoring malformed "${CONFIG_KEY}" configuration:`,
        error
      );
    }
  }
  const record: Record<string, unknown> =
    data !== null && typeof data === 'object' && !Array.isArray(data)
      ? (data as Record<string, unknown>)
      : {};
  const text = (key: string, fallback: string): string =>
    typeof record[key] === 'string' ? (record[key] as string) : fallback;
  return {
    courseId: text('courseId', ''),
    title: text('title', ''),
    version: text('version', ''),
    startupSnippet: text('startupSnippet', DEFAULT_STARTUP_SNIPPET)
  };
}
