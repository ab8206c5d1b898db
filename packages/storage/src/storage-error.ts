/** Every failure this package reports on purpose carries one of these codes. */
export type StorageErrorCode =
  | 'invalid_dsn'
  | 'migration_failed'
  | 'unsafe_integer'
  | 'invalid_stored_value'
  | 'not_found'
  /** The chosen dialect's driver package is not installed. */
  | 'driver_missing';

/** The one error class of @oneapi/storage; callers branch on `code`, never on the message. */
export class StorageError extends Error {
  override readonly name = 'StorageError';
  readonly code: StorageErrorCode;

  constructor(code: StorageErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

export function isStorageError(value: unknown): value is StorageError {
  return value instanceof StorageError;
}
