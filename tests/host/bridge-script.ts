import { channelNames } from '../../electron/contract';

/**
 * The browser-side window.api the test host serves: one explicit method per channel (as the preload has),
 * each a POST to /ipc/<channel> carrying the per-start token read from the page's meta tag.
 */
export function bridgeScript(): string {
  return `(() => {
  const token = document.querySelector('meta[name="keyward-host-token"]').content;
  const call = (name) => async (input) => {
    const res = await fetch('/ipc/' + name, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-keyward-token': token },
      body: JSON.stringify(input ?? {}),
    });
    return res.json();
  };
  const api = {};
  for (const name of ${JSON.stringify(channelNames)}) api[name] = call(name);
  let source = null;
  const listeners = new Map();
  api.on = (event, listener) => {
    if (!source) {
      source = new EventSource('/__host/events?token=' + encodeURIComponent(token));
      source.onmessage = (m) => {
        const { event: name, payload } = JSON.parse(m.data);
        for (const l of listeners.get(name) ?? []) l(payload);
      };
    }
    if (!listeners.has(event)) listeners.set(event, new Set());
    listeners.get(event).add(listener);
    return () => listeners.get(event).delete(listener);
  };
  Object.defineProperty(window, 'api', { value: Object.freeze(api), writable: false });
})();
`;
}
