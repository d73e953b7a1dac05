import { dialog, type BrowserWindow } from 'electron';
import type { FileDialogs } from '../../core/ports';

/** The OS open/save dialogs, attached to the main window. */
export function electronDialogs(window: () => BrowserWindow | null): FileDialogs {
  return {
    async open({ title, filters }) {
      const owner = window();
      const options = { title, filters, properties: ['openFile' as const] };
      const result = owner ? await dialog.showOpenDialog(owner, options) : await dialog.showOpenDialog(options);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
    async save({ title, defaultName, filters }) {
      const owner = window();
      const options = { title, defaultPath: defaultName, filters };
      const result = owner ? await dialog.showSaveDialog(owner, options) : await dialog.showSaveDialog(options);
      return result.canceled ? null : (result.filePath ?? null);
    },
  };
}
