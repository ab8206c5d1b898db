import { t } from '../i18n/t';

/**
 * Client-side checks that mirror the gateway's zod schemas, so most mistakes are caught
 * before a round trip. The server stays the authority; its errors land on the same fields.
 */

/** Field name -> message; a field without a problem has no entry. */
export type FieldErrors = Partial<Record<string, string>>;

/** The result of reading a form: the request body to send, or what to fix. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors };

export const USERNAME_PATTERN = /^[a-zA-Z0-9_.-]{3,64}$/;

export function checkUsername(username: string): string | undefined {
  return USERNAME_PATTERN.test(username) ? undefined : t('check.username');
}

export function checkPassword(password: string): string | undefined {
  if (password.length < 8) return t('check.passwordShort');
  if (password.length > 256) return t('check.passwordLong');
  return undefined;
}

// Loose on purpose: the server's check is the real one; this catches a slip of the keyboard.
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** An email address, already trimmed; empty passes (the field is optional). */
export function checkOptionalEmail(email: string): string | undefined {
  return email !== '' && !EMAIL_PATTERN.test(email) ? t('check.email') : undefined;
}

/** Splits a comma- or newline-separated list, dropping blanks and repeats. */
export function splitList(input: string): string[] {
  const items = input
    .split(/[,\n]/)
    .map((item) => item.trim())
    .filter((item) => item !== '');
  return [...new Set(items)];
}

/** One key per line, as the gateway splits them. */
export function splitKeys(input: string): string[] {
  return input
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

/** A whole number typed into a field, or undefined when it is not one. */
export function parseInteger(input: string): number | undefined {
  const trimmed = input.trim();
  if (!/^-?\d+$/.test(trimmed)) return undefined;
  const value = Number(trimmed);
  return Number.isSafeInteger(value) ? value : undefined;
}

/** Keeps only the entries that carry a message. */
export function compactErrors(errors: Record<string, string | undefined>): FieldErrors {
  return Object.fromEntries(
    Object.entries(errors).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
}
