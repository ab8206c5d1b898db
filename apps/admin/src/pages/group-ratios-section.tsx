import { useState } from 'react';
import type { GroupRatioRow } from '../api/price-types';
import { type Column, DataTable } from '../components/data-table';
import type { Load } from '../components/use-load';
import { useT } from '../i18n/use-t';
import { GroupRatioForm } from './group-ratio-form';

type Editing = { kind: 'none' } | { kind: 'new' } | { kind: 'edit'; row: GroupRatioRow };

interface GroupRatiosSectionProps {
  state: Load<GroupRatioRow[]>;
  canEdit: boolean;
  reload: () => void;
}

/** Group ratios; root sets one (groups cannot be deleted: the ledger cannot drop one). */
export function GroupRatiosSection({ state, canEdit, reload }: GroupRatiosSectionProps) {
  const t = useT();
  const [editing, setEditing] = useState<Editing>({ kind: 'none' });
  const columns: Column<GroupRatioRow>[] = [
    {
      key: 'group',
      header: t('common.group'),
      cell: (row) => <span className="cell-strong">{row.group}</span>,
    },
    { key: 'ratio', header: t('prices.ratio'), cell: (row) => row.ratio ?? '—', numeric: true },
    {
      key: 'list',
      header: t('prices.listRatio'),
      cell: (row) => row.default ?? '—',
      numeric: true,
    },
    {
      key: 'source',
      header: t('prices.source'),
      cell: (row) =>
        row.overridden ? (
          <span className="badge badge-good">{t('prices.overridden')}</span>
        ) : (
          <span className="badge badge-muted">{t('prices.listRatioSource')}</span>
        ),
    },
  ];
  if (canEdit)
    columns.push({
      key: 'actions',
      header: t('common.actions'),
      cell: (row) => (
        <button
          type="button"
          className="button button-small"
          onClick={() => setEditing({ kind: 'edit', row })}
        >
          {t('common.edit')}
        </button>
      ),
    });

  return (
    <>
      <div className="page-head">
        <h2 className="section-title">{t('prices.groups')}</h2>
        {canEdit && editing.kind === 'none' && (
          <button type="button" className="button" onClick={() => setEditing({ kind: 'new' })}>
            {t('prices.addGroup')}
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
          label={t('prices.groups')}
          state={state}
          columns={columns}
          rowKey={(row) => row.group}
          empty={t('prices.noGroups')}
        />
      </section>
    </>
  );
}
