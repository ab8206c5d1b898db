import { useT } from '../i18n/use-t';

/** The names of a stacked chart's series beside their colour (`series-i`), in stack order. */
export function ChartLegend({ items }: { items: readonly { label: string; detail: string }[] }) {
  const t = useT();
  return (
    <ul className="chart-legend" aria-label={t('common.legend')}>
      {items.map((item, index) => (
        <li key={item.label}>
          <span className={`chart-swatch series-${index}`} aria-hidden="true" />
          <span className="chart-legend-label">{item.label}</span>{' '}
          <span className="muted">{item.detail}</span>
        </li>
      ))}
    </ul>
  );
}
