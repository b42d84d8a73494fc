/**
 * The dev issuer's sign-in page for the case console: the two endpoints of an OIDC provider's
 * authorization code flow with PKCE (a public client), where signing in is choosing one of the
 * demo users. Development and tests only: it signs whoever is chosen. Loopback only.
 */
import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DevIssuer, TokenSubject } from './dev-issuer';

export interface DevSignIn {
  authorizeUrl: string;
  tokenUrl: string;
  close(): Promise<void>;
}

interface Pending {
  user: TokenSubject;
  challenge: string;
  redirectUri: string;
  expires: number;
}

const CODE_TTL_MS = 60_000;
const TOKEN_TTL = '1h';

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(users: Record<string, TokenSubject>, query: URLSearchParams): string {
  const hidden = ['redirect_uri', 'state', 'code_challenge', 'client_id']
    .map((k) => `<input type="hidden" name="${k}" value="${escape(query.get(k) ?? '')}">`)
    .join('');
  const buttons = Object.entries(users)
    .map(
      ([key, u]) =>
        `<li><button type="submit" name="user" value="${escape(key)}">${escape(u.id)}` +
        ` <span>(${escape(u.roles.join(', '))}, ${escape(u.municipality)}${u.agency ? `, ${escape(u.agency)}` : ''})</span></button></li>`,
    )
    .join('');
  return `<!doctype html><html lang="ja"><head><meta charset="utf-8"><title>開発用ログイン</title>
<style>body{font-family:sans-serif;max-width:40rem;margin:2rem auto;color:#333}
button{font-size:1rem;padding:.6rem 1rem;margin:.3rem 0;border:2px solid #0017c1;background:#fff;color:#0017c1;border-radius:.5rem;cursor:pointer}
button:focus-visible{outline:4px solid #000;outline-offset:2px}ul{list-style:none;padding:0}</style></head>
<body><main><h1>開発用ログイン（デモ利用者）</h1><p>ログインする利用者を選んでください。</p>
<form method="post" action="/authorize">${hidden}<ul>${buttons}</ul></form></main></body></html>`;
}

function body(req: http.IncomingMessage): Promise<URLSearchParams> {
  return new Promise((resolve, reject) => {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      text += chunk;
      if (text.length > 10_000) req.destroy();
    });
    req.on('end', () => resolve(new URLSearchParams(text)));
    req.on('error', reject);
  });
}

/**
 * Starts the sign-in endpoints; `redirectUris` are the console URLs that may receive a code (the
 * array is read on each request).
 */
export async function startDevSignIn(options: {
  issuer: DevIssuer;
  users: Record<string, TokenSubject>;
  redirectUris: string[];
  port?: number;
}): Promise<DevSignIn> {
  const pending = new Map<string, Pending>();
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const origin = req.headers.origin;
    // Read per request: a test adds its console's address once the API listens.
    if (origin && options.redirectUris.some((u) => new URL(u).origin === origin)) {
      res.setHeader('access-control-allow-origin', origin);
      res.setHeader('vary', 'origin');
    }
    const fail = (status: number, error: string) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error }));
    };
    void (async () => {
      if (req.method === 'OPTIONS') {
        res.setHeader('access-control-allow-methods', 'POST');
        res.setHeader('access-control-allow-headers', 'content-type');
        return void res.writeHead(204).end();
      }
      if (url.pathname === '/authorize' && req.method === 'GET') {
        const q = url.searchParams;
        if (!options.redirectUris.includes(q.get('redirect_uri') ?? '')) {
          return fail(400, 'invalid_request: redirect_uri is not registered');
        }
        if (q.get('response_type') !== 'code' || q.get('code_challenge_method') !== 'S256') {
          return fail(400, 'invalid_request: code flow with S256 PKCE only');
        }
        res.writeHead(200, {
          'content-type': 'text/html; charset=utf-8',
          'cache-control': 'no-store',
        });
        return void res.end(page(options.users, q));
      }
      if (url.pathname === '/authorize' && req.method === 'POST') {
        const form = await body(req);
        const user = options.users[form.get('user') ?? ''];
        const redirectUri = form.get('redirect_uri') ?? '';
        if (!user || !options.redirectUris.includes(redirectUri))
          return fail(400, 'invalid_request');
        const code = randomBytes(24).toString('base64url');
        pending.set(code, {
          user,
          redirectUri,
          challenge: form.get('code_challenge') ?? '',
          expires: Date.now() + CODE_TTL_MS,
        });
        const back = new URL(redirectUri);
        back.searchParams.set('code', code);
        back.searchParams.set('state', form.get('state') ?? '');
        res.writeHead(303, { location: back.toString() });
        return void res.end();
      }
      if (url.pathname === '/token' && req.method === 'POST') {
        const form = await body(req);
        const code = form.get('code') ?? '';
        const grant = pending.get(code);
        pending.delete(code);
        const verifier = form.get('code_verifier') ?? '';
        const challenge = createHash('sha256').update(verifier).digest('base64url');
        if (
          form.get('grant_type') !== 'authorization_code' ||
          !grant ||
          grant.expires < Date.now() ||
          grant.redirectUri !== form.get('redirect_uri') ||
          grant.challenge !== challenge
        ) {
          return fail(400, 'invalid_grant');
        }
        res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
        return void res.end(
          JSON.stringify({
            access_token: await options.issuer.sign(grant.user, TOKEN_TTL),
            token_type: 'Bearer',
            expires_in: 3600,
          }),
        );
      }
      fail(404, 'not_found');
    })().catch(() => fail(500, 'server_error'));
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}`;
  return {
    authorizeUrl: `${base}/authorize`,
    tokenUrl: `${base}/token`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
