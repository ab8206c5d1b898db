import { ApiError, fieldMessage } from '../api/api-error';
import type { FieldErrors } from './validation';

/** Where a failed submit is shown: beside a field the form has, or in a banner above it. */
export interface SubmitFailure {
  fields: FieldErrors;
  banner: string | null;
}

/**
 * Splits a submit error. The server names the field in `param` (`models.0` for an item of a
 * list, which belongs to the `models` field; `config.region`, a field of its own when the
 * form has one); a param the form has no field for goes in the
 * banner, so no message is ever lost.
 */
export function toSubmitFailure(error: unknown, formFields: readonly string[]): SubmitFailure {
  if (!(error instanceof ApiError)) {
    return { fields: {}, banner: error instanceof Error ? error.message : String(error) };
  }
  const param = error.param ?? '';
  // The longest field the param is or is inside: `config.region` has a field of its own.
  const field = formFields
    .filter((name) => param === name || param.startsWith(`${name}.`))
    .sort((a, b) => b.length - a.length)[0];
  if (field) {
    return { fields: { [field]: fieldMessage(error) }, banner: null };
  }
  return { fields: {}, banner: error.message };
}
