import { extname, join, normalize, sep } from 'node:path';

/**
 * The window's files are served over app://keyward/ rather than file://: a real origin for the CSP's 'self'
 * and the IPC sender check, no reach into the rest of the disk, and V8's code cache for the app's scripts
 * (Electron keeps compiled code only for http(s) and standard custom schemes with `codeCache`).
 */
export const RENDERER_SCHEME = 'app';
export const RENDERER_HOST = 'keyward';
export const RENDERER_ENTRY = `${RENDERER_SCHEME}://${RENDERER_HOST}/index.html`;

export const RENDERER_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

/** True for a URL of the window's own files (app://keyward/...). */
export function isRendererUrl(raw: string): boolean {
  try {
    const url = new URL(raw);
    return (
      url.protocol === `${RENDERER_SCHEME}:` &&
      url.host === RENDERER_HOST &&
      !url.username &&
      !url.password &&
      !url.port
    );
  } catch {
    return false;
  }
}

/**
 * The file under `root` that an app://keyward/ request names, with its content type; null for anything else:
 * another host, a path leaving `root` (also encoded), a type the window never loads.
 */
export function rendererFileFor(root: string, raw: string): { path: string; type: string } | null {
  if (!isRendererUrl(raw)) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(raw).pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0')) return null;
  const relative = normalize(pathname === '/' ? '/index.html' : pathname).replace(/^([/\\])+/, '');
  const path = join(root, relative);
  const type = RENDERER_TYPES[extname(path).toLowerCase()];
  if (!type || !path.startsWith(root.endsWith(sep) ? root : root + sep)) return null;
  return { path, type };
}
