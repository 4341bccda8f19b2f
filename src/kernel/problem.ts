// RFC 9457 problem details, built in one place for the HTTP edge and for decisions the pipeline
// answers itself (a policy refusal is a result, not a crash). No answer echoes a BSN: whatever a
// detail, a pointer or the instance quotes from the request (a path segment, a query parameter, a
// header, a field's value) is masked here, in the one place every problem body is made.
import type { GatewayError } from './gateway-error.ts';
import { maskBsnsIn } from './bsn.ts';

export const problemTypeBase = 'https://ketenpoort.nl/problems/';

export interface ProblemBody {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly code: string;
  readonly detail?: string;
  readonly instance?: string;
  readonly traceId?: string;
  readonly errors?: readonly { pointer: string; detail: string; rule?: string; retourcode?: string; ruleText?: string; keyword?: string; path?: string }[];
  readonly [extension: string]: unknown;
}

export function problemFromError(error: GatewayError, context: { instance?: string; traceId?: string } = {}): ProblemBody {
  return maskBsnsIn({
    ...error.extensions,
    type: problemTypeBase + error.code,
    title: error.title,
    status: error.status,
    code: error.code,
    // A store error's detail names the database's failure: logged, never answered.
    ...(error.detail !== undefined && !error.logOnlyDetail ? { detail: error.detail } : {}),
    ...(context.instance !== undefined ? { instance: context.instance } : {}),
    ...(context.traceId !== undefined ? { traceId: context.traceId } : {}),
    ...(error.errors.length > 0 ? { errors: error.errors } : {}),
  });
}
