import type { Connection } from '../connections/accountStore';
import { describeError } from '../core/errors';
import type { Backend, BackendList, Command } from './backend';
import { marketplaceBackend } from './marketplace';
import { secretsApiBackend } from './secretsApi';
import { vercelBackend } from './vercel';

/** Every backend of the extension. Adding one: its folder under src/backends/, and one line here. */
export const builtInBackends: readonly Backend[] = [
  vercelBackend,
  secretsApiBackend,
  marketplaceBackend,
];

/** The backends, looked up by connection kind; replaces every per-kind switch. */
export class Registry implements BackendList {
  private readonly byKind: ReadonlyMap<string, Backend>;

  constructor(readonly all: readonly Backend[] = builtInBackends) {
    this.byKind = new Map(all.map((backend) => [backend.kind, backend]));
    if (this.byKind.size !== all.length) throw new Error('two backends share a kind');
  }

  of(connection: Connection): Backend {
    const backend = this.byKind.get(connection.kind);
    if (!backend) throw new Error(`no backend for connections of kind ${connection.kind}`);
    return backend;
  }

  /** The user-facing sentence for any error, with each backend's own meanings of its codes. */
  describe(err: unknown): string {
    const service = (err as { service?: string } | undefined)?.service;
    const backend = service === undefined ? undefined : this.all.find((b) => b.service === service && b.describeError);
    return backend?.describeError ? backend.describeError(err) : describeError(err);
  }

  /** Every backend's own commands. */
  commands(): Command[] {
    return this.all.flatMap((backend) => backend.commands);
  }
}
