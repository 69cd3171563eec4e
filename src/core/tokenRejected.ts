import { ApiError } from './errors';

/**
 * For the checks that try a token before it is stored: a 401 or 403 means this token was
 * refused, whatever the backend. Use as `.catch(whenTokenRejected((status) => new InputError(…)))`:
 * the error `make` builds for the status replaces the ApiError; any other error passes through.
 */
export function whenTokenRejected(make: (status: number) => Error): (err: unknown) => never {
  return (err) => {
    if (rejectedStatus(err) !== undefined) throw make((err as ApiError).status);
    throw err;
  };
}

/**
 * 401 or 403 when `err` says the server refused the token or key just tried, else undefined.
 * A 403 asking for step-up authentication is not a refusal of the token (ApiError.stepUpRequired).
 */
export function rejectedStatus(err: unknown): number | undefined {
  return err instanceof ApiError && (err.status === 401 || err.status === 403) && !err.stepUpRequired ? err.status : undefined;
}
