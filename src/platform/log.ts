import * as vscode from 'vscode';
import type { Redactor } from '../core/redactor';
import type { RequestLogEntry } from '../core/http/types';

/** The one output channel, behind a tiny logger that redacts every line. */
export class Logger implements vscode.Disposable {
  private readonly channel = vscode.window.createOutputChannel('Project Secrets', { log: true });

  constructor(private readonly redactor: Redactor) {}

  /** From now on, mask this token or value wherever it would appear. */
  addSecret(secret: string): void {
    this.redactor.add(secret);
  }

  /** Masks every token and secret value seen this session. */
  redact(text: string): string {
    return this.redactor.redact(text);
  }

  info(message: string): void {
    this.channel.info(this.redactor.redact(message));
  }

  warn(message: string): void {
    this.channel.warn(this.redactor.redact(message));
  }

  error(message: string): void {
    this.channel.error(this.redactor.redact(message));
  }

  /** Method, origin, path with query keys only, status: never headers or bodies. */
  request(entry: RequestLogEntry): void {
    const line = `${entry.method} ${entry.origin}${entry.path} → ${entry.status} (${entry.durationMs} ms)`;
    if (entry.status === 'failed' || entry.status >= 400) this.channel.warn(this.redactor.redact(line));
    else this.channel.info(this.redactor.redact(line));
  }

  show(): void {
    this.channel.show(true);
  }

  dispose(): void {
    this.channel.dispose();
  }
}
