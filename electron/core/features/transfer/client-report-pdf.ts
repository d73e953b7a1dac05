import PDFDocument from 'pdfkit';
import { type ClientReport, REPORT_HORIZON_DAYS, reportSubtitle } from './client-report';

const MARGIN = 48;
const MUTED = '#59636e';
const SEVERITY_COLOURS = { critical: '#b42318', warning: '#9a6700', info: '#1b1f24' } as const;

/**
 * The client report as a PDF (A4, the built-in Helvetica), made in main from the same facts as the HTML
 * report: findings, upcoming expiries, and each store's tokens with their masked fingerprints.
 */
export function clientReportPdf(report: ClientReport): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    info: { Title: `Keyward status report: ${report.title}`, Creator: 'Keyward', CreationDate: report.generatedAt },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const width = doc.page.width - 2 * MARGIN;
  const heading = (text: string) => {
    doc.moveDown(0.8).font('Helvetica-Bold').fontSize(14).fillColor('black').text(text, MARGIN);
    doc.moveDown(0.2);
  };
  const line = (text: string, options: { colour?: string; size?: number; bold?: boolean; indent?: number } = {}) =>
    doc
      .font(options.bold ? 'Helvetica-Bold' : 'Helvetica')
      .fontSize(options.size ?? 10)
      .fillColor(options.colour ?? 'black')
      .text(text, MARGIN + (options.indent ?? 0), undefined, { width: width - (options.indent ?? 0) });

  doc.font('Helvetica-Bold').fontSize(20).text(report.title);
  line(reportSubtitle(report), { colour: MUTED, size: 9 });

  heading('Needs attention');
  if (report.findings.length === 0) line('Nothing needs attention.');
  for (const f of report.findings) {
    line(`${f.severity.toUpperCase()}  ${f.message}`, { colour: SEVERITY_COLOURS[f.severity], bold: true });
    line(`What to do: ${f.action}`, { colour: MUTED, size: 9, indent: 12 });
    doc.moveDown(0.2);
  }

  heading(`Upcoming expiries (next ${REPORT_HORIZON_DAYS} days)`);
  if (report.upcoming.length === 0) line('No active token expires in this period.');
  for (const u of report.upcoming) line(`${u.expires} (${u.when})  ${u.token} · ${u.store}`);

  heading('Stores and tokens');
  if (report.stores.length === 0) line('No stores.');
  for (const store of report.stores) {
    doc.moveDown(0.4);
    line(`${store.label}`, { bold: true, size: 11 });
    line([store.provider, store.environment, store.identifiers].filter(Boolean).join(' · '), {
      colour: MUTED,
      size: 9,
    });
    if (store.tokens.length === 0) line('No tokens', { colour: MUTED, indent: 12 });
    for (const t of store.tokens) {
      line(`${t.name}  ·  ${t.status}  ·  expires ${t.expires}  ·  last check ${t.lastCheck}`, { indent: 12 });
      line(`${t.kind}  ·  ${t.masked ?? 'no secret'}`, { colour: MUTED, size: 9, indent: 12 });
    }
  }
  doc.moveDown(1);
  line('Made by Keyward from metadata only.', { colour: MUTED, size: 8 });
  doc.end();
  return done;
}
