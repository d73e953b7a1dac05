import { join } from 'node:path';

/** Where a screenshot goes: test-results during a test run; docs/screenshots only through `npm run screenshots`. */
export const screenshotPath = (name: string): string =>
  join(process.env.KEYWARD_SCREENSHOTS_DIR ?? 'test-results/screenshots', `${name}.png`);
