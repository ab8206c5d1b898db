import { useState } from 'react';
import type { ModelPriceRow } from '../api/price-types';
import { resetModelPrice } from '../api/prices-api';
import { type Column, DataTable } from '../components/data-table';
import { ErrorBanner } from '../components/error-banner';
import type { Load } from '../components/use-load';
import { filterNames } from '../lib/model-list';
import { describePrice, MODE_LABELS, pricingModeOf } from '../lib/model-price';
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
  const [query, setQuery] = useState('');
  const [editing, setEditing] = useState<Editing>({ kind: 'none' });
  const [actionError, setActionError] = useState<unknown>(null);

  const reset = async (row: ModelPriceRow) => {
    const after = row.default
      ? `back to the list price (${describePrice(row.default)})`
      : 'left without a price: requests for it will be refused';
    if (!window.confirm(`Remove the override of ${row.model}? It goes ${after}.`)) return;
    setActionError(null);
    try {
      await resetModelPrice(row.model);
      reload();
    } catch (error) {
      setActionError(error);
    }
  };

  const columns: Column<ModelPriceRow>[] = [
    { header: 'Model', cell: (row) => <span className="cell-strong">{row.model}</span> },
    {
      header: 'Billed by',
      cell: (row) => {
        const mode = row.price && pricingModeOf(row.price);
        return mode ? MODE_LABELS[mode] : '—';
      },
    },
    {
      header: 'Price',
      cell: (row) => <span className="cell-wrap">{describePrice(row.price)}</span>,
    },
    {
      header: 'Source',
      cell: (row) =>
        row.overridden ? (
          <span className="badge badge-good">overridden</span>
        ) : (
          <span className="badge badge-muted">list price</span>
        ),
    },
  ];
  if (canEdit)
    columns.push({
      header: 'Actions',
      cell: (row) => (
        <div className="row-actions">
          <button
            type="button"
            className="button button-small"
            onClick={() => setEditing({ kind: 'edit', row })}
          >
            Edit
          </button>
          {row.overridden && (
            <button
              type="button"
              className="button button-small button-danger"
              onClick={() => void reset(row)}
            >
              Reset
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
        <h2 className="section-title">Models</h2>
        {canEdit && editing.kind === 'none' && (
          <button type="button" className="button" onClick={() => setEditing({ kind: 'new' })}>
            Price a model
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
            aria-label="Filter models"
            placeholder="Filter by model name"
            value={query}
            onChange={(event) => setQuery(event.target.value)}
          />
          {state.kind === 'ready' && (
            <span className="muted">
              {shown.size} of {rows.length}
            </span>
          )}
        </div>
        <DataTable
          label="Model prices"
          state={filtered}
          columns={columns}
          rowKey={(row) => row.model}
          empty={rows.length === 0 ? 'No model has a price yet.' : 'No model matches.'}
        />
      </section>
    </>
  );
}
