import { useT } from '../i18n/use-t';
import type { PairRow } from '../lib/parse-channel-form';

interface PairRowsProps {
  legend: string;
  hint?: string;
  error?: string | undefined;
  fromLabel: string;
  toLabel: string;
  rows: readonly PairRow[];
  onChange: (rows: PairRow[]) => void;
  /** A <datalist> id offering values for the right-hand column (upstream models). */
  toListId?: string;
}

/** Rows of two inputs (client model -> upstream model, header -> value), added and removed. */
export function PairRows({
  legend,
  hint,
  error,
  fromLabel,
  toLabel,
  rows,
  onChange,
  toListId,
}: PairRowsProps) {
  const t = useT();
  const edit = (index: number, change: Partial<PairRow>) =>
    onChange(rows.map((row, at) => (at === index ? { ...row, ...change } : row)));
  return (
    <fieldset className={error ? 'pair-rows field-invalid' : 'pair-rows'}>
      <legend>{legend}</legend>
      {rows.map((row, index) => (
        // Rows have no identity of their own; the index is what they are.
        // biome-ignore lint/suspicious/noArrayIndexKey: see above
        <div className="pair-row" key={index}>
          <input
            aria-label={`${fromLabel} ${index + 1}`}
            placeholder={fromLabel}
            value={row.from}
            spellCheck={false}
            onChange={(event) => edit(index, { from: event.target.value })}
          />
          <span aria-hidden="true">→</span>
          <input
            aria-label={`${toLabel} ${index + 1}`}
            placeholder={toLabel}
            value={row.to}
            spellCheck={false}
            {...(toListId && { list: toListId })}
            onChange={(event) => edit(index, { to: event.target.value })}
          />
          <button
            type="button"
            className="button button-small"
            onClick={() => onChange(rows.filter((_, at) => at !== index))}
          >
            {t('channelForm.removeRow')}
          </button>
        </div>
      ))}
      <button
        type="button"
        className="button button-small"
        onClick={() => onChange([...rows, { from: '', to: '' }])}
      >
        {t('channelForm.addRow')}
      </button>
      {(error ?? hint) !== undefined && (
        <span className={error ? 'field-error' : 'field-hint'} role={error ? 'alert' : undefined}>
          {error ?? hint}
        </span>
      )}
    </fieldset>
  );
}
