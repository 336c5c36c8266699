import { sm2 } from 'sm-crypto-v2';

/**
 * SM2 signatures (GB/T 32918.2-2016, GM/T 0003.2-2012) on the recommended curve of GB/T 32918.5:
 * e = SM3(Z_A ‖ M) with Z_A over the default user ID "1234567812345678" (GM/T 0009-2012 §10),
 * signature (r, s) DER-encoded as SEQUENCE { INTEGER r, INTEGER s } (GM/T 0009), in hex.
 *
 * Implemented with sm-crypto-v2, never with Node's crypto: Node signs plain ECDSA on the SM2
 * curve, which only Node accepts (STACK.md). Verification parses the signature strictly itself,
 * because the library's DER reader ignores trailing bytes and does not range-check r and s.
 */
export interface Sm2KeyPair {
  /** Uncompressed public key, hex: `04 ‖ x ‖ y` (130 characters). */
  publicKey: string;
  /** Private key d, hex (64 characters). */
  privateKey: string;
}

// GB/T 32918.5-2017: order n of the base point of the recommended curve.
const N = BigInt('0xfffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123');

const PRIVATE_KEY = /^[0-9a-f]{64}$/i;
const PUBLIC_KEY = /^04[0-9a-f]{128}$/i;
const HEX = /^(?:[0-9a-f]{2})*$/i;

/** GB/T 32918.1 §6.1: the private key d lies in [1, n-2] (the signature divides by 1 + d). */
function isValidPrivateKey(privateKey: string): boolean {
  if (!PRIVATE_KEY.test(privateKey)) return false;
  const d = BigInt(`0x${privateKey}`);
  return d >= 1n && d <= N - 2n;
}

function requirePrivateKey(privateKey: string): string {
  if (typeof privateKey !== 'string' || !isValidPrivateKey(privateKey)) {
    throw new RangeError('SM2 private key must be 64 hex characters encoding an integer in [1, n-2]');
  }
  return privateKey.toLowerCase();
}

function messageBytes(message: string | Uint8Array): Uint8Array {
  return typeof message === 'string' ? new TextEncoder().encode(message) : message;
}

export function generateSm2KeyPair(): Sm2KeyPair {
  for (;;) {
    const { privateKey, publicKey } = sm2.generateKeyPairHex();
    // The library draws d from [1, n-1]; n-1 is not a valid SM2 signing key.
    if (isValidPrivateKey(privateKey)) return { privateKey: privateKey.toLowerCase(), publicKey: publicKey.toLowerCase() };
  }
}

export function sm2PublicKeyFromPrivate(privateKey: string): string {
  return sm2.getPublicKeyFromPrivateKey(requirePrivateKey(privateKey)).toLowerCase();
}

/**
 * Signs `message` (a string is signed as its UTF-8 bytes) with SM3 and the default user ID.
 * Returns the DER signature in lowercase hex. Throws on an invalid private key.
 */
export function sm2Sign(message: string | Uint8Array, privateKey: string): string {
  const d = requirePrivateKey(privateKey);
  return sm2.doSignature(messageBytes(message), d, { der: true, hash: true, publicKey: sm2.getPublicKeyFromPrivateKey(d) });
}

/**
 * Reads a DER `SEQUENCE { INTEGER r, INTEGER s }` exactly: minimal lengths and integers, no
 * trailing bytes, 1 ≤ r, s ≤ n-1 (GB/T 32918.2 §7.1 B1–B2). Anything else is null, so one
 * signature has one encoding.
 */
function parseDerSignature(signatureHex: string): { r: bigint; s: bigint } | null {
  if (!HEX.test(signatureHex)) return null;
  const der = Buffer.from(signatureHex, 'hex');
  // Both integers are at most 33 bytes, so every length fits the short form (< 0x80).
  if (der.length < 8 || der[0] !== 0x30 || der[1] !== der.length - 2) return null;
  let at = 2;
  const readInteger = (): bigint | null => {
    if (der[at] !== 0x02) return null;
    const length = der[at + 1];
    if (length === undefined || length < 1 || length > 33 || at + 2 + length > der.length) return null;
    const value = der.subarray(at + 2, at + 2 + length);
    // Negative, or padded with a zero byte that is not needed for the sign.
    if (value[0]! & 0x80) return null;
    if (value[0] === 0x00 && (length === 1 || !(value[1]! & 0x80))) return null;
    at += 2 + length;
    return BigInt(`0x${value.toString('hex')}`);
  };
  const r = readInteger();
  const s = readInteger();
  if (r === null || s === null || at !== der.length) return null;
  if (r < 1n || r >= N || s < 1n || s >= N) return null;
  return { r, s };
}

/** Whether `signatureHex` is a valid SM2 signature of `message` by `publicKey`. Never throws. */
export function sm2Verify(message: string | Uint8Array, signatureHex: string, publicKey: string): boolean {
  try {
    if (typeof signatureHex !== 'string' || typeof publicKey !== 'string' || !PUBLIC_KEY.test(publicKey)) return false;
    if (typeof message !== 'string' && !(message instanceof Uint8Array)) return false;
    const signature = parseDerSignature(signatureHex);
    if (!signature) return false;
    const key = publicKey.toLowerCase();
    if (!sm2.verifyPublicKey(key)) return false;
    const rs = signature.r.toString(16).padStart(64, '0') + signature.s.toString(16).padStart(64, '0');
    return sm2.doVerifySignature(messageBytes(message), rs, key, { der: false, hash: true });
  } catch {
    return false;
  }
}
