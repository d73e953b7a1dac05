import * as Menu from '@radix-ui/react-dropdown-menu';
import type { RowData } from '@tanstack/react-table';
import type { DataTable } from './use-data-table';

/** The column chooser's menu: one checkbox per column; the column that names the row stays. */
export default function ColumnMenu<T extends RowData>({ dt, label }: { dt: DataTable<T>; label: string }) {
  const columns = dt.table.getAllLeafColumns();
  return (
    <Menu.Root>
      <Menu.Trigger asChild>
        <button type="button" className="small dt-columns" aria-label={`Columns of ${label}`}>
          Columns
        </button>
      </Menu.Trigger>
      <Menu.Portal>
        <Menu.Content className="dt-menu" align="end" sideOffset={4} aria-label={`Columns of ${label}`}>
          {columns.map((c) => (
            <Menu.CheckboxItem
              key={c.id}
              className="dt-menu-item"
              checked={c.getIsVisible()}
              disabled={!c.getCanHide()}
              onCheckedChange={(on) => c.toggleVisibility(on)}
              onSelect={(e) => e.preventDefault()}
            >
              <span className="dt-menu-check" aria-hidden="true">
                {c.getIsVisible() ? '✓' : ''}
              </span>
              {String(c.columnDef.header)}
            </Menu.CheckboxItem>
          ))}
          <Menu.Separator className="dt-menu-sep" />
          <Menu.Item className="dt-menu-item" onSelect={() => dt.table.resetColumnSizing(true)}>
            Reset widths
          </Menu.Item>
        </Menu.Content>
      </Menu.Portal>
    </Menu.Root>
  );
}
