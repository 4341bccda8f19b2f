// What a failed schedule run records as its error: operators read it in the run history, so it says
// what failed in the gateway's words and never carries a store error's log-only detail (the operation
// and SQLSTATE), just as a problem+json answer does not.
import { describe, expect, it } from 'vitest';
import { GatewayError } from '../../src/kernel/gateway-error.ts';
import { runErrorText } from '../../src/scheduler/schedule-runs.ts';

describe('the error of a failed schedule run', () => {
  it('when the store fails with a log-only detail, then the run history shows the code and title, not the SQLSTATE', () => {
    const cause = new GatewayError('store-unavailable', { detail: 'store: insertExchange failed (SQLSTATE 57P01)', logOnlyDetail: true });
    const text = runErrorText(cause);
    expect(text).toBe(`store-unavailable: ${cause.title}`);
    expect(text).not.toMatch(/SQLSTATE|insertExchange/);
  });

  it('when a source fails with a detail the gateway wrote for people, then the detail is shown', () => {
    expect(runErrorText(new GatewayError('source-unavailable', { detail: 'HTTP 503' }))).toBe('source-unavailable: HTTP 503');
  });

  it('when the failure is not a gateway error, then it points at the log without quoting the error', () => {
    expect(runErrorText(new Error('connect ECONNREFUSED 10.0.0.5:5432 password=secret'))).toBe('internal error (see the gateway log)');
  });

  it('when the detail is very long, then the text is cut to 500 characters', () => {
    expect(runErrorText(new GatewayError('source-unavailable', { detail: 'x'.repeat(900) }))).toHaveLength(500);
  });
});
