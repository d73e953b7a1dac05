import { clipboard } from 'electron';
import type { Clipboard } from '../../core/ports';

/** The OS clipboard through Electron, in main only: a copied secret never passes through the renderer. */
export const electronClipboard: Clipboard = {
  write: (text) => clipboard.writeText(text),
  read: () => clipboard.readText(),
  clear: async () => clipboard.clear(),
};
