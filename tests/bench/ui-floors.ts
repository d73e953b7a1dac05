// What this browser on this machine costs before any of Keyward's code runs: the floors the inventory's first-paint
// and keystroke figures stand on. Used by ui-bench.ts; measured with the same page instrumentation as the app.
import type { Browser } from '@playwright/test';
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface FloorPages {
  url: string;
  close(): Promise<void>;
}

/** The inventory's screen as the app painted it, with its stylesheet and without a single script. */
export interface CapturedScreen {
  /** outerHTML of #root. */
  root: string;
  /** The page's stylesheets, as paths under the built renderer folder (assets/index-….css). */
  stylesheets: string[];
}

const page = (head: string, body: string) =>
  `<!doctype html><html lang="en"><head><meta charset="UTF-8"><meta name="color-scheme" content="light dark"><title>Keyward floor</title>${head}</head><body>${body}</body></html>`;

/** A search box whose every keystroke writes one line of text, synchronously: the least a keystroke can change. */
const ECHO_SCRIPT =
  "const out = document.getElementById('out'); document.getElementById('q').addEventListener('input', (e) => { out.textContent = 'Searching for ' + e.target.value; });";

/**
 * Serves, over 127.0.0.1 only: /screen (the captured inventory screen, static), /text (one line of text) and
 * /echo (the one-line search box), with the app's own stylesheet.
 */
export async function serveFloorPages(rendererDir: string, screen: CapturedScreen): Promise<FloorPages> {
  if (screen.stylesheets.length === 0) throw new Error('floor pages: the captured screen has no stylesheet');
  const sheets = await Promise.all(screen.stylesheets.map((path) => readFile(join(rendererDir, path))));
  const link = sheets.map((_, i) => `<link rel="stylesheet" href="/style-${i}.css">`).join('');
  const routes: Record<string, { type: string; body: string | Buffer }> = {
    '/screen': { type: 'text/html', body: page(link, screen.root) },
    '/text': { type: 'text/html', body: page(link, '<p>Keyward</p>') },
    '/echo': {
      type: 'text/html',
      body: page(
        link,
        '<div class="field"><label for="q">Search tokens</label><input id="q" type="search" autocomplete="off"></div><p id="out">Type to search</p><script src="/echo.js"></script>',
      ),
    },
    '/echo.js': { type: 'text/javascript', body: ECHO_SCRIPT },
    ...Object.fromEntries(sheets.map((css, i) => [`/style-${i}.css`, { type: 'text/css', body: css }])),
  };
  const server: Server = createServer((req, res) => {
    const route = routes[(req.url ?? '/').split('?')[0]!];
    if (!route) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': `${route.type}; charset=utf-8`, 'cache-control': 'no-store' }).end(route.body);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('floor pages: no port');
  return {
    url: `http://127.0.0.1:${address.port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Takes the painted screen from a page that shows the inventory: #root as it is now, and the stylesheets it uses. */
export const CAPTURE_SCREEN =
  "({ root: document.getElementById('root').outerHTML, stylesheets: [...document.querySelectorAll('link[rel=stylesheet]')].map((l) => new URL(l.href).pathname.replace(/^\\//, '')) })";

/**
 * Loads a static page in a fresh browser context each time (nothing cached, as the app's first-paint loads) and
 * returns, per load, when its first contentful paint and the first row's name (Element Timing) were painted.
 */
export async function staticPaints(browser: Browser, url: string, instrumentation: string, loads: number) {
  const out: { fcp: number; rowPaint: number | null }[] = [];
  for (let i = 0; i < loads; i++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    try {
      await context.addInitScript({ content: instrumentation });
      const p = await context.newPage();
      await p.goto(url, { waitUntil: 'load' });
      let r: { fcp: number | null; rowPaint: number | null } = { fcp: null, rowPaint: null };
      for (let k = 0; k < 200 && r.fcp === null; k++) {
        await p.waitForTimeout(25);
        r = (await p.evaluate('({ fcp: window.__bench.fcp, rowPaint: window.__bench.rowPaint })')) as typeof r;
      }
      // Element Timing reports a moment after the paint: give it a frame or two.
      await p.waitForTimeout(100);
      r = (await p.evaluate('({ fcp: window.__bench.fcp, rowPaint: window.__bench.rowPaint })')) as typeof r;
      if (r.fcp === null) throw new Error(`${url} did not paint within 5 s`);
      out.push({ fcp: r.fcp, rowPaint: r.rowPaint });
    } finally {
      await context.close();
    }
  }
  return out;
}
