import { useState } from 'react';
import type { ModelPriceRow } from '../api/price-types';
import { resetModelPrice } from '../api/prices-api';
import { type Column, DataTable } from '../components/data-table';
import { ErrorBanner } from '../components/error-banner';
import type { Load } from '../components/use-load';
import { useT } from '../i18n/use-t';
import { filterNames } from '../lib/model-list';
import { describePrice, modeLabel, pricingModeOf } from '../lib/model-price';
import { PriceForm } from './price-form';

/** What the form above the table is doing: nothing, pricing a new model, or editing one. */
type Editing = { kind: 'none' } | { kind: 'new' } | { kind: 'edit'; row: ModelPriceRow };

interface ModelPricesSectionProps {
  state: Load<ModelPriceRow[]>;
  canEdit: boolean;
  reload: () => void;
}

/** The model prices, filtered by name; root edits one or resets its override. */
export function ModelPricesSection({ state, canEdit, reload }: ModelPricesSectionProps) {
  const t = useT();
  const [query, setQuery] = useState('');
  const [editing, setEditing] = useState<Editing>({ kind: 'none' });
  const [actionError, setActionError] = useState<unknown>(null);

  const reset = async (row: ModelPriceRow) => {
    const after = row.default
      ? t('prices.resetToList', { price: describePrice(row.default) })
      : t('prices.resetToNone');
    if (!window.confirm(t('prices.resetConfirm', { model: row.model, after }))) return;
    setActionError(null);
    try {
      await resetModelPrice(row.model);
      reload();
    } catch (error) {
      setActionError(error);
    }
  };

  const columns: Column<ModelPriceRow>[] = [
    {
      key: 'model',
      header: t('common.model'),
      cell: (row) => <span className="cell-strong">{row.model}</span>,
    },
    {
      key: 'mode',
      header: t('prices.billedBy'),
      cell: (row) => {
        const mode = row.price && pricingModeOf(row.price);
        return mode ? modeLabel(mode) : '—';
      },
    },
    {
      key: 'price',
      header: t('prices.price'),
      cell: (row) => <span className="cell-wrap">{describePrice(row.price)}</span>,
    },
    {
      key: 'source',
      header: t('prices.source'),
      cell: (row) =>
        row.overridden ? (
          <span className="badge badge-good">{t('prices.overridden')}</span>
        ) : (
          <span className="badge badge-muted">{t('prices.listPrice')}</span>
        ),
    },
  ];
  if (canEdit)
    columns.push({
      key: 'actions',
      header: t('common.actions'),
      cell: (row) => (
        <div className="row-actions">
          <button
            type="button"
            className="button button-small"
            onClick={() => setEditing({ kind: 'edit', row })}
          >
            {t('common.edit')}
          </button>
          {row.overridden && (
            <button
              type="button"
              className="button button-small button-danger"
              onClick={() => void reset(row)}
            >
              {t('prices.reset')}
            </button>
          )}
        </div>
      ),
    });

  const rows = state.kind === 'ready' ? state.data : [];
  const shown = new Set(
    filterNames(
      rows.map((row) => row.model),
      query,
    ),
  );
  const filtered: Load<ModelPriceRow[]> =
    state.kind === 'ready'
      ? { kind: 'ready', data: rows.filter((row) => shown.has(row.model)) }
      : state;

  return (
    <>
      <div className="page-head">
        <h2 className="section-title">{t('prices.models')}</h2>
        {canEdit && editing.kind === 'none' && (
          <button type="button" className="button" onClick={() => setEditing({ kind: 'new' })}>
            {t('prices.priceModel')}
          </button>
        )}
      </div>
      {editing.kind !== 'none' && (
        <PriceForm
          key={editing.kind === 'edit' ? editing.row.model : ''}
          target={editing.kind === 'edit' ? editing.row : null}
          onSaved={() => {
            setEditing({ kind: 'none' });
            reload();
          }}
          onCancel={() => setEditing({ kind: 'none' })}
        />
      )}
      <ErrorBanner error={actionError} />
      <section className="card">
        <div className="table-tools">
          <input
            type="search"
            aria-label={t('prices.filterLabel')}
            placeholder={t('prices.filter')}
            value={query}
            onChange={(event) => setQuery(event.target.value)}
          />
          {state.kind === 'ready' && (
            <span className="muted">
              {t('prices.shown', { shown: shown.size, total: rows.length })}
            </span>
          )}
        </div>
        <DataTable
          label={t('prices.table')}
          state={filtered}
          columns={columns}
          rowKey={(row) => row.model}
          empty={rows.length === 0 ? t('prices.empty') : t('prices.noMatch')}
        />
      </section>
    </>
  );
}
