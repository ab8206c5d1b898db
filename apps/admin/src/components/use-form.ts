import { type FormEvent, useState } from 'react';
import { toSubmitFailure } from '../lib/server-errors';
import type { FieldErrors, Parsed } from '../lib/validation';
import { type Binding, toBinding } from './form-binding';

interface FormOptions<V, T, R> {
  /** The form as typed. */
  initial: V | (() => V);
  /** The fields a server error's `param` may land on; any other param goes to the banner. */
  fields: readonly string[];
  /** Client validation: the request body, or a message per field. */
  parse: (values: V) => Parsed<T>;
  send: (value: T) => Promise<R>;
  onSuccess: (result: R) => void;
  /** Called on every edit through `bind` (to clear a "saved" message, say). */
  onEdit?: () => void;
}

/**
 * The cycle every form shares: hold the typed values, check them on the client, send, and
 * put a server error beside the field its `param` names, or in the banner.
 */
export function useForm<V extends object, T, R>(options: FormOptions<V, T, R>) {
  const [values, setValues] = useState<V>(options.initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [banner, setBanner] = useState<string | null>(null);
  // The unmapped error itself, for forms that show its HTTP status too (sign-in).
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const set = <K extends keyof V>(key: K, value: V[K]) =>
    setValues((current) => ({ ...current, [key]: value }));

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setBanner(null);
    setFailure(null);
    const parsed = options.parse(values);
    if (!parsed.ok) {
      setErrors(parsed.errors);
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      options.onSuccess(await options.send(parsed.value));
    } catch (error) {
      const split = toSubmitFailure(error, options.fields);
      setErrors(split.fields);
      setBanner(split.banner);
      setFailure(split.banner === null ? null : error);
    } finally {
      setBusy(false);
    }
  };
  /**
   * A field's control props and complaint, for `<FormField bind={form.bind('name')}>` or a
   * checkbox's `{...form.bind('flag').control}`. `errorKey` is where the complaint lands
   * when the server names the field differently (`expiresOn` -> `expiresAt`).
   */
  const bind = <K extends keyof V & string>(name: K, errorKey: string = name): Binding =>
    toBinding(values[name], errors[errorKey], (value) => {
      options.onEdit?.();
      set(name, value as V[K]);
    });
  /** Back to the initial values, with no complaint left on screen. */
  const reset = () => {
    setValues(options.initial);
    setErrors({});
    setBanner(null);
    setFailure(null);
  };
  return { values, set, setValues, bind, reset, errors, banner, failure, busy, onSubmit };
}
