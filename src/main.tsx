import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { prefetchInventory } from './lib/use-inventory-rows';
import { useVault } from './state/vault-store';
import './styles.css';

// Opening on the inventory: its first page is on its way while React renders the frame around it.
if (useVault.getState().view.kind === 'inventory') prefetchInventory();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
