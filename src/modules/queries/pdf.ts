import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import PDFDocument from 'pdfkit';
import { sm3Hex } from '../../shared/crypto.ts';
import type { SigningKey } from '../../shared/keys.ts';
import { sm2Sign, sm2Verify } from '../../shared/sm2.ts';
import type { SignedReport } from './schema.ts';
import { canonicalJson, serializeSignedReport } from './signing.ts';
import { reportView } from './view.ts';

/** The name of the attachment that carries the signed report inside the PDF. */
export const ATTACHMENT_NAME = 'credit-report.json';
const TRAILER = /\n%CXSIG1 ([0-9a-f]{16}) ([0-9a-f]{16,200})\n$/;

/** A font as pdfkit's own fontkit parses it; pdfkit accepts the parsed font in place of bytes. */
type ParsedFont = { layout(text: string): unknown };
let parsedFont: ParsedFont | undefined;

/**
 * Noto Sans Hans (8 MB), read and parsed once per process: parsing it dominated every document
 * (STACK.md). The parser is the fontkit that pdfkit itself depends on, resolved from pdfkit.
 */
function chineseFont(): ParsedFont {
  if (!parsedFont) {
    const require = createRequire(import.meta.url);
    const fontkit = createRequire(require.resolve('pdfkit'))('fontkit') as { create(data: Uint8Array): ParsedFont };
    const file = path.join(path.dirname(require.resolve('@embedpdf/fonts-sc')), '..', 'fonts', 'NotoSansHans-Regular.otf');
    parsedFont = fontkit.create(readFileSync(file));
  }
  return parsedFont;
}

/** The message the whole-PDF signature covers: the SM3 of every byte before the trailer. */
function pdfSignatureMessage(body: Uint8Array): string {
  return canonicalJson(['chengxin.credit-report.pdf.v1', sm3Hex(body)]);
}

const MARGIN = 40;
const ROW = 15;

/**
 * Renders a signed report as an A4 PDF with Chinese text, embeds the signed report JSON as the
 * attachment `credit-report.json` (byte-identical to the JSON download), and appends a second
 * SM2 signature over the SM3 of the whole PDF as a final comment line (`%CXSIG1 keyId sig`,
 * after %%EOF, which PDF readers ignore). So a changed byte anywhere — visible page, embedded
 * report or either signature — fails verification; the creation date is the issue time, so
 * nothing depends on when the PDF was rendered.
 */
export function renderReportPdf(signed: SignedReport, key: SigningKey): Promise<Buffer> {
  const view = reportView(signed);
  const issuedAt = new Date(signed.content.issuedAt);
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    info: { Title: `${view.title} ${signed.content.number}`, Author: signed.content.issuer.name, Subject: view.subtitle, CreationDate: issuedAt, ModDate: issuedAt },
    lang: 'zh-CN',
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  // pdfkit's typings list bytes and paths only; a parsed fontkit font is accepted too (PDFFontFactory.open).
  doc.font(chineseFont() as unknown as Buffer);
  doc.file(serializeSignedReport(signed), { name: ATTACHMENT_NAME, type: 'application/json', description: '签名的信用报告原文 / signed credit report', creationDate: issuedAt, modifiedDate: issuedAt });

  const width = doc.page.width - 2 * MARGIN;
  const bottom = () => doc.page.height - MARGIN - ROW;
  const ensure = (height: number) => {
    if (doc.y + height > bottom()) doc.addPage();
  };
  const cells = (values: string[], widths: number[], size: number, color = '#1f1f1f') => {
    ensure(ROW);
    const y = doc.y;
    let x = MARGIN;
    doc.fontSize(size).fillColor(color);
    values.forEach((value, i) => {
      doc.text(value, x, y, { width: widths[i]! - 4, height: ROW - 2, ellipsis: true, lineBreak: false });
      x += widths[i]!;
    });
    doc.x = MARGIN;
    doc.y = y + ROW;
  };

  doc.fontSize(20).text(view.title, { align: 'center' });
  doc.fontSize(10).fillColor('#666').text(`${view.subtitle} · ${signed.content.issuer.name}`, { align: 'center' });
  doc.moveDown();
  for (const [k, v] of view.header) cells([k, v], [90, width - 90], 10);

  for (const section of view.sections) {
    doc.moveDown(0.8);
    ensure(ROW * 3);
    doc.fontSize(13).fillColor('#1d5fbf').text(`${section.title}（${section.rows.length}）`, MARGIN);
    doc.moveDown(0.2);
    const widths = section.columns.map((c) => c.width);
    const scale = width / widths.reduce((a, b) => a + b, 0);
    const scaled = widths.map((w) => w * scale);
    const heading = () => cells(section.columns.map((c) => c.label), scaled, 9, '#555');
    heading();
    if (section.rows.length === 0) cells([section.empty], [width], 9, '#888');
    for (const row of section.rows) {
      if (doc.y + ROW > bottom()) {
        doc.addPage();
        heading();
      }
      cells(row, scaled, 9);
    }
  }

  doc.moveDown(0.8);
  ensure(ROW * 6);
  doc.fontSize(13).fillColor('#1d5fbf').text('验证信息', MARGIN);
  doc.fontSize(8).fillColor('#1f1f1f');
  for (const [k, v] of view.verification) doc.text(`${k}：${v}`, MARGIN, doc.y, { width });
  doc.moveDown(0.5);
  doc.fontSize(8).fillColor('#555');
  view.notes.forEach((note, i) => doc.text(`${i + 1}. ${note}`, MARGIN, doc.y, { width }));
  doc.end();

  return done.then((body) => {
    const signature = sm2Sign(pdfSignatureMessage(body), key.privateKey);
    return Buffer.concat([body, Buffer.from(`\n%CXSIG1 ${key.keyId} ${signature}\n`, 'latin1')]);
  });
}

export type PdfCheck = { ok: true; reportJson: Buffer } | { ok: false; reason: 'not_a_report' | 'pdf_signature_invalid' | 'unknown_key' };

/**
 * Checks a report PDF's whole-file signature under the trusted key and returns the embedded
 * signed report JSON (still to be checked itself: `verifySignedReportBytes`).
 */
export function readSignedPdf(bytes: Buffer, trusted: { publicKey: string; keyId: string }): PdfCheck {
  if (!bytes.subarray(0, 5).equals(Buffer.from('%PDF-'))) return { ok: false, reason: 'not_a_report' };
  const tail = bytes.subarray(Math.max(0, bytes.length - 256)).toString('latin1');
  const match = TRAILER.exec(tail);
  if (!match) return { ok: false, reason: 'pdf_signature_invalid' };
  if (match[1] !== trusted.keyId) return { ok: false, reason: 'unknown_key' };
  const body = bytes.subarray(0, bytes.length - Buffer.byteLength(match[0], 'latin1'));
  if (!sm2Verify(pdfSignatureMessage(body), match[2]!, trusted.publicKey)) return { ok: false, reason: 'pdf_signature_invalid' };
  const reportJson = embeddedFile(body);
  return reportJson ? { ok: true, reportJson } : { ok: false, reason: 'not_a_report' };
}

/**
 * The one embedded file of a PDF this module wrote (pdfkit: `/Type /EmbeddedFile … /Length n
 * /Filter /FlateDecode >> stream`). Only our own layout is read; anything else is not a report.
 */
function embeddedFile(body: Buffer): Buffer | null {
  const text = body.toString('latin1');
  const at = text.indexOf('/Type /EmbeddedFile');
  if (at < 0 || text.indexOf('/Type /EmbeddedFile', at + 1) >= 0) return null;
  const streamAt = text.indexOf('stream\n', at);
  if (streamAt < 0) return null;
  const dict = text.slice(at, streamAt);
  const length = /\/Length (\d+)/.exec(dict);
  if (!length) return null;
  const start = streamAt + 'stream\n'.length;
  const data = body.subarray(start, start + Number(length[1]));
  try {
    return dict.includes('/Filter /FlateDecode') ? inflateSync(data) : Buffer.from(data);
  } catch {
    return null;
  }
}
