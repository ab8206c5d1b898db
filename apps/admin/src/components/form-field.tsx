import { cloneElement, type ReactElement, useId } from 'react';
import type { Binding, ControlProps as BoundProps } from './form-binding';

/** The props FormField sets on its control to tie it to the label, hint and error. */
type ControlProps = {
  id?: string;
  'aria-describedby'?: string;
  'aria-invalid'?: boolean;
} & Partial<BoundProps>;

interface FormFieldProps {
  label: string;
  /** useForm's `bind(name)`: the control's value and onChange, and this field's error. */
  bind?: Binding;
  /** The server's or the client's complaint about this field (when not bound). */
  error?: string | undefined;
  hint?: string;
  /** One input, select or textarea. */
  children: ReactElement<ControlProps>;
}

/**
 * A labelled control. The hint and error are linked by aria-describedby rather than put
 * inside the <label>, so the control's accessible name stays just the label.
 */
export function FormField({ label, bind, hint, children, ...rest }: FormFieldProps) {
  const id = useId();
  const error = bind ? bind.error : rest.error;
  const note = error ?? hint;
  return (
    <div className={error ? 'field field-invalid' : 'field'}>
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      {cloneElement(children, {
        ...bind?.control,
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
