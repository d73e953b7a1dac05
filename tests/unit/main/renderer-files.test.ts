import { join, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isRendererUrl, RENDERER_ENTRY, rendererFileFor } from '../../../electron/main/renderer-files';

const root = join(sep, 'opt', 'Keyward', 'resources', 'app.asar', 'out', 'renderer');

describe("the window's files over app://keyward/", () => {
  it('serves the entry and the built assets with their content types', () => {
    expect(rendererFileFor(root, RENDERER_ENTRY)).toEqual({
      path: join(root, 'index.html'),
      type: 'text/html; charset=utf-8',
    });
    expect(rendererFileFor(root, 'app://keyward/')).toEqual({
      path: join(root, 'index.html'),
      type: 'text/html; charset=utf-8',
    });
    expect(rendererFileFor(root, 'app://keyward/assets/render-app-DPcYDtkb.js?v=1#x')).toEqual({
      path: join(root, 'assets', 'render-app-DPcYDtkb.js'),
      type: 'text/javascript; charset=utf-8',
    });
    expect(rendererFileFor(root, 'app://keyward/assets/index-XQ5O2fft.css')?.type).toBe('text/css; charset=utf-8');
  });

  it('refuses every path out of the renderer folder, however it is written', () => {
    for (const url of [
      'app://keyward/../../main/index.js',
      'app://keyward/%2e%2e/%2e%2e/main/index.js',
      'app://keyward/assets/..%2f..%2f..%2fmain%2findex.js',
      'app://keyward/..%5c..%5cmain%5cindex.js',
    ]) {
      // Refused, or a file inside the folder (the URL parser and normalize fold ".." away; the read then finds nothing).
      const file = rendererFileFor(root, url);
      expect(file === null || file.path.startsWith(root + sep), `${url} -> ${file?.path}`).toBe(true);
    }
    expect(rendererFileFor(root, 'app://keyward/assets/x.js%00.png')).toBeNull();
  });

  it('refuses other hosts, schemes, credentials, ports and file types the window never loads', () => {
    for (const url of [
      'app://other/index.html',
      'file:///opt/Keyward/resources/app.asar/out/renderer/index.html',
      'https://keyward/index.html',
      'app://user:pw@keyward/index.html',
      'app://keyward:8080/index.html',
      'app://keyward/vault.json',
      'app://keyward/assets/app.js.map',
      'not a url',
    ]) {
      expect(rendererFileFor(root, url)).toBeNull();
    }
  });

  it("tells the window's own frames from any other for the IPC sender check", () => {
    expect(isRendererUrl('app://keyward/index.html')).toBe(true);
    expect(isRendererUrl('app://keyward/index.html#inventory')).toBe(true);
    for (const url of [
      'app://keyward.evil/index.html',
      'file:///index.html',
      'http://keyward/index.html',
      'about:blank',
      '',
    ])
      expect(isRendererUrl(url)).toBe(false);
  });
});
