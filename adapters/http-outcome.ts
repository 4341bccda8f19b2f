// How an HTTP delivery attempt's outcome is classified, shared by the push adapters that speak HTTP
// (ijw-xml, fhir, rest-json): 2xx delivered; 408, 425, 429, 5xx and network errors retryable (the
// same message may well get through later); any other 4xx permanent (resending the same message would
// fail the same way).
import type { DeliveryResult } from './adapter.ts';

const retryableStatus = new Set([408, 425, 429]);

export function isRetryableStatus(status: number): boolean {
  return retryableStatus.has(status) || status >= 500;
}

/**
 * A failed HTTP status as a retryable or permanent failure, with a short reason. A 3xx says that
 * redirects are not followed, so an operator reading the dead letter sees why (an endpoint moved to
 * https, say) and fixes the configured endpoint.
 */
export function failureForStatus(status: number, detail?: string): Extract<DeliveryResult, { status: 'retryable' | 'permanent' }> {
  const said = detail !== undefined && detail !== '' ? detail : status >= 300 && status < 400 ? 'redirects are not followed' : '';
  const reason = `HTTP ${status}${said !== '' ? `: ${said}` : ''}`.slice(0, 500);
  return isRetryableStatus(status) ? { status: 'retryable', reason } : { status: 'permanent', reason };
}

/** A thrown fetch error (connection refused, reset, timeout, abort) as a retryable failure: the fhir adapter, whose client speaks fetch. */
export function failureForNetworkError(error: unknown): Extract<DeliveryResult, { status: 'retryable' }> {
  const cause = (error as { cause?: { code?: string } } | null)?.cause?.code;
  const name = error instanceof Error ? error.name : 'error';
  return { status: 'retryable', reason: `network: ${cause ?? name}` };
}
