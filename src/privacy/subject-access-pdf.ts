// The subject-access report as a PDF, rendered on the server with pdfkit (pure JavaScript: no browser,
// no native code). A tagged PDF (logical structure: headings, paragraphs, lists; the document's
// language and title), so that screen readers read it in order and in the right language. The
// standard Helvetica font covers Dutch (WinAnsi); it is not embedded, so the file does not claim
// PDF/UA conformance.

import PDFDocument from 'pdfkit';
import type { SubjectAccessReport } from './subject-access-report.ts';

const margin = 56;
const ink = '#1b1b1f';
const muted = '#4a4f57';

export function renderSubjectAccessPdf(report: SubjectAccessReport, options: { compress?: boolean } = {}): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin,
    tagged: true,
    lang: report.language === 'nl' ? 'nl-NL' : 'en-GB',
    displayTitle: true,
    pdfVersion: '1.7',
    compress: options.compress ?? true,
    bufferPages: false,
    info: { Title: report.title, Author: 'Ketenpoort', Subject: 'AVG art. 15', CreationDate: new Date(report.generatedAt) },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
    });
    doc.on('end', () => {
      resolve(Buffer.concat(chunks));
    });
    doc.on('error', reject);
  });
  const width = doc.page.width - 2 * margin;
  const document = doc.struct('Document');
  doc.addStructure(document);

  doc.fillColor(ink).font('Helvetica-Bold').fontSize(18).text(report.title, { structParent: document, structType: 'H1', width });
  doc.moveDown(0.6);
  doc.font('Helvetica').fontSize(10.5);
  for (const paragraph of report.introduction) {
    doc.text(paragraph, { structParent: document, structType: 'P', width, lineGap: 2 });
    doc.moveDown(0.5);
  }

  for (const section of report.sections) {
    const part = doc.struct('Sect');
    document.add(part);
    doc.moveDown(0.6);
    doc.font('Helvetica-Bold').fontSize(14).fillColor(ink).text(section.heading, { structParent: part, structType: 'H2', width });
    doc.moveDown(0.4);
    doc.font('Helvetica').fontSize(10.5);
    for (const paragraph of section.paragraphs ?? []) {
      doc.text(paragraph, { structParent: part, structType: 'P', width, lineGap: 2 });
      doc.moveDown(0.5);
    }
    if (section.paragraphs === undefined && section.entries.length === 0) {
      doc.text(section.empty, { structParent: part, structType: 'P', width });
    }
    for (const entry of section.entries) {
      // Keep an entry's heading with its first lines.
      if (doc.y > doc.page.height - margin - 90) doc.addPage();
      doc.moveDown(0.3);
      doc.font('Helvetica-Bold').fontSize(11).fillColor(ink).text(entry.heading, { structParent: part, structType: 'H3', width });
      doc.font('Helvetica').fontSize(10);
      for (const fact of entry.facts) {
        doc.fillColor(muted).text(`${fact.label}: `, { structParent: part, structType: 'P', width, continued: true }).fillColor(ink).text(fact.value, { lineGap: 1 });
      }
      if (entry.note !== undefined) doc.font('Helvetica-Oblique').fillColor(muted).text(entry.note, { structParent: part, structType: 'P', width }).font('Helvetica');
      doc.fillColor(ink);
    }
  }

  doc.moveDown(1.2);
  doc.font('Helvetica').fontSize(9).fillColor(muted);
  for (const line of report.colophon) doc.text(line, { structParent: document, structType: 'P', width });
  doc.end();
  return done;
}
