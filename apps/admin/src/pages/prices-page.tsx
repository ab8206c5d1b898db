import { getPrices } from '../api/prices-api';
import { ErrorBanner } from '../components/error-banner';
import { type Load, useLoad } from '../components/use-load';
import { useSession } from '../session/session-context';
import { GroupRatiosSection } from './group-ratios-section';
import { ModelPricesSection } from './model-prices-section';

/** Admins: what each model costs and each group's ratio. Root may change them. */
export function PricesPage() {
  const { user } = useSession();
  const { state, reload } = useLoad(getPrices);
  const canEdit = user.role === 'root';
  const pick = <T,>(read: (data: Awaited<ReturnType<typeof getPrices>>) => T): Load<T> =>
    state.kind === 'ready' ? { kind: 'ready', data: read(state.data) } : state;

  return (
    <>
      <h1>Prices</h1>
      {state.kind === 'error' && <ErrorBanner error={state.error} />}
      {state.kind === 'ready' && (
        <p className="muted">
          Shipped list prices as of {state.data.defaultsAsOf}; overrides apply on top.{' '}
          {canEdit ? 'A model without a price is refused.' : 'Only root can change them.'}
        </p>
      )}
      <ModelPricesSection state={pick((data) => data.models)} canEdit={canEdit} reload={reload} />
      <GroupRatiosSection state={pick((data) => data.groups)} canEdit={canEdit} reload={reload} />
    </>
  );
}
