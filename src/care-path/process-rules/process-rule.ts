// What a process rule of the care path says (the registry is src/care-path/process-rules.ts).

export type Enforcement =
  /** Checked on every message; a violation refuses it (strict) or is reported (warn). */
  | 'refusal'
  /**
   * A rule without a retourcode: the gateway raises a signal, when a term passes (the watchdog), or,
   * for a rule the message itself shows broken (`onMessage`), at once, accepting the message.
   */
  | 'signal'
  /** Not checked by the gateway (the reason says why). */
  | 'not-checked';

export interface ProcessRule {
  /** The iJw rule code (TR…, OP…), or KP… for a rule of the gateway's own with its source. */
  readonly code: string;
  /** The WJ001 retourcode the rule names; absent where the rule has none (n.v.t.). */
  readonly retourcode?: string;
  readonly messageTypes: readonly string[];
  /** The rule as the iJw publication words it. */
  readonly text: string;
  /** What exactly the gateway checks. */
  readonly check: string;
  readonly enforcement: Enforcement;
  /**
   * The earlier message the rule needs may predate the gateway (migration): when the gateway never saw
   * the path from its beginning, a violation is a warning, never a refusal (see design-care-paths.md).
   */
  readonly migration: boolean;
  /** A signal rule judged on the message (a signal as it is accepted), not on a term of the watchdog. */
  readonly onMessage?: boolean;
  /** For a bedrijfsregel: the rules that carry it out. */
  readonly via?: readonly string[];
  readonly reason?: string;
}

/** The regieberichten: start (JW305) and stop (JW307) of care. */
export const REGIE = ['JW305', 'JW307'] as const;
