import { cloneElement, type ReactElement, useId } from 'react';

/** The props FormField sets on its control to tie it to the label, hint and error. */
interface ControlProps {
  id?: string;
  'aria-describedby'?: string;
  'aria-invalid'?: boolean;
}

interface FormFieldProps {
  label: string;
  /** The server's or the client's complaint about this field. */
  error?: string | undefined;
  hint?: string;
  /** One input, select or textarea. */
  children: ReactElement<ControlProps>;
}

/**
 * A labelled control. The hint and error are linked by aria-describedby rather than put
 * inside the <label>, so the control's accessible name stays just the label.
 */
export function FormField({ label, error, hint, children }: FormFieldProps) {
  const id = useId();
  const note = error ?? hint;
  return (
    <div className={error ? 'field field-invalid' : 'field'}>
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      {cloneElement(children, {
        id,
        'aria-invalid': error !== undefined,
        ...(note !== undefined && { 'aria-describedby': `${id}-note` }),
      })}
      {note !== undefined && (
        <span
          id={`${id}-note`}
          className={error ? 'field-error' : 'field-hint'}
          role={error ? 'alert' : undefined}
        >
          {note}
        </span>
      )}
    </div>
  );
}
