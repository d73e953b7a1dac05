// The entry script: small and free of React, so that the inventory's first page is asked while the app's code
// (React and every view, in the chunk imported below) is still downloading and compiling.
import { initialViewKind } from './lib/initial-view';
import { DEFAULT_SORT, EMPTY_FILTERS } from './lib/inventory';
import { prefetchInventory } from './lib/inventory-prefetch';
import './styles.css';
import './styles/table.css';
import './styles/shell.css';

if (initialViewKind() === 'inventory') prefetchInventory(EMPTY_FILTERS, DEFAULT_SORT);

import('./render-app').catch((err: unknown) => {
  // Without the app's code there is nothing else to show: say so instead of a blank window.
  const root = document.getElementById('root');
  if (root)
    root.textContent = `Keyward could not load its interface (${err instanceof Error ? err.message : 'unknown error'}). Restart the app; if this persists, reinstall it.`;
});
