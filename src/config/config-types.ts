import type { KeyObject } from 'node:crypto';
import type { PartyRole, Regime } from '../kernel/party-role.ts';
import type { ConsentSettings } from '../../consent/age-rules.ts';

export type SigningAlgorithm = 'ES256' | 'RS256';

export interface PartyKey {
  readonly kid: string;
  readonly algorithm: SigningAlgorithm;
  readonly key: KeyObject;
  /** Tokens signed with this key are refused after this instant (ms since the epoch); absent: no end. */
  readonly notAfterMs?: number;
}

/**
 * Who writes the technical retour of an iJw heen message to this party (one retour per heen message):
 * - 'receiver' (default): the party itself; the gateway's synchronous answer to the sender is a plain
 *   acknowledgement, and the party's own retour is forwarded to the sender;
 * - 'gateway': the gateway, on the party's behalf, in its synchronous answer; a retour the party sends
 *   for such a message is refused.
 */
export type IjwRetourMode = 'gateway' | 'receiver';

export interface Party {
  readonly id: string;
  readonly role: PartyRole;
  readonly name: string;
  readonly identifiers: { readonly gemeentecode?: string; readonly agb?: string; readonly oin?: string };
  /** messageTypes: the types this party's system takes (absent: every type the policy lets reach it). */
  readonly adapter: { readonly kind: string; readonly endpoint?: string; readonly messageTypes?: readonly string[] };
  /** The provider's secrecy regime (Jw 7.3 or the WGBO); jeugdwet unless configured. */
  readonly regime: Regime;
  /** Designations by a college, e.g. `verzoek-tot-onderzoek` (Jw 3.1 lid 1). */
  readonly designations: readonly string[];
  /** Who writes the retour of an iJw heen message to this party; absent: 'receiver'. */
  readonly ijwRetour?: IjwRetourMode;
  /** Where scheduled batch syncs read this party's records (a URL, or an absolute folder path). */
  readonly source?: { readonly kind: string; readonly endpoint: string };
  /** The party's keys from the config (inline jwks or jwksFile); empty when it publishes them at jwksUri. */
  readonly keys: readonly PartyKey[];
  /** Where the party publishes its own JWKS (src/auth/remote-jwks.ts); absent: the keys above. */
  readonly jwksUri?: string;
  /** A disabled party's tokens are refused and nothing is delivered to it; absent: enabled. */
  readonly disabled?: boolean;
}

export type StaffRole = 'privacy-officer' | 'operator' | 'admin';

/** A person-facing role that is not an agency (architecture.md, Roles). */
export interface StaffMember {
  readonly id: string;
  readonly role: StaffRole;
  readonly name: string;
  readonly organisation?: string;
  readonly keys: readonly PartyKey[];
}

/** Who a verified token speaks for: an agency (a party) or a staff member. */
export type Principal =
  | { readonly id: string; readonly role: 'agency'; readonly party: Party }
  | { readonly id: string; readonly role: StaffRole; readonly staff: StaffMember };

export type PrincipalRole = Principal['role'];

export interface DeliverySettings {
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  readonly leaseMs: number;
  readonly batchSize: number;
  readonly concurrency: number;
  readonly pollIntervalMs: number;
  readonly timeoutMs: number;
  readonly payloadRetentionHours: number;
}

/** The organisation's OpenID Connect provider for staff sign-in to the console. */
export interface ConsoleOidcSettings {
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly scopes: readonly string[];
  readonly roleClaim: string;
  readonly nameClaim: string;
  readonly roleValues: Readonly<Record<StaffRole, readonly string[]>>;
}

export interface ConsoleSettings {
  /** The gateway's address as browsers reach it (no trailing slash); null: the request's own Host. */
  readonly publicUrl: string | null;
  readonly sessionSeconds: number;
  readonly idleSeconds: number;
  /** null: no provider sign-in (the demo sign-in remains in demo mode). */
  readonly oidc: ConsoleOidcSettings | null;
}

export type CarePathRuleMode = 'strict' | 'warn' | 'off';

export interface CarePathTermConfig {
  readonly amount: number;
  readonly unit: 'werkdagen' | 'kalenderdagen';
}

/** The watchdog's terms as configured (the shape of src/care-path/care-path-terms.ts CarePathTerms, partial). */
export interface CarePathTermsConfig {
  readonly retour?: CarePathTermConfig;
  readonly answer?: CarePathTermConfig;
  readonly woonplaatsAnswer?: CarePathTermConfig;
  readonly declaratieAnswer?: CarePathTermConfig;
  readonly stop?: CarePathTermConfig;
  readonly start?: CarePathTermConfig | null;
  readonly extensionDaysBefore?: number | null;
  readonly followUp?: { readonly term: CarePathTermConfig; readonly reasons: readonly string[]; readonly categories: readonly string[] } | null;
}

export interface WorkingDayCalendarConfig {
  readonly liberationDay?: 'always' | 'lustrum' | 'never';
  readonly goodFriday?: boolean;
}

/** Care paths: process rules and the watchdog (schemas/config.schema.json, carePath). */
export interface CarePathConfig {
  readonly enabled: boolean;
  readonly modes: { readonly mode: CarePathRuleMode; readonly rules: Readonly<Record<string, CarePathRuleMode>> };
  readonly migrationRequestDays: number;
  /** Every raised signal is also delivered here through the outbox; null: none. */
  readonly webhook: { readonly endpoint: string } | null;
  readonly termSettings: {
    readonly terms?: CarePathTermsConfig;
    readonly calendar?: WorkingDayCalendarConfig;
    readonly regions?: readonly { readonly id: string; readonly gemeenten: readonly string[]; readonly terms?: CarePathTermsConfig; readonly calendar?: WorkingDayCalendarConfig }[];
  };
}

/** A token bucket: refilled at perSecond, holding at most burst tokens (schemas/config.schema.json, rateLimits). */
export interface RateLimit {
  readonly perSecond: number;
  readonly burst: number;
}

/** Per-party rate limits; a route is "METHOD /v1/<area>" or "*". */
export interface RateLimitSettings {
  readonly default: RateLimit | null;
  readonly routes: Readonly<Record<string, RateLimit>>;
  readonly parties: Readonly<Record<string, Readonly<Record<string, RateLimit>>>>;
}

/** Back-pressure on submissions; a threshold is off when null. */
export interface BackPressureSettings {
  readonly maxPendingDeliveries: number | null;
  readonly maxOldestPendingSeconds: number | null;
  readonly refreshMs: number;
  readonly retryAfterSeconds: number;
}

/** The demo receivers `serve` can start (demo mode only; README, "The demo receivers"). */
export type DemoReceiverKind = 'rest-json' | 'ijw-xml' | 'fhir';

export interface GatewayConfig {
  readonly demo: boolean;
  /** Demo mode: the demo receivers `serve` starts on 127.0.0.1 (none outside the demo). */
  readonly demoReceivers: readonly DemoReceiverKind[];
  /** The config file this came from (absolute), and the folder relative paths resolve against. */
  readonly source: { readonly file: string; readonly dir: string };
  /** Local state: SQLite file (by default), demo keys, demo pseudonym secret. */
  readonly dataDir: string;
  readonly gateway: {
    readonly audience: string;
    readonly host: string;
    readonly port: number;
    readonly bodyLimitBytes: number;
    readonly maxJsonDepth: number;
    /** The request line and headers must arrive within this (408). */
    readonly headersTimeoutMs: number;
    /** A declared body that sends nothing for this long is answered 408 (silence, not duration). */
    readonly bodyTimeoutMs: number;
    /** The whole request, body included, must arrive within this (408). */
    readonly requestTimeoutMs: number;
    /** An idle keep-alive connection is closed after this. */
    readonly keepAliveTimeoutMs: number;
  };
  readonly store: { readonly url: string; readonly groupCommit: { readonly maxBatch: number; readonly maxWaitMs: number } };
  readonly policyFile: string;
  /** The legal-basis catalogue and register of processing activities. */
  readonly legalBasisCatalogueFile: string;
  /** Consent rules domain.md marks [U]: one or all custodians, and who consents at 12 to 15. */
  readonly consent: ConsentSettings;
  readonly pseudonymSecret: string;
  readonly auth: { readonly maxTokenLifetimeSeconds: number; readonly clockToleranceSeconds: number };
  readonly delivery: DeliverySettings;
  readonly log: { readonly level: 'error' | 'warn' | 'info' | 'debug' };
  /**
   * The Ed25519 key that signs audit checkpoints (absolute path); null: checkpoints cannot be signed.
   * The witness file every signed checkpoint is also appended to (absolute path; by default
   * `audit.witness` under the data folder when there is a signing key); null: no witness.
   */
  readonly audit: {
    readonly signingKeyFile: string | null;
    /**
     * The signing key itself (an Ed25519 private JWK) from the environment variable
     * KETENPOORT_AUDIT_SIGNING_KEY, instead of a file; null when not set. Never logged.
     */
    readonly signingKeyJwk: string | null;
    readonly witnessFile: string | null;
    /** Another party's witness over HTTP (audit/http-witness.ts); null: none. */
    readonly witnessUrl: string | null;
    readonly witnessTimeoutMs: number;
    /** Automatic checkpoints (audit/auto-checkpoint.ts); enabled only with a signing key. */
    readonly checkpoint: { readonly enabled: boolean; readonly everyRecords: number; readonly everySeconds: number };
  };
  readonly scheduler: { readonly enabled: boolean; readonly reconcileIntervalMs: number };
  readonly console: ConsoleSettings;
  readonly carePath: CarePathConfig;
  /** Waiting-time statistics: small-cell suppression and how long a computed table is kept. */
  readonly statistics: { readonly suppressionThreshold: number; readonly refreshSeconds: number };
  /** The metrics port (GET /metrics there only); null: metrics are not served. */
  readonly metrics: { readonly host: string; readonly port: number } | null;
  /** Status callbacks: the hosts parties' subscription URLs may name, and how many subscriptions a party may have. */
  readonly subscriptions: { readonly allowedHosts: readonly string[]; readonly allowPrivateNetworks: boolean; readonly maxPerParty: number };
  /**
   * The regie register: which roles may register and end a regie; the term for answering a handover;
   * after how many days a child with care and no regievoerder is a signal; how long a Veilig Thuis
   * overdracht counts as open care.
   */
  readonly regie: { readonly registrarRoles: readonly PartyRole[]; readonly handoverTermWorkingDays: number; readonly withoutRegieSignalDays: number; readonly overdrachtOpenDays: number };
  readonly rateLimits: RateLimitSettings;
  readonly backPressure: BackPressureSettings;
  readonly parties: readonly Party[];
  readonly staff: readonly StaffMember[];
}
