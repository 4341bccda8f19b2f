// The subject-access report (AVG art. 15) as the privacy officer hands it over: the export of one child
// (privacy-officer.ts, audited there as a privacy.read) rendered for a parent or a child of 12 or older,
// in Dutch or English, as a print page (HTML) or a tagged PDF. The BSN arrives in the request body.

import type { Principal } from '../config/config-types.ts';
import type { TraceContext } from '../kernel/trace-context.ts';
import type { PrivacyRequestSubjectAccessReport } from '../validation/schema-types/privacy-requests.ts';
import type { PrivacyOfficer } from './privacy-officer.ts';
import { bodyValidator, schemaIds } from './request-body.ts';
import { renderSubjectAccessHtml } from './subject-access-html.ts';
import { renderSubjectAccessPdf } from './subject-access-pdf.ts';
import { buildSubjectAccessReport } from './subject-access-report.ts';

export type ReportFormat = 'html' | 'pdf';

export interface RenderedReport {
  readonly contentType: string;
  readonly fileName: string;
  readonly body: Buffer;
}

export interface SubjectAccessReports {
  render(principal: Principal, body: unknown, format: ReportFormat, trace: TraceContext): Promise<RenderedReport>;
}

export function createSubjectAccessReports(deps: { readonly privacy: PrivacyOfficer; readonly partyName: (id: string) => string }): SubjectAccessReports {
  const parse = bodyValidator<PrivacyRequestSubjectAccessReport>(schemaIds.subjectAccessReport);
  return {
    async render(principal, body, format, trace) {
      const request = parse(body);
      // The export checks the role and records the read.
      const data = await deps.privacy.subjectAccessExport(principal, { bsn: request.bsn }, trace);
      const report = buildSubjectAccessReport(data, {
        reader: request.reader ?? 'parent',
        language: request.language ?? 'nl',
        partyName: deps.partyName,
        ...(principal.role !== 'agency' ? { generatedByName: principal.staff.name } : {}),
      });
      const stem = `inzage-${data.generatedAt.slice(0, 10)}-${data.subject.dataSubjectId.slice(0, 8)}`;
      if (format === 'pdf') return { contentType: 'application/pdf', fileName: `${stem}.pdf`, body: await renderSubjectAccessPdf(report) };
      return { contentType: 'text/html; charset=utf-8', fileName: `${stem}.html`, body: Buffer.from(renderSubjectAccessHtml(report), 'utf8') };
    },
  };
}
