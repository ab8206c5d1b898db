import { getPrices } from '../api/prices-api';
import { ErrorBanner } from '../components/error-banner';
import { type Load, useLoad } from '../components/use-load';
import { useT } from '../i18n/use-t';
import { useSession } from '../session/session-context';
import { GroupRatiosSection } from './group-ratios-section';
import { ModelPricesSection } from './model-prices-section';

/** Admins: what each model costs and each group's ratio. Root may change them. */
export function PricesPage() {
  const t = useT();
  const { user } = useSession();
  const { state, reload } = useLoad(getPrices);
  const canEdit = user.role === 'root';
  const pick = <T,>(read: (data: Awaited<ReturnType<typeof getPrices>>) => T): Load<T> =>
    state.kind === 'ready' ? { kind: 'ready', data: read(state.data) } : state;

  return (
    <>
      <h1>{t('prices.title')}</h1>
      {state.kind === 'error' && <ErrorBanner error={state.error} />}
      {state.kind === 'ready' && (
        <p className="muted">
          {t('prices.asOf', { date: state.data.defaultsAsOf })}{' '}
          {canEdit ? t('prices.refused') : t('prices.rootOnly')}
        </p>
      )}
      <ModelPricesSection state={pick((data) => data.models)} canEdit={canEdit} reload={reload} />
      <GroupRatiosSection state={pick((data) => data.groups)} canEdit={canEdit} reload={reload} />
    </>
  );
}
