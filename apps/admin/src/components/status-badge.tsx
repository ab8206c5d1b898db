/** A coloured word for an enabled, disabled (or used-up) or otherwise stopped record. */
export function StatusBadge({ status }: { status: string }) {
  const tone =
    status === 'enabled'
      ? 'good'
      : status === 'manually_disabled' || status === 'disabled' || status === 'redeemed'
        ? 'muted'
        : 'bad';
  return <span className={`badge badge-${tone}`}>{status.replaceAll('_', ' ')}</span>;
}
