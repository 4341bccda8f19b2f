// The text of an uncompressed PDF written with a standard font (as pdfkit writes it: hex strings in
// TJ arrays, one text object per line), line by line, for tests to read what a PDF says.
import { inflateSync } from 'node:zlib';

function streams(pdf: Buffer): string[] {
  const text = pdf.toString('latin1');
  const out: string[] = [];
  const pattern = /<<([^]*?)>>\s*stream\r?\n/g;
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    const start = match.index + match[0].length;
    const end = text.indexOf('endstream', start);
    const raw = pdf.subarray(start, end);
    out.push(/\/FlateDecode/.test(match[1] ?? '') ? inflateSync(raw).toString('latin1') : raw.toString('latin1'));
  }
  return out;
}

export function pdfTextLines(pdf: Buffer): string[] {
  const lines: string[] = [];
  for (const content of streams(pdf)) {
    for (const block of content.match(/BT[^]*?ET/g) ?? []) {
      let line = '';
      for (const array of block.match(/\[([^\]]*)\]\s*TJ/g) ?? []) {
        for (const hex of array.match(/<([0-9a-fA-F]*)>/g) ?? []) line += Buffer.from(hex.slice(1, -1), 'hex').toString('latin1');
      }
      if (line !== '') lines.push(line);
    }
  }
  return lines;
}
