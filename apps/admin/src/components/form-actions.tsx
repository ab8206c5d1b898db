import { useT } from '../i18n/use-t';

interface FormActionsProps {
  busy: boolean;
  /** The submit button's label, e.g. "Create key". */
  label: string;
  /** Shown on the disabled button while the form is being sent, e.g. "Creating…". */
  busyLabel: string;
  /** Adds a Cancel button. */
  onCancel?: (() => void) | undefined;
}

/** A form's submit button (disabled while it sends) and, optionally, Cancel. */
export function FormActions({ busy, label, busyLabel, onCancel }: FormActionsProps) {
  const t = useT();
  return (
    <div className="actions">
      <button type="submit" className="button button-primary" disabled={busy}>
        {busy ? busyLabel : label}
      </button>
      {onCancel && (
        <button type="button" className="button" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      )}
    </div>
  );
}
