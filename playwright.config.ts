import { defineConfig } from '@playwright/test';

// Debian's Chromium: Playwright's own browser download cannot run on the build machines.
const executablePath = process.env.KEYWARD_CHROMIUM ?? '/usr/bin/chromium';

const chromium = {
  browserName: 'chromium' as const,
  viewport: { width: 1280, height: 800 },
  launchOptions: {
    executablePath,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
      '--disable-quic',
    ],
  },
};

export default defineConfig({
  testDir: 'tests',
  timeout: 30_000,
  expect: { timeout: 5_000 },
  fullyParallel: false,
  workers: 1,
  forbidOnly: Boolean(process.env.CI),
  // In CI a test that fails and then passes is reported as flaky, named in npm test's "Failed tests" list.
  retries: process.env.CI ? 1 : 0,
  reporter: [['list']],
  projects: [
    { name: 'chromium', testMatch: 'e2e/**/*.spec.ts', use: chromium },
    // Pictures for the docs: run only by `npm run screenshots`, never by the test run.
    { name: 'screenshots', testMatch: 'screenshots/**/*.spec.ts', use: chromium },
    { name: 'electron', testMatch: 'electron/**/*.spec.ts' },
  ],
});
