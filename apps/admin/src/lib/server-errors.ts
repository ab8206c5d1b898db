import { ApiError, fieldMessage } from '../api/api-error';
import type { FieldErrors } from './validation';

/** Where a failed submit is shown: beside a field the form has, or in a banner above it. */
export interface SubmitFailure {
  fields: FieldErrors;
  banner: string | null;
}

/**
 * Splits a submit error. The server names the field in `param` (`models.0` for an item of a
 * list, which belongs to the `models` field); a param the form has no field for goes in the
 * banner, so no message is ever lost.
 */
export function toSubmitFailure(error: unknown, formFields: readonly string[]): SubmitFailure {
  if (!(error instanceof ApiError)) {
    return { fields: {}, banner: error instanceof Error ? error.message : String(error) };
  }
  const field = error.param?.split('.')[0];
  if (field && formFields.includes(field)) {
    return { fields: { [field]: fieldMessage(error) }, banner: null };
  }
  return { fields: {}, banner: error.message };
}
