/** The attachment types a tip accepts, recognised by their first bytes (never by name or declared type). */
const SIGNATURES: ReadonlyArray<{ type: string; extension: string; magic: readonly number[] }> = [
  { type: 'application/pdf', extension: 'pdf', magic: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // %PDF-
  { type: 'image/jpeg', extension: 'jpg', magic: [0xff, 0xd8, 0xff] },
  { type: 'image/png', extension: 'png', magic: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
];

/** The file's type from its content, or null when it is none of PDF, JPEG, PNG. */
export function sniffAttachment(bytes: Uint8Array): { type: string; extension: string } | null {
  const match = SIGNATURES.find((s) => bytes.length >= s.magic.length && s.magic.every((b, i) => bytes[i] === b));
  return match ? { type: match.type, extension: match.extension } : null;
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Strict base64 (whitespace allowed): Node's decoder silently skips bad characters. */
export function decodeBase64(text: string): Buffer | null {
  const compact = text.replace(/\s+/g, '');
  if (compact.length % 4 !== 0 || !BASE64.test(compact)) return null;
  return Buffer.from(compact, 'base64');
}
