import type { ReactNode } from 'react';
import { useT } from '../i18n/use-t';
import { ErrorBanner } from './error-banner';
import type { Load } from './use-load';

export interface Column<T> {
  /** The header's text, and the column's key unless `key` is given. */
  header: string;
  /** A key that stays the same in every language. */
  key?: string;
  /** Shown in the header instead of the text (a select-all checkbox). */
  headerCell?: ReactNode;
  cell: (row: T) => ReactNode;
  /** Right-align numbers. */
  numeric?: boolean;
}

interface DataTableProps<T> {
  state: Load<T[]>;
  columns: readonly Column<T>[];
  rowKey: (row: T) => string | number;
  empty: string;
  label: string;
}

/** A table with its loading, error and empty states; it scrolls sideways on narrow screens. */
export function DataTable<T>({ state, columns, rowKey, empty, label }: DataTableProps<T>) {
  const t = useT();
  if (state.kind === 'loading') return <p className="muted">{t('common.loading')}</p>;
  if (state.kind === 'error') return <ErrorBanner error={state.error} />;
  if (state.data.length === 0) return <p className="empty">{empty}</p>;
  return (
    <div className="table-scroll">
      <table aria-label={label}>
        <thead>
          <tr>
            {columns.map((column) => (
              <th
                key={column.key ?? column.header}
                className={column.numeric ? 'numeric' : undefined}
              >
                {column.headerCell ?? column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {state.data.map((row) => (
            <tr key={rowKey(row)}>
              {columns.map((column) => (
                <td
                  key={column.key ?? column.header}
                  className={column.numeric ? 'numeric' : undefined}
                >
                  {column.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
