/** Views the address's hash can open directly (#inventory, #quick-check, #audit, #settings, #findings). */
export type InitialViewKind = 'home' | 'inventory' | 'quick-check' | 'audit' | 'settings' | 'findings';

/** The view to open first: the dashboard, or what the address's hash names. */
export function initialViewKind(): InitialViewKind {
  const hash = typeof location === 'undefined' ? '' : location.hash.slice(1);
  return hash === 'inventory' ||
    hash === 'quick-check' ||
    hash === 'audit' ||
    hash === 'settings' ||
    hash === 'findings'
    ? hash
    : 'home';
}
