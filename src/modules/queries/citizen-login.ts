import * as oidcClient from 'openid-client';
import type { OidcConfig } from '../../config/index.ts';
import type { Clock } from '../../shared/clock.ts';
import type { RequestContext } from '../../shared/context.ts';
import type { FieldCipher } from '../../shared/crypto.ts';
import { DomainError, InvalidInput } from '../../shared/errors.ts';
import type { AuditLog } from '../audit/index.ts';
import type { AccountsService } from '../accounts/index.ts';
import type { IdentityService } from '../identity/index.ts';
import { queryRules, type QueryRules } from './rules.ts';

/** What the browser carries between the start and the callback, sealed (SM4 + HMAC-SM3) in a cookie. */
interface PendingLogin {
  state: string;
  nonce: string;
  verifier: string;
  /** ISO instant after which the callback is refused */
  expiresAt: string;
}

export interface LoginMeta {
  clientAddress?: string;
  userAgent?: string;
  requestId?: string;
}

export interface StartedLogin {
  /** The identity provider's authorization URL to redirect the browser to. */
  url: string;
  /** The sealed state for the short-lived cookie. */
  sealed: string;
  maxAgeSeconds: number;
}

/**
 * Real-name login for citizens (issue 6) through the government identity provider's OpenID
 * Connect: authorization code flow with state, nonce and PKCE (S256). The ID token is validated
 * by openid-client; the verified citizen code (a configured claim, from the ID token or else the
 * UserInfo endpoint) is checked against GB 11643, the person is found or registered and marked
 * verified, and a citizen account linked to them is created on the first login. Every outcome is
 * written to the access log.
 */
export class CitizenLogin {
  private readonly configurations = new Map<string, Promise<oidcClient.Configuration>>();

  constructor(
    private readonly clock: Clock,
    private readonly audit: AuditLog,
    /** Seals the pending login in its cookie: the browser can neither read nor alter it. */
    private readonly cipher: FieldCipher,
    private readonly deps: { identity: IdentityService; accounts: AccountsService },
    private readonly rules: QueryRules = queryRules,
  ) {}

  /** The provider's metadata, discovered once per process (a failed discovery is retried next time). */
  private configuration(oidc: OidcConfig): Promise<oidcClient.Configuration> {
    const key = `${oidc.issuer} ${oidc.clientId}`;
    let found = this.configurations.get(key);
    if (!found) {
      // Plain HTTP only reaches a loopback provider outside production (the configuration refuses anything else).
      const insecure = new URL(oidc.issuer).protocol === 'http:';
      found = oidcClient.discovery(new URL(oidc.issuer), oidc.clientId, oidc.clientSecret, undefined, insecure ? { execute: [oidcClient.allowInsecureRequests] } : {});
      found.catch(() => this.configurations.delete(key));
      this.configurations.set(key, found);
    }
    return found.catch((error: unknown) => {
      throw new DomainError('auth.oidc_unavailable', 502, { detail: error instanceof Error ? error.message : String(error) });
    });
  }

  /** Step 1: where to send the browser, and the sealed state, nonce and PKCE verifier to keep. */
  async start(oidc: OidcConfig, ctx: RequestContext): Promise<StartedLogin> {
    const configuration = await this.configuration(oidc);
    const verifier = oidcClient.randomPKCECodeVerifier();
    const pending: PendingLogin = {
      state: oidcClient.randomState(),
      nonce: oidcClient.randomNonce(),
      verifier,
      expiresAt: new Date(this.clock.now().getTime() + this.rules.oidcStateMinutes * 60_000).toISOString(),
    };
    const url = oidcClient.buildAuthorizationUrl(configuration, {
      redirect_uri: oidc.redirectUri,
      scope: oidc.scope,
      state: pending.state,
      nonce: pending.nonce,
      code_challenge: await oidcClient.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
    });
    await this.audit.record(ctx, { action: 'auth.oidc_start', data: { issuer: oidc.issuer }, result: 'ok' });
    return { url: url.href, sealed: this.cipher.encrypt(JSON.stringify(pending)), maxAgeSeconds: this.rules.oidcStateMinutes * 60 };
  }

  private async refuse(ctx: RequestContext, code: string, status: number, facts: Record<string, unknown> = {}): Promise<DomainError> {
    await this.audit.record(ctx, { action: 'auth.oidc_login', data: { reason: code, ...facts }, result: 'denied' });
    return new DomainError(code, status, facts);
  }

  private unseal(sealed: string): PendingLogin | null {
    try {
      const value = JSON.parse(this.cipher.decrypt(sealed)) as Partial<PendingLogin>;
      return typeof value.state === 'string' && typeof value.nonce === 'string' && typeof value.verifier === 'string' && typeof value.expiresAt === 'string' ? (value as PendingLogin) : null;
    } catch {
      return null;
    }
  }

  /**
   * Step 2, the callback: exchanges the code, validates the ID token (signature, issuer, audience,
   * expiry, nonce) and the state, reads the verified citizen code, and opens a session for the
   * person's citizen account. `callbackUrl` is the configured redirect URI with the query received.
   */
  async finish(oidc: OidcConfig, ctx: RequestContext, callbackUrl: URL, sealed: string | undefined, meta: LoginMeta): Promise<{ token: string; idleMinutes: number; created: boolean }> {
    if (!sealed) throw await this.refuse(ctx, 'auth.oidc_state_missing', 400);
    const pending = this.unseal(sealed);
    if (!pending) throw await this.refuse(ctx, 'auth.oidc_state_invalid', 400);
    if (this.clock.now().toISOString() > pending.expiresAt) throw await this.refuse(ctx, 'auth.oidc_state_expired', 400);
    const configuration = await this.configuration(oidc);
    let tokens: Awaited<ReturnType<typeof oidcClient.authorizationCodeGrant>>;
    try {
      tokens = await oidcClient.authorizationCodeGrant(configuration, callbackUrl, { pkceCodeVerifier: pending.verifier, expectedState: pending.state, expectedNonce: pending.nonce, idTokenExpected: true });
    } catch (error) {
      const detail = error instanceof oidcClient.AuthorizationResponseError ? error.error : error instanceof Error ? error.message : String(error);
      throw await this.refuse(ctx, 'auth.oidc_failed', 401, { detail });
    }
    const idToken = tokens.claims()!;
    let claims: Record<string, unknown> = idToken;
    // Providers may put profile claims only in UserInfo (OIDC Core §5.4); ask there when the ID token lacks them.
    if (claims[oidc.codeClaim] === undefined || claims[oidc.nameClaim] === undefined) {
      claims = { ...(await oidcClient.fetchUserInfo(configuration, tokens.access_token, idToken.sub)), ...idToken };
    }
    const code = claims[oidc.codeClaim];
    const name = claims[oidc.nameClaim];
    if (typeof code !== 'string' || code.trim() === '') throw await this.refuse(ctx, 'auth.oidc_no_citizen_code', 401, { claim: oidc.codeClaim });
    if (typeof name !== 'string' || name.trim() === '') throw await this.refuse(ctx, 'auth.oidc_no_name', 401, { claim: oidc.nameClaim });
    let citizenCode: string;
    try {
      citizenCode = this.deps.identity.checkCitizenCode(code, oidc.codeClaim).code;
    } catch (error) {
      if (error instanceof InvalidInput) throw await this.refuse(ctx, 'auth.oidc_citizen_code_invalid', 401, { claim: oidc.codeClaim, reason: error.reason });
      throw error;
    }
    const person = await this.deps.identity.verifyPerson(ctx, { code: citizenCode, name: name.trim() });
    const user = await this.deps.accounts.ensureCitizenAccount(ctx, { personId: person.id, subject: `${idToken.iss} ${idToken.sub}`, displayName: name.trim() });
    const session = await this.deps.accounts.openVerifiedSession(user.id, 'oidc', meta);
    await this.audit.record(ctx, { action: 'auth.oidc_login', subject: { kind: 'person', id: person.id }, data: { userId: user.id, issuer: idToken.iss, personCreated: person.created }, result: 'ok' });
    return { token: session.token, idleMinutes: session.idleMinutes, created: person.created };
  }
}
