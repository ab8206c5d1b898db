import { useState } from 'react';
import type { GroupRatioRow } from '../api/price-types';
import { type Column, DataTable } from '../components/data-table';
import type { Load } from '../components/use-load';
import { GroupRatioForm } from './group-ratio-form';

type Editing = { kind: 'none' } | { kind: 'new' } | { kind: 'edit'; row: GroupRatioRow };

interface GroupRatiosSectionProps {
  state: Load<GroupRatioRow[]>;
  canEdit: boolean;
  reload: () => void;
}

/** Group ratios; root sets one (groups cannot be deleted: the ledger cannot drop one). */
export function GroupRatiosSection({ state, canEdit, reload }: GroupRatiosSectionProps) {
  const [editing, setEditing] = useState<Editing>({ kind: 'none' });
  const columns: Column<GroupRatioRow>[] = [
    { header: 'Group', cell: (row) => <span className="cell-strong">{row.group}</span> },
    { header: 'Ratio', cell: (row) => row.ratio ?? '—', numeric: true },
    { header: 'List ratio', cell: (row) => row.default ?? '—', numeric: true },
    {
      header: 'Source',
      cell: (row) =>
        row.overridden ? (
          <span className="badge badge-good">overridden</span>
        ) : (
          <span className="badge badge-muted">list ratio</span>
        ),
    },
  ];
  if (canEdit)
    columns.push({
      header: 'Actions',
      cell: (row) => (
        <button
          type="button"
          className="button button-small"
          onClick={() => setEditing({ kind: 'edit', row })}
        >
          Edit
        </button>
      ),
    });

  return (
    <>
      <div className="page-head">
        <h2 className="section-title">Group ratios</h2>
        {canEdit && editing.kind === 'none' && (
          <button type="button" className="button" onClick={() => setEditing({ kind: 'new' })}>
            Add a group
          </button>
        )}
      </div>
      {editing.kind !== 'none' && (
        <GroupRatioForm
          key={editing.kind === 'edit' ? editing.row.group : ''}
          target={editing.kind === 'edit' ? editing.row : null}
          onSaved={() => {
            setEditing({ kind: 'none' });
            reload();
          }}
          onCancel={() => setEditing({ kind: 'none' })}
        />
      )}
      <section className="card">
        <DataTable
          label="Group ratios"
          state={state}
          columns={columns}
          rowKey={(row) => row.group}
          empty="No group has a ratio yet."
        />
      </section>
    </>
  );
}
