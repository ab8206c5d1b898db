import { type FormEvent, useState } from 'react';
import { toSubmitFailure } from '../lib/server-errors';
import type { FieldErrors, Parsed } from '../lib/validation';

/**
 * The submit cycle shared by the forms: check on the client, send, and put a server error
 * beside the field its `param` names (or in the banner).
 */
export function useSubmit<T, R>(options: {
  fields: readonly string[];
  parse: () => Parsed<T>;
  send: (value: T) => Promise<R>;
  onSuccess: (result: R) => void;
}) {
  const [errors, setErrors] = useState<FieldErrors>({});
  const [banner, setBanner] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setBanner(null);
    const parsed = options.parse();
    if (!parsed.ok) {
      setErrors(parsed.errors);
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      options.onSuccess(await options.send(parsed.value));
    } catch (error) {
      const failure = toSubmitFailure(error, options.fields);
      setErrors(failure.fields);
      setBanner(failure.banner);
    } finally {
      setBusy(false);
    }
  };
  return { errors, banner, busy, onSubmit };
}
