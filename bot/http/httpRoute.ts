// A plain HTTP route a feature adds to the server (the dashboard tab's page and JSON API): the server reads the request,
// hands the route only what it needs, and writes the answer with the same security headers as every other answer.
export interface HttpRequestParts {
  /** The query string, as parsed by URL; each route reads it through its own zod schema. */
  readonly query: URLSearchParams;
  /** The Authorization header, when sent. */
  readonly authorization?: string;
}

export type HttpAnswer =
  | { readonly status: number; readonly json: unknown }
  | { readonly status: number; readonly contentType: string; readonly body: string | Buffer; readonly kind: 'page' | 'asset' };

export interface HttpRoute {
  readonly method: 'GET' | 'POST';
  /** A restify path, e.g. `/tab/api/area`. */
  readonly path: string;
  readonly handle: (request: HttpRequestParts) => Promise<HttpAnswer>;
}
