// Generated from schemas/schedule.schema.json by scripts/generate-schema-types.ts; do not edit by hand.

/**
 * Unique; lower case letters, digits and hyphens.
 *
 * This interface was referenced by `Schedule`'s JSON-Schema
 * via the `definition` "name".
 */
export type ScheduleName = string;
/**
 * A cron expression of 5 fields (minute hour day-of-month month day-of-week) or 6 (seconds first).
 *
 * This interface was referenced by `Schedule`'s JSON-Schema
 * via the `definition` "cron".
 */
export type ScheduleCron = string;
/**
 * An IANA time zone; default Europe/Amsterdam.
 *
 * This interface was referenced by `Schedule`'s JSON-Schema
 * via the `definition` "timeZone".
 */
export type ScheduleTimeZone = string;
/**
 * This interface was referenced by `Schedule`'s JSON-Schema
 * via the `definition` "jobKind".
 */
export type ScheduleJobKind = 'pull-sync' | 'retry-dead-letters' | 'purge-payloads' | 'audit-checkpoint' | 'expire-consents' | 'watchdog';
/**
 * This interface was referenced by `Schedule`'s JSON-Schema
 * via the `definition` "partyId".
 */
export type SchedulePartyId = string;

/**
 * This interface was referenced by `Schedule`'s JSON-Schema
 * via the `definition` "create".
 */
export interface ScheduleCreate {
  name: ScheduleName;
  cron: ScheduleCron;
  timeZone?: ScheduleTimeZone;
  jobKind: ScheduleJobKind;
  params?: {
    [k: string]: unknown;
  };
  paused?: boolean;
}
/**
 * This interface was referenced by `Schedule`'s JSON-Schema
 * via the `definition` "patch".
 */
export interface SchedulePatch {
  name?: ScheduleName;
  cron?: ScheduleCron;
  timeZone?: ScheduleTimeZone;
  params?: {
    [k: string]: unknown;
  };
  /**
   * Start a pull-sync from the source's beginning again.
   */
  resetCursor?: boolean;
}
/**
 * This interface was referenced by `Schedule`'s JSON-Schema
 * via the `definition` "pull-sync".
 */
export interface SchedulePullSync {
  /**
   * The party whose configured source is read; its records are submitted as this party.
   */
  party: string;
  /**
   * Records per page (default 100).
   */
  pageSize?: number;
}
/**
 * This interface was referenced by `Schedule`'s JSON-Schema
 * via the `definition` "retry-dead-letters".
 */
export interface ScheduleRetryDeadLetters {
  /**
   * Only dead letters for this receiver.
   */
  receiver?: string;
  /**
   * Replay only dead letters whose last error has one of these classes (default: receiver-unavailable, network, timeout).
   *
   * @minItems 1
   * @maxItems 7
   */
  errorClasses?: ('receiver-unavailable' | 'receiver-refused' | 'network' | 'timeout' | 'configuration' | 'adapter-error' | 'unknown')[];
  /**
   * At most this many replays per run (default 500).
   */
  maxPerRun?: number;
}
/**
 * This interface was referenced by `Schedule`'s JSON-Schema
 * via the `definition` "purge-payloads".
 */
export interface SchedulePurgePayloads {}
/**
 * This interface was referenced by `Schedule`'s JSON-Schema
 * via the `definition` "audit-checkpoint".
 */
export interface ScheduleAuditCheckpoint {}
/**
 * This interface was referenced by `Schedule`'s JSON-Schema
 * via the `definition` "expire-consents".
 */
export interface ScheduleExpireConsents {}
/**
 * This interface was referenced by `Schedule`'s JSON-Schema
 * via the `definition` "watchdog".
 */
export interface ScheduleWatchdog {}
