import { devIssuer, TokenSubject } from '../../tools/dev/dev-issuer';

export interface Reply {
  status: number;
  headers: Headers;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- bodies are asserted field by field
  body: any;
}

/** Signs a token with the test issuer the API was configured to trust. */
export async function tokenFor(subject: TokenSubject, ttl = '10m'): Promise<string> {
  const issuer = await devIssuer(process.env.E2E_ISSUER_KEY ?? '');
  return issuer.sign(subject, ttl);
}

/** A small HTTP client for one running API, sending a bearer token when given one. */
export function httpClient(baseUrl: string) {
  /**
   * A body may be a function, called at each send: a retry of a body with a time relative to now
   * (a meeting a few seconds ahead) must not send a time that has passed while it waited.
   */
  async function send(
    method: string,
    path: string,
    token?: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Reply> {
    if (typeof body === 'function') body = body();
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON: keep the text
    }
    return { status: res.status, headers: res.headers, body: parsed };
  }
  return {
    get: (path: string, token?: string) => send('GET', path, token),
    post: (path: string, body: unknown, token?: string, headers?: Record<string, string>) =>
      send('POST', path, token, body, headers),
    send,
  };
}
