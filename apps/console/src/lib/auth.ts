/**
 * Sign-in through the municipality's OIDC provider: authorization code with PKCE. The access
 * token lives in this module's memory only (never in storage or a cookie): a reload signs in
 * again. Only the flow's one-time verifier and state wait in sessionStorage across the
 * provider's redirect, and are removed when it comes back.
 */
export interface ConsoleConfig {
  authorizeUrl?: string;
  tokenUrl?: string;
  clientId: string;
  temporalUiUrl: string | null;
  temporalNamespace: string;
}

export interface Session {
  token: string;
  user: string;
  roles: string[];
  municipality: string;
  agency?: string;
  expiresAt: number;
}

const FLOW_KEY = 'sss-console-sign-in';
let session: Session | null = null;

export const currentSession = (): Session | null =>
  session && session.expiresAt > Date.now() ? session : null;
export const signOut = (): void => {
  session = null;
};

export async function loadConfig(): Promise<ConsoleConfig> {
  const res = await fetch('/console/config.json', { cache: 'no-store' });
  return (await res.json()) as ConsoleConfig;
}

function randomString(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return base64url(bytes);
}

function base64url(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

const redirectUri = (): string => `${location.origin}/console/`;

export async function beginSignIn(config: ConsoleConfig): Promise<void> {
  const verifier = randomString();
  const state = randomString();
  sessionStorage.setItem(FLOW_KEY, JSON.stringify({ verifier, state }));
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  const url = new URL(config.authorizeUrl ?? '');
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: config.clientId,
    redirect_uri: redirectUri(),
    scope: 'openid',
    state,
    code_challenge: base64url(new Uint8Array(digest)),
    code_challenge_method: 'S256',
  }).toString();
  location.assign(url.toString());
}

function claimsOf(token: string): Omit<Session, 'token'> {
  const payload = JSON.parse(
    decodeURIComponent(
      [...atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/'))]
        .map((c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`)
        .join(''),
    ),
  ) as { sub: string; roles?: string[]; municipality: string; agency?: string; exp: number };
  return {
    user: payload.sub,
    roles: payload.roles ?? [],
    municipality: payload.municipality,
    agency: payload.agency,
    expiresAt: payload.exp * 1000,
  };
}

/**
 * Finishes a sign-in the provider sent back (`?code&state`), taking the code out of the
 * address at once. Resolves to whether a session was made.
 */
export async function completeSignIn(config: ConsoleConfig): Promise<boolean> {
  const params = new URLSearchParams(location.search);
  const code = params.get('code');
  if (!code) return false;
  history.replaceState(null, '', `${location.pathname}#/`);
  const flow = JSON.parse(sessionStorage.getItem(FLOW_KEY) ?? 'null') as {
    verifier: string;
    state: string;
  } | null;
  sessionStorage.removeItem(FLOW_KEY);
  if (!flow || flow.state !== params.get('state') || !config.tokenUrl) return false;
  const res = await fetch(config.tokenUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      code_verifier: flow.verifier,
      redirect_uri: redirectUri(),
      client_id: config.clientId,
    }),
  });
  if (!res.ok) return false;
  const { access_token: token } = (await res.json()) as { access_token: string };
  session = { token, ...claimsOf(token) };
  return true;
}
