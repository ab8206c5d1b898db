import { useState } from 'react';
import { Link } from 'react-router';
import { ApiError } from '../api/api-error';
import { getPublicPricing, type PublicPricing } from '../api/public-pricing-api';
import type { SiteStatus } from '../api/types';
import { type Column, DataTable } from '../components/data-table';
import { ErrorBanner } from '../components/error-banner';
import { LanguageSwitch } from '../components/language-switch';
import { SiteBrand } from '../components/site-brand';
import { type Load, useLoad } from '../components/use-load';
import { useT } from '../i18n/use-t';
import { filterNames } from '../lib/model-list';
import { describePrice, modeLabel, pricingModeOf } from '../lib/model-price';

type ModelRow = PublicPricing['models'][number];
type GroupRow = PublicPricing['groups'][number];

/**
 * The models and their prices for anyone, signed in or not, while root publishes them
 * (the publicPricing setting). Signed out (`site` given) it has its own header.
 */
export function PublicPricingPage({ site }: { site?: SiteStatus }) {
  const t = useT();
  const { state } = useLoad(getPublicPricing);
  const [query, setQuery] = useState('');
  // A 404 is root turning the page off after the dashboard loaded: say so plainly.
  const closed =
    state.kind === 'error' && state.error instanceof ApiError && state.error.status === 404;

  const modelColumns: Column<ModelRow>[] = [
    {
      key: 'model',
      header: t('common.model'),
      cell: (row) => <span className="cell-strong">{row.model}</span>,
    },
    {
      key: 'mode',
      header: t('prices.billedBy'),
      cell: (row) => {
        const mode = pricingModeOf(row.price);
        return mode ? modeLabel(mode) : '—';
      },
    },
    {
      key: 'price',
      header: t('prices.price'),
      cell: (row) => <span className="cell-wrap">{describePrice(row.price)}</span>,
    },
  ];
  const groupColumns: Column<GroupRow>[] = [
    { key: 'group', header: t('common.group'), cell: (row) => row.group },
    { key: 'ratio', header: t('prices.ratio'), cell: (row) => row.ratio, numeric: true },
  ];
  const pick = <T,>(read: (data: PublicPricing) => T[]): Load<T[]> =>
    state.kind === 'ready' ? { kind: 'ready', data: read(state.data) } : state;
  const shown = (data: PublicPricing) => {
    const names = new Set(
      filterNames(
        data.models.map((row) => row.model),
        query,
      ),
    );
    return data.models.filter((row) => names.has(row.model));
  };

  const body = (
    <>
      <h1>{t('pricing.title')}</h1>
      {state.kind === 'ready' && (
        <p className="muted">{t('pricing.intro', { date: state.data.defaultsAsOf })}</p>
      )}
      {closed ? (
        <p className="empty card">{t('pricing.unavailable')}</p>
      ) : state.kind === 'error' ? (
        <ErrorBanner error={state.error} />
      ) : (
        <>
          <section className="card">
            <div className="table-tools">
              <input
                type="search"
                aria-label={t('prices.filterLabel')}
                placeholder={t('prices.filter')}
                value={query}
                onChange={(event) => setQuery(event.target.value)}
              />
            </div>
            <DataTable
              label={t('prices.table')}
              state={pick(shown)}
              columns={modelColumns}
              rowKey={(row) => row.model}
              empty={t('prices.noMatch')}
            />
          </section>
          <h2 className="section-title">{t('prices.groups')}</h2>
          <p className="muted">{t('pricing.groupsIntro')}</p>
          <section className="card">
            <DataTable
              label={t('prices.groups')}
              state={pick((data) => [...data.groups])}
              columns={groupColumns}
              rowKey={(row) => row.group}
              empty={t('prices.noGroups')}
            />
          </section>
        </>
      )}
    </>
  );
  if (!site) return body;
  return (
    <div className="public-page">
      <header className="public-head">
        <SiteBrand site={site} />
        <div className="actions">
          <LanguageSwitch />
          <Link className="button button-small" to="/">
            {t('pricing.signIn')}
          </Link>
        </div>
      </header>
      <main className="content">{body}</main>
    </div>
  );
}
