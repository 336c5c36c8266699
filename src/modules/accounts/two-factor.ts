import { generateSecret, generateURI, verify } from 'otplib';
import type { Role } from './schema.ts';

/**
 * Roles whose users must sign in with a second factor. GB/T 22239-2019 8.1.4.1 d):
 * "应采用口令、密码技术、生物技术等两种或两种以上组合的鉴别技术" — administrators (and the
 * auditor, who holds the security-audit role of 三权分立) authenticate with a password and a
 * TOTP code. Any other user may turn it on for themselves.
 */
export const TWO_FACTOR_ROLES: readonly Role[] = ['platform_admin', 'auditor'];

export function requiresTwoFactor(role: string): boolean {
  return (TWO_FACTOR_ROLES as readonly string[]).includes(role);
}

/** Shown by authenticator apps above the code (the `issuer` of the otpauth URI). */
export const TOTP_ISSUER = '诚信 Chengxin';

export interface TotpSettings {
  /** RFC 6238 time step in seconds (seeded policy `totp_time_step_seconds`). */
  stepSeconds: number;
  /** Steps of clock drift accepted either side (seeded policy `totp_drift_steps`). */
  driftSteps: number;
}

/** A new random secret (160 bits, RFC 4226 4 R6), base32 as authenticator apps expect it. */
export function newTotpSecret(): string {
  return generateSecret({ length: 20 });
}

/** The `otpauth://totp/…` URI an authenticator app reads from a QR code or a pasted link. */
export function totpUri(username: string, secret: string, settings: TotpSettings): string {
  return generateURI({ issuer: TOTP_ISSUER, label: username, secret, period: settings.stepSeconds });
}

/**
 * Checks a 6-digit code at the instant `at` (the injected clock, never Date.now) and returns
 * the time step it belongs to, or null. Codes from steps up to `afterStep` are refused, so a
 * code accepted once cannot be used again (replay).
 */
export async function matchTotpStep(secret: string, code: string, at: Date, settings: TotpSettings, afterStep: number | null): Promise<number | null> {
  // otplib throws on a malformed code; for the caller that is simply a wrong code. Anything else it
  // throws (a policy outside its guardrails) is a configuration error and should be loud.
  if (!/^[0-9]{6}$/.test(code)) return null;
  const result = await verify({
    secret,
    token: code,
    period: settings.stepSeconds,
    epoch: Math.floor(at.getTime() / 1000),
    epochTolerance: settings.driftSteps * settings.stepSeconds,
    ...(afterStep === null ? {} : { afterTimeStep: afterStep }),
  });
  // The result type covers HOTP too; a TOTP match carries its time step.
  return result.valid && 'timeStep' in result ? result.timeStep : null;
}
