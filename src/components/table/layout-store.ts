import { create } from 'zustand';
import type { TableLayout } from '../../../electron/contract';
import { call } from '../../lib/api';
import { afterFirstView } from '../../lib/startup';

/** Widths and hidden columns by table id, kept in the UI settings (updateUiSettings) and read once per start. */
interface LayoutState {
  layouts: Readonly<Record<string, TableLayout>>;
  set(tableId: string, layout: TableLayout): void;
}

const SAVE_DELAY_MS = 600;
let saveTimer: ReturnType<typeof setTimeout> | null = null;
/** Edits made before the saved layouts arrived win over them. */
const editedBeforeLoad = new Set<string>();
let loaded = false;

export const useTableLayouts = create<LayoutState>((set, get) => ({
  layouts: {},
  set(tableId, layout) {
    if (!loaded) editedBeforeLoad.add(tableId);
    set({ layouts: { ...get().layouts, [tableId]: layout } });
    // One write after a drag or a few toggles, not one per pointer move.
    if (saveTimer) clearTimeout(saveTimer);
    saveTimer = setTimeout(() => {
      saveTimer = null;
      // A refusal (status-only mode) keeps the layout for this session only.
      void call('updateUiSettings', { tables: get().layouts });
    }, SAVE_DELAY_MS);
  },
}));

let asked = false;
/** Reads the saved layouts once, after the first view has painted: the first rows never wait for them. */
export function loadTableLayouts(): void {
  if (asked) return;
  asked = true;
  void afterFirstView()
    .then(() => call('getUiSettings', {}))
    .then((res) => {
      loaded = true;
      if (!res.ok || !res.value.tables) return;
      const saved = res.value.tables;
      const current = useTableLayouts.getState().layouts;
      const merged = { ...saved };
      for (const id of editedBeforeLoad) if (current[id]) merged[id] = current[id];
      useTableLayouts.setState({ layouts: merged });
    });
}
