// Reloading the configuration without a restart (issue 13): on SIGHUP and on
// POST /v1/operator/config/reload. The file is read and checked completely first, with the same checks
// as at start-up (schema, identifiers, keys, policy and catalogue, the parties' adapters against the
// policy); a bad file leaves the running configuration untouched and the answer lists every error.
//
// What a reload changes: the parties and staff (added, removed, disabled, keys, adapters and endpoints,
// jwksUri), and the policy and legal-basis catalogue (their files are read again, also when only their
// content changed). Everything else (port, store, secrets, timeouts, delivery settings, ...) is read
// once at start-up: a file that changes one of those is refused as a whole, naming the settings, so
// that after a successful reload the running gateway is exactly what the file says.
//
// Every reload is audited (action config.reload), refused ones too. Deliveries already queued keep the
// adapter and endpoint they were queued with; a party disabled by the reload gets nothing more
// (dispatcher.ts asks the live registry).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { GatewayConfig, Party, PartyKey, StaffMember } from '../config/config-types.ts';
import type { PolicyEngine } from '../../consent/policy-engine.ts';
import type { Clock } from '../kernel/clock.ts';
import { GatewayError, isGatewayError, type FieldError } from '../kernel/gateway-error.ts';
import type { TraceContext } from '../kernel/trace-context.ts';
import type { GroupCommitter } from '../store/group-commit.ts';
import type { Logger } from '../observability/logger.ts';
import { appendAudit } from '../audit/audit-log.ts';

/** Settings a reload applies; every other difference needs a restart. */
const RELOADABLE = new Set(['parties', 'staff', 'policyFile', 'legalBasisCatalogueFile']);

export interface ReloadChanges {
  readonly parties: { readonly added: readonly string[]; readonly removed: readonly string[]; readonly changed: readonly string[] };
  readonly staff: { readonly added: readonly string[]; readonly removed: readonly string[]; readonly changed: readonly string[] };
  /** The policy's version before and after, and whether its rules or catalogue changed. */
  readonly policy: { readonly from: string; readonly to: string; readonly changed: boolean };
}

export type ReloadResult =
  | { readonly outcome: 'reloaded' | 'unchanged'; readonly file: string; readonly at: string; readonly changes: ReloadChanges }
  | { readonly outcome: 'refused'; readonly file: string; readonly at: string; readonly errors: readonly FieldError[] };

/** Who asked: an operator through the API (their id) or the process's signal. */
export interface ReloadTrigger {
  readonly actor: string;
  readonly via: 'api' | 'signal';
  readonly trace: TraceContext;
}

export interface ConfigReload {
  /** Reads, checks and (when every check passes) applies the file; reloads run one at a time. */
  reload(trigger: ReloadTrigger): Promise<ReloadResult>;
  /** The configuration in force (the parties, staff and policy files of the last successful reload). */
  current(): GatewayConfig;
}

export interface ConfigReloadDeps {
  readonly initial: GatewayConfig;
  /** Reads and validates the configuration file (load-config.ts); throws GatewayError('config-invalid'). */
  readonly load: () => GatewayConfig;
  /**
   * The start-up checks of a new configuration that need the running parts: its policy against the
   * schemas, its parties' adapters and sources against the policy. Returns the new policy engine;
   * throws a GatewayError listing every problem.
   */
  readonly prepare: (next: GatewayConfig) => PolicyEngine;
  /** Puts the new parties, staff and policy in force (all at once, between two requests). */
  readonly apply: (next: GatewayConfig, policy: PolicyEngine) => void;
  readonly policy: () => PolicyEngine;
  readonly committer: GroupCommitter;
  readonly clock: Clock;
  readonly logger: Logger;
}

export function createConfigReload(deps: ConfigReloadDeps): ConfigReload {
  let current = deps.initial;
  let currentPolicyPrint = policyPrint(current);
  let queue: Promise<unknown> = Promise.resolve();

  async function audit(trigger: ReloadTrigger, outcome: 'reloaded' | 'refused', detail: string): Promise<void> {
    await deps.committer.run(async (tx) => {
      await appendAudit(
        tx,
        {
          traceId: trigger.trace.traceId,
          spanId: trigger.trace.spanId,
          action: 'config.reload',
          outcome,
          actor: trigger.actor,
          ...(outcome === 'refused' ? { reason: 'config-invalid' } : {}),
          detail: `${trigger.via === 'signal' ? 'SIGHUP' : 'API'}: ${detail}`.slice(0, 1000),
        },
        deps.clock.now(),
      );
    });
  }

  async function reloadNow(trigger: ReloadTrigger): Promise<ReloadResult> {
    const file = current.source.file;
    const at = deps.clock.now().toISOString();
    const refuse = async (errors: readonly FieldError[]): Promise<ReloadResult> => {
      const summary = errors.slice(0, 5).map((e) => `${e.pointer || '/'} ${e.detail}`).join('; ') + (errors.length > 5 ? `; and ${errors.length - 5} more` : '');
      deps.logger.warn('configuration reload refused; the running configuration is unchanged', { file, via: trigger.via, errors: errors.length, summary });
      await audit(trigger, 'refused', `${file}: ${summary}`);
      return { outcome: 'refused', file, at, errors };
    };
    let next: GatewayConfig;
    try {
      next = deps.load();
    } catch (error) {
      return refuse(errorsOf(error));
    }
    const needRestart = restartOnlyDifferences(current, next);
    if (needRestart.length > 0) return refuse(needRestart);
    let policy: PolicyEngine;
    try {
      policy = deps.prepare(next);
    } catch (error) {
      return refuse(errorsOf(error));
    }
    const nextPolicyPrint = policyPrint(next);
    const changes: ReloadChanges = {
      parties: differences(current.parties, next.parties, partyPrint),
      staff: differences(current.staff, next.staff, staffPrint),
      policy: { from: deps.policy().version, to: policy.version, changed: nextPolicyPrint !== currentPolicyPrint },
    };
    const changed = [changes.parties, changes.staff].some((d) => d.added.length + d.removed.length + d.changed.length > 0) || changes.policy.changed;
    deps.apply(next, policy);
    current = next;
    currentPolicyPrint = nextPolicyPrint;
    const summary = changed ? describe(changes) : 'no changes';
    deps.logger.info('configuration reloaded', { file, via: trigger.via, changes: summary });
    await audit(trigger, 'reloaded', `${file}: ${summary}`);
    return { outcome: changed ? 'reloaded' : 'unchanged', file, at, changes };
  }

  return {
    current: () => current,
    reload(trigger) {
      const run = queue.then(() => reloadNow(trigger));
      queue = run.catch(() => undefined);
      return run;
    },
  };
}

function errorsOf(error: unknown): readonly FieldError[] {
  if (isGatewayError(error)) return error.errors.length > 0 ? error.errors : [{ pointer: '', detail: error.detail ?? error.title }];
  return [{ pointer: '', detail: (error as Error).message }];
}

/** Every setting outside RELOADABLE whose value differs, by JSON pointer (at most 20). */
export function restartOnlyDifferences(running: GatewayConfig, next: GatewayConfig): FieldError[] {
  const found: string[] = [];
  const walk = (a: unknown, b: unknown, pointer: string): void => {
    if (found.length >= 20) return;
    if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object' && Array.isArray(a) === Array.isArray(b)) {
      const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
      for (const key of keys) walk((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`);
      return;
    }
    if (JSON.stringify(a) !== JSON.stringify(b)) found.push(pointer);
  };
  const plain = (config: GatewayConfig): Record<string, unknown> =>
    Object.fromEntries(Object.entries(JSON.parse(JSON.stringify(config)) as Record<string, unknown>).filter(([key]) => !RELOADABLE.has(key)));
  walk(plain(running), plain(next), '');
  return found.map((pointer) => ({ pointer, detail: 'is read at start-up only: this change needs a restart (nothing was reloaded)' }));
}

function keyPrint(keys: readonly PartyKey[]): unknown[] {
  return keys.map((k) => ({ kid: k.kid, algorithm: k.algorithm, notAfterMs: k.notAfterMs, key: k.key.export({ format: 'jwk' }) }));
}
const partyPrint = (p: Party): string => JSON.stringify({ ...p, keys: keyPrint(p.keys) });
const staffPrint = (m: StaffMember): string => JSON.stringify({ ...m, keys: keyPrint(m.keys) });

function differences<T extends { readonly id: string }>(before: readonly T[], after: readonly T[], print: (item: T) => string): ReloadChanges['parties'] {
  const old = new Map(before.map((item) => [item.id, print(item)]));
  const now = new Map(after.map((item) => [item.id, print(item)]));
  return {
    added: [...now.keys()].filter((id) => !old.has(id)),
    removed: [...old.keys()].filter((id) => !now.has(id)),
    changed: [...now.keys()].filter((id) => old.has(id) && old.get(id) !== now.get(id)),
  };
}

/** The policy and catalogue files' content: a reload reads them again even when the paths stay. */
function policyPrint(config: GatewayConfig): string {
  const hash = createHash('sha256');
  for (const file of [config.policyFile, config.legalBasisCatalogueFile]) {
    hash.update(file).update('\0');
    try {
      hash.update(readFileSync(file));
    } catch {
      hash.update('(unreadable)');
    }
  }
  return hash.digest('hex');
}

function describe(changes: ReloadChanges): string {
  const list = (what: string, d: ReloadChanges['parties']): string[] =>
    [d.added.length > 0 ? `${what} added ${d.added.join(', ')}` : '', d.removed.length > 0 ? `${what} removed ${d.removed.join(', ')}` : '', d.changed.length > 0 ? `${what} changed ${d.changed.join(', ')}` : ''].filter((s) => s !== '');
  const parts = [...list('parties', changes.parties), ...list('staff', changes.staff), ...(changes.policy.changed ? [`policy ${changes.policy.from} -> ${changes.policy.to}`] : [])];
  return parts.join('; ');
}

/** A GatewayError for the API's answer when a reload was refused. */
export function reloadRefusal(result: Extract<ReloadResult, { outcome: 'refused' }>): GatewayError {
  return new GatewayError('config-reload-refused', {
    detail: `${result.file} was not loaded; the running configuration is unchanged (${result.errors.length} error${result.errors.length === 1 ? '' : 's'})`,
    errors: result.errors,
  });
}
