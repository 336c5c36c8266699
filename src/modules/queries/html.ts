import type { SignedReport } from './schema.ts';
import { reportView } from './view.ts';

const escape = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/**
 * A report as one self-contained HTML page (inline styles, no scripts, prints on A4). It shows the
 * number, verification code and signature; the authentic copies to verify are the JSON and PDF.
 */
export function renderReportHtml(signed: SignedReport): string {
  const view = reportView(signed);
  const header = view.header.map(([k, v]) => `<tr><th>${escape(k)}</th><td>${escape(v)}</td></tr>`).join('');
  const sections = view.sections
    .map((s) => {
      const head = s.columns.map((c) => `<th>${escape(c.label)}</th>`).join('');
      const body =
        s.rows.length === 0
          ? `<tr><td class="empty" colspan="${s.columns.length}">${escape(s.empty)}</td></tr>`
          : s.rows.map((row) => `<tr>${row.map((cell) => `<td>${escape(cell)}</td>`).join('')}</tr>`).join('');
      return `<section><h2>${escape(s.title)}（${s.rows.length}）</h2><table class="grid"><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table></section>`;
    })
    .join('\n');
  const verification = view.verification.map(([k, v]) => `<tr><th>${escape(k)}</th><td class="mono">${escape(v)}</td></tr>`).join('');
  const notes = view.notes.map((n) => `<li>${escape(n)}</li>`).join('');
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="chengxin-report-number" content="${escape(signed.content.number)}">
<title>${escape(view.title)} ${escape(signed.content.number)}</title>
<style>
body{font-family:"Noto Sans SC","Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif;max-width:900px;margin:24px auto;padding:0 16px;color:#1f1f1f}
h1{text-align:center;margin-bottom:0}.sub{text-align:center;color:#666;margin-top:4px}
h2{font-size:16px;border-left:4px solid #1d5fbf;padding-left:8px;margin-top:24px}
table{border-collapse:collapse;width:100%}th,td{border:1px solid #d9d9d9;padding:4px 8px;font-size:13px;text-align:left;vertical-align:top}
table.meta th{width:9em;background:#fafafa}table.grid th{background:#f0f5ff}td.empty{color:#888;text-align:center}
.mono{font-family:monospace;word-break:break-all}ol{font-size:12px;color:#555}
</style>
</head>
<body>
<h1>${escape(view.title)}</h1>
<p class="sub">${escape(view.subtitle)} · ${escape(signed.content.issuer.name)}</p>
<table class="meta"><tbody>${header}</tbody></table>
${sections}
<section><h2>验证信息</h2><table class="meta"><tbody>${verification}</tbody></table></section>
<ol>${notes}</ol>
</body>
</html>
`;
}
