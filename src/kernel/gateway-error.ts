import { errorCatalogue, type ErrorCategory, type ErrorCode } from './error-catalogue.ts';

/** One problem in the input: where (RFC 6901 JSON pointer), what, and for iJw the rule code. */
export interface FieldError {
  readonly pointer: string;
  readonly detail: string;
  /** iJw rule code (e.g. TR018, CD041) or schema keyword. */
  readonly rule?: string;
  /** The iJw retourcode that matches, where one exists (e.g. 8001). */
  readonly retourcode?: string;
  /** The iJw rule as the iJw publication words it (Dutch), for the people who read the error. */
  readonly ruleText?: string;
  /** The JSON Schema keyword that failed, when `rule` names the iJw rule behind it (OP192). */
  readonly keyword?: string;
  /** For a native iJw XML submission: the element path in the XML (`/Bericht/Client/Bsn`, positions from 1). */
  readonly path?: string;
}

export interface GatewayErrorOptions {
  readonly detail?: string;
  readonly errors?: readonly FieldError[];
  /** Extra problem members (machine-readable), e.g. the policy reason and rule. */
  readonly extensions?: Readonly<Record<string, unknown>>;
  readonly cause?: unknown;
  /**
   * The detail is for the gateway's log and the operator's CLI, never for an answer: a store error's
   * operation and driver code (SQLSTATE, SQLite code) say how the database failed, which is no
   * client's business (the problem then carries the catalogue title only).
   */
  readonly logOnlyDetail?: boolean;
  /** When to try again (whole seconds): the edge answers it as Retry-After. */
  readonly retryAfterSeconds?: number;
}

/** The only error type the gateway throws on purpose; everything else is a bug (a bare 500). */
export class GatewayError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly category: ErrorCategory;
  readonly title: string;
  readonly detail: string | undefined;
  readonly errors: readonly FieldError[];
  readonly extensions: Readonly<Record<string, unknown>>;
  /** See GatewayErrorOptions.logOnlyDetail: problemFromError leaves such a detail out. */
  readonly logOnlyDetail: boolean;
  readonly retryAfterSeconds: number | undefined;

  constructor(code: ErrorCode, options: GatewayErrorOptions = {}) {
    const entry = errorCatalogue[code];
    super(options.detail ?? entry.title, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'GatewayError';
    this.code = code;
    this.status = entry.status;
    this.category = entry.category;
    this.title = entry.title;
    this.detail = options.detail;
    this.errors = options.errors ?? [];
    this.extensions = options.extensions ?? {};
    this.logOnlyDetail = options.logOnlyDetail === true;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

export function isGatewayError(value: unknown): value is GatewayError {
  return value instanceof GatewayError;
}
