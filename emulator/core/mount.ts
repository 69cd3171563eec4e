/**
 * A further API served by the same emulator process, with its own authentication and
 * state (the Secrets API of seed 002, the Vercel Marketplace). The core records the
 * request and applies faults first; the mount does everything after that.
 */
import type { Reply } from './http';

export interface MountRequest {
  readonly method: string;
  readonly url: URL;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  /** The raw body text ('' when none). */
  readonly text: string;
}

export interface Mount {
  /** A short name; admin calls for it live under `/_emulator/<name>/...`. */
  readonly name: string;
  /** Whether this mount owns the path (checked before the Vercel routes). */
  matches(pathname: string): boolean;
  handle(request: MountRequest): Reply | Promise<Reply>;
  /** Back to the seed state (and default config). */
  reset(): void;
  /** `/_emulator/<name>/<rest>`: state dumps, config switches. Undefined for "not mine". */
  admin(method: string, rest: string, text: string): Reply | undefined;
  /** Whether the request carried a credential this mount knows (for `RecordedRequest.authorized`). */
  authorized(request: MountRequest): boolean;
}
