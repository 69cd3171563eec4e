/** The minimal HTTP surface the API clients need; undici implements it in production. */
export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface HttpRequest {
  readonly method: HttpMethod;
  readonly url: URL;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
  readonly signal?: AbortSignal;
}

export interface HttpResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly body: string;
}

export interface Transport {
  request(req: HttpRequest): Promise<HttpResponse>;
  close(): Promise<void>;
}

/** What a request log line may contain: never headers, bodies or query values. */
export interface RequestLogEntry {
  readonly method: HttpMethod;
  readonly origin: string;
  readonly path: string;
  readonly status: number | 'failed';
  readonly durationMs: number;
}

export type RequestLogger = (entry: RequestLogEntry) => void;
