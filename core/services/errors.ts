export type PmoErrorCode = 'forbidden' | 'not_found' | 'invalid' | 'conflict';

/**
 * A refusal the user should read: `message` is the user-facing text (it says who may, or what is
 * wrong). Adapters show it as is; anything that is not a PmoError is a bug and is logged instead.
 */
export class PmoError extends Error {
  readonly code: PmoErrorCode;
  /** For `invalid`: the input field at fault, so a dialog can re-ask just that one. */
  readonly field?: string;
  readonly original?: unknown;

  constructor(code: PmoErrorCode, message: string, options: { field?: string; original?: unknown } = {}) {
    super(message);
    this.name = 'PmoError';
    this.code = code;
    this.field = options.field;
    this.original = options.original;
  }
}

export function invalid(field: string, message: string): PmoError {
  return new PmoError('invalid', message, { field });
}

/** A write refused by a unique index (MongoDB and FerretDB both answer code 11000). */
export function isDuplicateKeyError(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 11000;
}
