import type * as vscode from 'vscode';

/** What this machine last pushed to a Marketplace resource: names and time, never values. */
export interface PushRecord {
  readonly names: readonly string[];
  readonly at: number;
  /** `replace`: the resource was left with exactly these names. */
  readonly mode: 'partial' | 'replace';
}

const stateKey = 'projectSecrets.marketplace.pushed';

/** Marketplace secrets cannot be read back, so the tree shows what was pushed from here. */
export class PushLog {
  constructor(private readonly state: vscode.Memento) {}

  get(connectionId: string, resourceId: string): PushRecord | undefined {
    return this.all()[`${connectionId}/${resourceId}`];
  }

  record(connectionId: string, resourceId: string, record: PushRecord): Thenable<void> {
    return this.state.update(stateKey, { ...this.all(), [`${connectionId}/${resourceId}`]: record });
  }

  /** Forget a connection's records when it is removed. */
  forget(connectionId: string): Thenable<void> {
    const kept = Object.entries(this.all()).filter(([key]) => !key.startsWith(`${connectionId}/`));
    return this.state.update(stateKey, Object.fromEntries(kept));
  }

  private all(): Record<string, PushRecord> {
    return this.state.get<Record<string, PushRecord>>(stateKey, {});
  }
}
