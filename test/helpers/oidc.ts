import { generateKeyPairSync } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import Provider from 'oidc-provider';
import type { OidcConfig } from '../../src/config/index.ts';

/** Someone the test identity provider vouches for: its subject and the claims it releases. */
export interface OidcAccount {
  sub: string;
  name: string;
  /** The verified citizen code, released as the `id_card_number` claim (the platform's default). */
  idCardNumber: string;
}

export interface TestIdentityProvider {
  issuer: string;
  /** The platform's client registration, for a redirect URI on `appUrl`. */
  config(appUrl: string): OidcConfig;
  /** The account the next login is completed as (a real provider would show its login page). */
  signInAs(account: OidcAccount): void;
  close(): Promise<void>;
}

export const TEST_OIDC_CLIENT = { clientId: 'chengxin-test', clientSecret: 'chengxin-test-secret-0123456789abcdef' };

/**
 * A real OpenID Connect provider (oidc-provider) on 127.0.0.1, registered with the platform as a
 * confidential client for the given redirect URIs. Its login and consent prompts are completed
 * at once for the account chosen with `signInAs` — the interaction policy stays the library's,
 * only the pages are skipped — so HTTP tests and Chromium run the full redirect flow.
 */
export async function startTestIdentityProvider(redirectUris: string[]): Promise<TestIdentityProvider> {
  let current: OidcAccount | null = null;
  const accounts = new Map<string, OidcAccount>();
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: TEST_OIDC_CLIENT.clientId,
        client_secret: TEST_OIDC_CLIENT.clientSecret,
        redirect_uris: redirectUris,
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    claims: { openid: ['sub'], profile: ['name', 'id_card_number'] },
    async findAccount(_ctx: unknown, id: string) {
      const account = accounts.get(id);
      if (!account) return undefined;
      return { accountId: id, claims: async () => ({ sub: account.sub, name: account.name, id_card_number: account.idCardNumber }) };
    },
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    features: { devInteractions: { enabled: false } },
    pkce: { required: () => true },
    cookies: { keys: ['chengxin-test-oidc-cookie-key'] },
    jwks: { keys: [{ ...generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' }), kid: 'test-idp', use: 'sig' }] },
    ttl: { AccessToken: 600, AuthorizationCode: 60, IdToken: 600, Interaction: 600, Session: 3600, Grant: 3600 },
  });
  const handle = provider.callback();
  server.on('request', (req, res) => {
    if (!req.url?.startsWith('/interaction/')) return handle(req, res);
    void (async () => {
      const details = await provider.interactionDetails(req, res);
      if (details.prompt.name === 'login') {
        if (!current) throw new Error('test identity provider: call signInAs() before a login');
        accounts.set(current.sub, current);
        return provider.interactionFinished(req, res, { login: { accountId: current.sub } }, { mergeWithLastSubmission: false });
      }
      // consent: grant what the platform asked for.
      const grant = new provider.Grant({ accountId: details.session!.accountId, clientId: TEST_OIDC_CLIENT.clientId });
      grant.addOIDCScope(String(details.params.scope));
      return provider.interactionFinished(req, res, { consent: { grantId: await grant.save() } }, { mergeWithLastSubmission: true });
    })().catch((error: unknown) => {
      res.statusCode = 500;
      res.end(String(error));
    });
  });
  return {
    issuer,
    config: (appUrl) => ({
      issuer,
      clientId: TEST_OIDC_CLIENT.clientId,
      clientSecret: TEST_OIDC_CLIENT.clientSecret,
      redirectUri: `${appUrl}/api/v1/auth/oidc/callback`,
      scope: 'openid profile',
      codeClaim: 'id_card_number',
      nameClaim: 'name',
    }),
    signInAs(account) {
      current = account;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/**
 * Plays the browser at the identity provider: follows its redirects (keeping its cookies) from the
 * authorization URL until it redirects to `redirectUri`, and returns that callback URL.
 */
export async function followToCallback(authorizationUrl: string, redirectUri: string): Promise<URL> {
  const jar = new Map<string, string>();
  let url = authorizationUrl;
  for (let hop = 0; hop < 12; hop += 1) {
    if (url.startsWith(redirectUri)) return new URL(url);
    const res = await fetch(url, { redirect: 'manual', headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') } });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const at = pair!.indexOf('=');
      jar.set(pair!.slice(0, at).trim(), pair!.slice(at + 1).trim());
    }
    const location = res.headers.get('location');
    if (res.status < 300 || res.status >= 400 || !location) throw new Error(`identity provider answered ${res.status} at ${url}: ${await res.text()}`);
    url = new URL(location, url).href;
  }
  throw new Error('identity provider: too many redirects');
}

/** A free loopback port, so an app's redirect URI can be registered before the app listens. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
