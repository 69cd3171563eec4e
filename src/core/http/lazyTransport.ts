import type { HttpRequest, HttpResponse, Transport } from './types';

/**
 * Defers loading the real transport (undici costs tens of milliseconds to load)
 * until the first request, so activation stays cheap.
 */
export class LazyTransport implements Transport {
  private inner: Transport | undefined;

  constructor(private readonly load: () => Transport) {}

  get loaded(): boolean {
    return this.inner !== undefined;
  }

  request(req: HttpRequest): Promise<HttpResponse> {
    this.inner ??= this.load();
    return this.inner.request(req);
  }

  async close(): Promise<void> {
    await this.inner?.close();
    this.inner = undefined;
  }
}
