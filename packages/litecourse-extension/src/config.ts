/**
 * The course configuration, read from `jupyter-lite.json`:
 * `jupyter-config-data.litecourse = {courseId, title, version, startupSnippet}`.
 */
import { PageConfig } from '@jupyterlab/coreutils';

import { CONFIG_KEY, ICourseConfig, parseCourseConfig } from './config-model';

export {
  CONFIG_KEY,
  DEFAULT_STARTUP_SNIPPET,
  parseCourseConfig
} from './config-model';
export type { ICourseConfig } from './config-model';

/**
 * Read the course configuration of the running site.
 *
 * `PageConfig` stores non-string values as JSON strings, hence the parse.
 */
export function readCourseConfig(): ICourseConfig {
  return parseCourseConfig(PageConfig.getOption(CONFIG_KEY));
}
