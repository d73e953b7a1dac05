// Draws resources/icon.png (512×512, what electron-builder turns into each platform's app icon) from the window's
// own src/public/icon.svg, in Debian's Chromium. Run after changing the SVG: node scripts/make-icon.mjs
import { chromium } from '@playwright/test';
import { readFile } from 'node:fs/promises';

const svg = await readFile(new URL('../src/public/icon.svg', import.meta.url), 'utf8');
const browser = await chromium.launch({
  executablePath: process.env.KEYWARD_CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu'],
});
try {
  const page = await browser.newPage({ viewport: { width: 512, height: 512 } });
  const sized = svg.replace('width="64" height="64"', 'width="512" height="512"');
  await page.setContent(`<body style="margin:0;background:transparent">${sized}</body>`);
  await page
    .locator('svg')
    .screenshot({ path: new URL('../resources/icon.png', import.meta.url).pathname, omitBackground: true });
} finally {
  await browser.close();
}
