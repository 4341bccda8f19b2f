// The one error catalogue: every code the gateway can answer with, its HTTP status, category and
// title. Codes are stable (clients may switch on them); titles are for humans. RFC 9457 `type` URIs
// are derived from the code, so adding an entry here is all it takes to add an error.

export type ErrorCategory = 'validation' | 'auth' | 'policy' | 'upstream' | 'system';

export interface CatalogueEntry {
  readonly status: number;
  readonly category: ErrorCategory;
  readonly title: string;
}

export const errorCatalogue = {
  // input
  'invalid-json': { status: 400, category: 'validation', title: 'The request body is not valid JSON' },
  'invalid-input': { status: 400, category: 'validation', title: 'The request is invalid' },
  'unknown-message-type': { status: 400, category: 'validation', title: 'Unknown message type' },
  'unsupported-media-type': { status: 415, category: 'validation', title: 'Unsupported content type' },
  'payload-too-large': { status: 413, category: 'validation', title: 'The request body is too large' },
  'not-acceptable': { status: 406, category: 'validation', title: 'Not acceptable' },
  // HTTP itself: what Node's parser refuses and what does not arrive in time (src/http/http-server.ts)
  'malformed-request': { status: 400, category: 'validation', title: 'The request is not well-formed HTTP/1.1' },
  'request-timeout': { status: 408, category: 'validation', title: 'The request did not arrive in time' },
  'headers-too-large': { status: 431, category: 'validation', title: 'The request headers are too large' },
  // authentication and authorisation
  'unauthenticated': { status: 401, category: 'auth', title: 'Authentication required' },
  'invalid-token': { status: 401, category: 'auth', title: 'The bearer token is invalid' },
  'party-disabled': { status: 401, category: 'auth', title: 'This party is disabled at the gateway' },
  'sender-mismatch': { status: 403, category: 'auth', title: 'The message names another sender than the token' },
  'forbidden': { status: 403, category: 'auth', title: 'Not allowed for this party or role' },
  // routing and policy
  'unknown-receiver': { status: 422, category: 'validation', title: 'The receiver is not a known party' },
  'receiver-disabled': { status: 422, category: 'validation', title: 'The receiver is disabled at the gateway' },
  'receiver-cannot-carry': { status: 422, category: 'validation', title: "The receiver's system cannot take this message type" },
  'care-path-rule': { status: 422, category: 'validation', title: 'The message breaks an iJw process rule of the care path' },
  'policy-denied': { status: 403, category: 'policy', title: 'The exchange is not allowed' },
  // resources
  'not-found': { status: 404, category: 'validation', title: 'Not found' },
  'method-not-allowed': { status: 405, category: 'validation', title: 'Method not allowed' },
  'idempotency-conflict': { status: 409, category: 'validation', title: 'The Idempotency-Key was used with another request' },
  'idempotency-in-progress': { status: 409, category: 'validation', title: 'A request with this Idempotency-Key is still being processed' },
  'rate-limited': { status: 429, category: 'validation', title: 'Too many requests; retry after the time in Retry-After' },
  'conflict': { status: 409, category: 'validation', title: 'The request conflicts with the current state of the resource' },
  // system
  'config-invalid': { status: 500, category: 'system', title: 'The configuration is invalid' },
  // A configuration reload whose file did not pass every check: nothing changed (config-reload.ts).
  'config-reload-refused': { status: 422, category: 'validation', title: 'The configuration file was not loaded; the running configuration is unchanged' },
  'policy-file-invalid': { status: 500, category: 'system', title: 'A policy file is invalid' },
  'audit-write-failed': { status: 503, category: 'system', title: 'The audit log could not be written; nothing was accepted' },
  'store-unavailable': { status: 503, category: 'system', title: 'The store is unavailable' },
  'overloaded': { status: 503, category: 'system', title: 'The gateway is taking no submissions while its delivery queue drains; retry after the time in Retry-After' },
  'shutting-down': { status: 503, category: 'system', title: 'The gateway is shutting down' },
  'demo-only': { status: 400, category: 'system', title: 'Only allowed with the demo configuration' },
  'delivery-failed': { status: 502, category: 'upstream', title: 'Delivery to the receiver failed' },
  'internal': { status: 500, category: 'system', title: 'Internal error' },
  // Schedules, replays and batch sources: the operators' errors.
  'schedule-name-taken': { status: 409, category: 'validation', title: 'A schedule with this name exists' },
  'schedule-running': { status: 409, category: 'validation', title: 'The schedule is running now; runs of one schedule never overlap' },
  'replay-not-possible': { status: 409, category: 'validation', title: 'This delivery cannot be replayed or discarded' },
  'source-unavailable': { status: 502, category: 'upstream', title: 'The batch source could not be read' },
} as const satisfies Record<string, CatalogueEntry>;

export type ErrorCode = keyof typeof errorCatalogue;
