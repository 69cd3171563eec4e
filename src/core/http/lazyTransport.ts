import type { HttpRequest, HttpResponse, Transport } from './types';

/**
 * Defers loading the real transport (undici costs tens of milliseconds to load)
 * until the first request, so activation stays cheap.
 */
export class LazyTransport implements Transport {
  private inner: Transport | undefined;
  private answered = false;

  /**
   * @param load builds the real transport, on the first request or {@link preload}
   * @param afterFirstAnswer runs once, after the first answer of any status (the code that
   *   sends and reads a request has run by then: see codeCache.ts)
   */
  constructor(private readonly load: () => Transport, private readonly afterFirstAnswer?: () => void) {}

  get loaded(): boolean {
    return this.inner !== undefined;
  }

  /** Loads the real transport now, without sending anything. */
  preload(): void {
    this.inner ??= this.load();
  }

  async request(req: HttpRequest): Promise<HttpResponse> {
    this.inner ??= this.load();
    const response = await this.inner.request(req);
    if (!this.answered) {
      this.answered = true;
      this.afterFirstAnswer?.();
    }
    return response;
  }

  async close(): Promise<void> {
    await this.inner?.close();
    this.inner = undefined;
  }
}
