import { sm3Hex } from '../../shared/crypto.ts';
import type { SigningKey } from '../../shared/keys.ts';
import { sm2Sign, sm2Verify } from '../../shared/sm2.ts';
import { SIGNED_REPORT_FORMAT, type ReportContent, type SignedReport } from './schema.ts';

export const SIGNATURE_ALGORITHM = 'SM2 (GB/T 32918, user ID 1234567812345678) over ["chengxin.credit-report.v1", contentHash]; contentHash = SM3 of the RFC 8785 canonical JSON of content';

/**
 * The canonical JSON of a value (RFC 8785, JSON Canonicalization Scheme): object keys sorted by
 * UTF-16 code units, no whitespace, strings and numbers serialised as ECMAScript does. Report
 * content holds only strings, integers, booleans, null, arrays and objects; anything else
 * (undefined, NaN, a Date) is a programming error and throws rather than signing something else.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError('canonical JSON: non-finite number');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  throw new TypeError(`canonical JSON: unsupported value of type ${typeof value}`);
}

/** SM3 of the canonical content: what the registry keeps to recognise a presented report. */
export function contentHashOf(content: ReportContent): string {
  return sm3Hex(canonicalJson(content));
}

/**
 * The message the SM2 signature covers: the content's SM3 digest in a labelled array. Hashing
 * natively first keeps signing independent of the report's size (the SM2 library hashes in
 * JavaScript, about 12 ms for a 200-record report, against 0.7 ms for this message).
 */
export function signedMessage(contentHash: string): string {
  return JSON.stringify(['chengxin.credit-report.v1', contentHash]);
}

/** Signs the canonical content with the platform key. */
export function signReport(content: ReportContent, key: SigningKey): SignedReport {
  const contentHash = contentHashOf(content);
  return {
    format: SIGNED_REPORT_FORMAT,
    algorithm: SIGNATURE_ALGORITHM,
    content,
    contentHash,
    keyId: key.keyId,
    publicKey: key.publicKey,
    signature: sm2Sign(signedMessage(contentHash), key.privateKey),
  };
}

/** The exact bytes of a report's JSON file (and of the PDF attachment): canonical, one final newline. */
export function serializeSignedReport(doc: SignedReport): Buffer {
  return Buffer.from(`${canonicalJson(doc)}\n`, 'utf8');
}

export type SignatureCheck = { ok: true; doc: SignedReport } | { ok: false; reason: 'not_a_report' | 'signature_invalid' | 'unknown_key' };

/**
 * Checks report JSON bytes: they must be exactly the canonical serialisation (so any changed
 * byte, even whitespace, fails), the content hash must be the SM3 of the canonical content, and
 * the SM2 signature over it must verify
 * under the trusted key (the platform's published key; the file's own copy is never trusted).
 */
export function verifySignedReportBytes(bytes: Uint8Array, trustedPublicKey: string): SignatureCheck {
  let doc: SignedReport;
  try {
    doc = JSON.parse(Buffer.from(bytes).toString('utf8')) as SignedReport;
  } catch {
    return { ok: false, reason: 'not_a_report' };
  }
  if (doc === null || typeof doc !== 'object' || doc.format !== SIGNED_REPORT_FORMAT || typeof doc.content !== 'object' || doc.content === null) {
    return { ok: false, reason: 'not_a_report' };
  }
  let contentHash: string;
  try {
    if (!serializeSignedReport(doc).equals(Buffer.from(bytes))) return { ok: false, reason: 'signature_invalid' };
    contentHash = contentHashOf(doc.content);
  } catch {
    return { ok: false, reason: 'not_a_report' };
  }
  if (doc.publicKey?.toLowerCase() !== trustedPublicKey.toLowerCase()) return { ok: false, reason: 'unknown_key' };
  if (contentHash !== doc.contentHash || !sm2Verify(signedMessage(contentHash), doc.signature, trustedPublicKey)) return { ok: false, reason: 'signature_invalid' };
  return { ok: true, doc };
}
