// The subject-access report as a self-contained HTML page to print (or save as PDF from any browser):
// no scripts, no external resources, a print style sheet, every value escaped.

import type { SubjectAccessReport } from './subject-access-report.ts';

const escape = (value: string): string => value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/** The style of the page; the response's CSP allows exactly this inline style and nothing else. */
export const reportStyle = `body{font-family:system-ui,'Segoe UI',Roboto,'Liberation Sans',sans-serif;color:#1b1b1f;max-width:46rem;margin:2rem auto;padding:0 1rem;line-height:1.5}
h1{font-size:1.6rem}h2{font-size:1.25rem;margin-top:2rem;border-bottom:1px solid #c9ced6}h3{font-size:1.05rem;margin:1.2rem 0 .3rem}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.15rem 1rem;margin:0}dt{color:#4a4f57}dd{margin:0}
.note{font-style:italic;color:#4a4f57}.colophon{margin-top:2rem;color:#4a4f57;font-size:.9rem}
@media print{body{margin:0;max-width:none}h3{break-after:avoid}section>div{break-inside:avoid}}`;

export function renderSubjectAccessHtml(report: SubjectAccessReport): string {
  const sections = report.sections
    .map((section) => {
      const paragraphs = (section.paragraphs ?? []).map((p) => `<p>${escape(p)}</p>`).join('');
      const entries = section.entries
        .map(
          (entry) =>
            `<div><h3>${escape(entry.heading)}</h3><dl>${entry.facts.map((f) => `<dt>${escape(f.label)}</dt><dd>${escape(f.value)}</dd>`).join('')}</dl>${
              entry.note === undefined ? '' : `<p class="note">${escape(entry.note)}</p>`
            }</div>`,
        )
        .join('');
      const empty = section.paragraphs === undefined && section.entries.length === 0 ? `<p>${escape(section.empty)}</p>` : '';
      return `<section id="${section.id}"><h2>${escape(section.heading)}</h2>${paragraphs}${entries}${empty}</section>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="${report.language}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escape(report.title)}</title><style>${reportStyle}</style></head>
<body><main>
<h1>${escape(report.title)}</h1>
${report.introduction.map((p) => `<p>${escape(p)}</p>`).join('\n')}
${sections}
<footer class="colophon">${report.colophon.map((line) => `<p>${escape(line)}</p>`).join('')}</footer>
</main></body></html>
`;
}
