import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { sm3Hex } from './crypto.ts';
import { syncDirectory, writeNewFileDurably } from './durable-files.ts';
import { InvalidInput } from './errors.ts';
import { newId } from './ids.ts';

/**
 * Files a person hands in with a request — a tip's attachments, an objection's evidence
 * (《河南省社会信用条例》Art. 41: "并提交相关证明材料"), a power of attorney, a repair application's
 * proofs: base64 in the JSON body, recognised by their first bytes (never by name or declared type),
 * checked against the module's limits before anything is written, then stored durably under
 * DATA_DIR/uploads with their SM3 hash. Each module keeps the rows in its own table and its own
 * error codes (`<module>.attachment_type` …, messages in the module's messages.ts).
 */

/** The limits a module's rule file sets (number, size, types). */
export interface EvidenceFileLimits {
  maxFiles: number;
  maxFileBytes: number;
  allowedTypes: readonly string[];
}

/** A file as it arrives in a request body. */
export interface EvidenceFileInput {
  fileName: string;
  contentBase64: string;
}

/** A file that passed the checks, not yet written. */
export interface CheckedFile {
  fileName: string;
  bytes: Buffer;
  type: string;
  extension: string;
}

/** A stored file: what the module's table keeps (`storedPath` is relative to the upload directory). */
export interface StoredFile {
  id: string;
  fileName: string;
  contentType: string;
  bytes: number;
  contentHash: string;
  storedPath: string;
}

const SIGNATURES: ReadonlyArray<{ type: string; extension: string; magic: readonly number[] }> = [
  { type: 'application/pdf', extension: 'pdf', magic: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // %PDF-
  { type: 'image/jpeg', extension: 'jpg', magic: [0xff, 0xd8, 0xff] },
  { type: 'image/png', extension: 'png', magic: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
];

/** The file's type from its content, or null when it is none of PDF, JPEG, PNG. */
export function sniffFileType(bytes: Uint8Array): { type: string; extension: string } | null {
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

/** Where an error is located and whose codes it carries (`<module>.attachment_type` …). */
export interface FileCheckScope {
  module: string;
  /** The body field: `attachments`, `evidence`, `powerOfAttorney` */
  field: string;
}

/** One file decoded and recognised, or a located 400 (`field` as given). */
export function checkEvidenceFile(file: EvidenceFileInput, limits: EvidenceFileLimits, scope: FileCheckScope, fallbackName = 'attachment'): CheckedFile {
  const fileName = path.basename(file.fileName.trim()) || fallbackName;
  const located = { module: scope.module, field: scope.field };
  const bytes = decodeBase64(file.contentBase64);
  if (bytes === null) throw new InvalidInput(`${located.module}.attachment_not_base64`, located.field, 'not_base64', { fileName });
  if (bytes.length > limits.maxFileBytes) throw new InvalidInput(`${located.module}.attachment_too_large`, located.field, 'too_large', { fileName, maxMegabytes: limits.maxFileBytes / 1_048_576 });
  const kind = sniffFileType(bytes);
  if (kind === null || !limits.allowedTypes.includes(kind.type)) throw new InvalidInput(`${located.module}.attachment_type`, located.field, 'type', { fileName });
  return { fileName, bytes, ...kind };
}

/** Every file decoded and recognised, or the first problem located at `field[i]` — before anything is written. */
export function checkEvidenceFiles(files: readonly EvidenceFileInput[] | undefined, limits: EvidenceFileLimits, scope: FileCheckScope): CheckedFile[] {
  const list = files ?? [];
  if (list.length > limits.maxFiles) throw new InvalidInput(`${scope.module}.too_many_attachments`, scope.field, 'too_many', { max: limits.maxFiles });
  return list.map((f, i) => checkEvidenceFile(f, limits, { module: scope.module, field: `${scope.field}[${i}]` }, `attachment-${i + 1}`));
}

/** A checked file with its row decided (id, path, hash), not yet written. */
export interface PlannedFile {
  stored: StoredFile;
  bytes: Buffer;
}

/** The rows for checked files to be stored under `relativeDir` (ids and paths chosen, nothing written yet). */
export function planStoredFiles(relativeDir: string, files: readonly CheckedFile[]): PlannedFile[] {
  return files.map((f) => {
    const id = newId();
    const stored = { id, fileName: f.fileName, contentType: f.type, bytes: f.bytes.length, contentHash: sm3Hex(f.bytes), storedPath: path.join(relativeDir, `${id}.${f.extension}`) };
    return { stored, bytes: f.bytes };
  });
}

/**
 * Writes the files durably (data and directory entry fsynced, DESIGN.md decision 9), then runs
 * `commit` (the module's transaction storing their rows). If anything fails, the directory is
 * removed: no file without its row, nothing half-received. `relativeDir` must be new (one per case).
 */
export async function storeFilesThen<T>(uploadDir: string, relativeDir: string, files: readonly PlannedFile[], commit: () => Promise<T>): Promise<T> {
  const dir = path.join(uploadDir, relativeDir);
  try {
    if (files.length > 0) {
      await mkdir(dir, { recursive: true });
      for (const f of files) await writeNewFileDurably(path.join(uploadDir, f.stored.storedPath), f.bytes);
      await syncDirectory(dir);
    }
    return await commit();
  } catch (err) {
    if (files.length > 0) await rm(dir, { recursive: true, force: true });
    throw err;
  }
}

/** The absolute path of a stored file, for a download route to stream. */
export function storedFilePath(uploadDir: string, file: Pick<StoredFile, 'storedPath'>): string {
  return path.join(uploadDir, file.storedPath);
}
