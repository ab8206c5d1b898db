import type { ChangeEvent } from 'react';

type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

/** The props a bound control gets: `value` for text and selects, `checked` for a checkbox. */
export type ControlProps =
  | { value: string; onChange: (event: ChangeEvent<Control>) => void }
  | { checked: boolean; onChange: (event: ChangeEvent<HTMLInputElement>) => void };

/** One form field tied to its value, its setter and its complaint (see useForm's `bind`). */
export interface Binding {
  readonly control: ControlProps;
  readonly error: string | undefined;
}

/**
 * The binding for one value: a boolean is a checkbox (`checked`), anything else a text
 * control (`value`). Pure, so it is tested without a DOM.
 */
export function toBinding(
  value: unknown,
  error: string | undefined,
  set: (value: string | boolean) => void,
): Binding {
  const control: ControlProps =
    typeof value === 'boolean'
      ? {
          checked: value,
          onChange: (event: ChangeEvent<HTMLInputElement>) => set(event.target.checked),
        }
      : {
          value: String(value ?? ''),
          onChange: (event: ChangeEvent<Control>) => set(event.target.value),
        };
  return { control, error };
}
