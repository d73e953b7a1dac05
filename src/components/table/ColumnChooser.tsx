import { lazy, Suspense, useEffect, useState } from 'react';
import { afterFirstView } from '../../lib/startup';
import type { RowData } from '@tanstack/react-table';
import type { DataTable } from './use-data-table';

// The menu's code (Radix) loads after the first view has painted: the first rows never wait for it.
const ColumnMenu = lazy(() => import('./ColumnMenu'));

/** "Columns": shows or hides the table's columns, and resets their widths. */
export function ColumnChooser<T extends RowData>({ dt, label }: { dt: DataTable<T>; label: string }) {
  const [ready, setReady] = useState(false);
  useEffect(() => {
    let live = true;
    void afterFirstView().then(() => live && setReady(true));
    return () => {
      live = false;
    };
  }, []);
  const placeholder = (
    <button type="button" className="small dt-columns" aria-label={`Columns of ${label}`} disabled>
      Columns
    </button>
  );
  if (!ready) return placeholder;
  return (
    <Suspense fallback={placeholder}>
      <ColumnMenu dt={dt as unknown as DataTable<RowData>} label={label} />
    </Suspense>
  );
}
