import { readSignedPdf } from './pdf.ts';
import type { SignedReport, VerifyFailure } from './schema.ts';
import { verifySignedReportBytes } from './signing.ts';

export type FileCheck = { valid: true; report: SignedReport } | { valid: false; reason: VerifyFailure };

/**
 * Verifies a presented report file — the PDF or the JSON download — with nothing but the
 * platform's public key: the PDF's whole-file signature, then the embedded (or given) signed
 * report's canonical bytes, content hash and SM2 signature. Used offline by `chengxin report
 * verify` and online by the public verification API (which also checks the registry).
 */
export function verifyReportFile(bytes: Buffer, trusted: { publicKey: string; keyId: string }): FileCheck {
  let json: Buffer = bytes;
  if (bytes.subarray(0, 5).toString('latin1') === '%PDF-') {
    const pdf = readSignedPdf(bytes, trusted);
    if (!pdf.ok) return { valid: false, reason: pdf.reason };
    json = pdf.reportJson;
  }
  const check = verifySignedReportBytes(json, trusted.publicKey);
  return check.ok ? { valid: true, report: check.doc } : { valid: false, reason: check.reason };
}
