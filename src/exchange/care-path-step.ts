// Step 6a, judge the care path, for an allowed iJw message: in the transaction that records the
// exchange, the facts the message can touch are read from the store (src/care-path/care-path-loading.ts),
// the process rules judge the message over them (src/care-path/evaluate-message.ts), and then either
// - a finding in strict mode refuses the message: GatewayError care-path-rule (422) listing every
//   violation with its pointer, rule code and iJw retourcode (the XML answer is the retour with those
//   codes); the transaction rolls back, so nothing of the message is kept, queued or delivered;
// - or the message is accepted, with the findings in warn mode and those about messages that may
//   predate the gateway (migration) as warnings, and its changes are applied to the care path in the
//   same transaction, and the signals raised for what the message brings close with it; a bedrijfsregel
//   without a retourcode that the message breaks (a signal finding) raises a signal in that transaction.
// The same step serves live submissions, pull-sync and the XML folder source: they share the submit use
// case (submit-exchange.ts).

import { GatewayError, type FieldError } from '../kernel/gateway-error.ts';
import { carePathReaderOf, type CarePathApplied } from '../kernel/care-path-record.ts';
import type { CarePathConfig } from '../config/config-types.ts';
import type { PartyRegistry } from '../config/party-registry.ts';
import type { StoreTx } from '../store/store.ts';
import { carePathKeysOf, loadWorkingSet } from '../care-path/care-path-loading.ts';
import { createTermResolver } from '../care-path/care-path-terms.ts';
import { evaluateIjwMessage, HEEN_OF_RETOUR, type EvaluationContext, type ProcessFinding } from '../care-path/evaluate-message.ts';
import { PROCESS_RULES } from '../care-path/process-rules.ts';

/** The rule's wording (Dutch, as the iJw publication has it), for the people who read the refusal. */
const RULE_TEXTS = new Map(PROCESS_RULES.map((r) => [r.code, r.text]));
import { resolveFindings } from '../care-path/rule-modes.ts';
import type { Signal } from '../kernel/signal-record.ts';
import type { TraceContext } from '../kernel/trace-context.ts';
import { closeSignalsFor, raiseSignal } from './signals.ts';
import { signalForFinding } from '../care-path/message-signals.ts';
import { dayInAmsterdam } from '../kernel/dutch-working-days.ts';

/** The heen messages the process rules judge, and their retours. */
const CARE_PATH_TYPES = new Set(['JW301', 'JW305', 'JW307', 'JW315', 'JW317', 'JW319', 'JW323', 'JW325', ...Object.keys(HEEN_OF_RETOUR)]);

export interface CarePathMessage {
  readonly messageType: string;
  /** The message in its JSON form, valid against its schema. */
  readonly message: Readonly<Record<string, unknown>>;
  readonly exchangeId: string;
  readonly senderParty: string;
  readonly receiverParty: string;
  readonly receivedAt: Date;
  readonly trace: TraceContext;
}

/** A finding the message was accepted with, as the 202 answer lists it. */
export interface CarePathWarning {
  readonly pointer: string;
  readonly detail: string;
  readonly rule: string;
  readonly retourcode?: string;
  readonly migration: boolean;
  /** A bedrijfsregel without a retourcode: the gateway raised a signal for it. */
  readonly signal?: true;
}

export interface CarePathJudgement {
  readonly warnings: readonly CarePathWarning[];
  /** Signals raised for the bedrijfsregels the message breaks. */
  readonly raisedSignals: readonly Signal[];
  readonly applied: CarePathApplied;
  /** Signals closed because this message brought what they waited for (or changed their term). */
  readonly closedSignals: readonly Signal[];
}

export interface CarePathStep {
  /** Whether the step judges messages of this type (undefined when care paths are switched off). */
  judges(messageType: string): boolean;
  /** Judges and records the message in tx; throws care-path-rule when a strict rule refuses it. */
  judge(tx: StoreTx, incoming: CarePathMessage): Promise<CarePathJudgement>;
}

/** Rule codes in the config that are no rule of the gateway: a typo would silently leave the rule strict. */
export function unknownRuleCodes(config: CarePathConfig): string[] {
  const known = new Set(PROCESS_RULES.map((r) => r.code));
  return Object.keys(config.modes.rules).filter((code) => !known.has(code));
}

const asWarning = (f: ProcessFinding): CarePathWarning => ({ pointer: f.pointer, detail: f.detail, rule: f.rule, ...(f.retourcode !== undefined ? { retourcode: f.retourcode } : {}), migration: f.migration, ...(f.signal === true ? { signal: true as const } : {}) });

const identificatieOf = (message: Readonly<Record<string, unknown>>): string => {
  const header = message['Header'] as { BerichtIdentificatie?: { Identificatie?: unknown } } | undefined;
  const id = header?.BerichtIdentificatie?.Identificatie;
  return typeof id === 'string' ? id : '';
};

export function createCarePathStep(deps: { readonly config: CarePathConfig; readonly parties: PartyRegistry; readonly pseudonymize: (bsn: string) => string }): CarePathStep {
  const unknown = unknownRuleCodes(deps.config);
  if (unknown.length > 0) {
    throw new GatewayError('config-invalid', {
      detail: `carePath.rules names codes that are no process rule of the gateway: ${unknown.join(', ')}`,
      errors: unknown.map((code) => ({ pointer: `/carePath/rules/${code}`, detail: 'not a process rule (src/care-path/process-rules.ts)' })),
    });
  }
  const ctx: EvaluationContext = {
    pseudonymize: deps.pseudonymize,
    terms: createTermResolver(deps.config.termSettings),
    partyOf: (code) => deps.parties.findByIjwCode(code)?.id,
    migrationRequestDays: deps.config.migrationRequestDays,
  };
  return {
    judges: (messageType) => deps.config.enabled && CARE_PATH_TYPES.has(messageType),
    async judge(tx, incoming) {
      const set = await loadWorkingSet(carePathReaderOf(tx), carePathKeysOf(incoming.messageType, incoming.message, ctx.pseudonymize));
      const evaluation = evaluateIjwMessage(set, incoming, ctx);
      const { refusals, warnings } = resolveFindings(evaluation.findings, deps.config.modes);
      if (refusals.length > 0) {
        const errors: FieldError[] = refusals.map((f) => ({
          pointer: `/message${f.pointer}`,
          detail: f.detail,
          rule: f.rule,
          ...(RULE_TEXTS.has(f.rule) ? { ruleText: RULE_TEXTS.get(f.rule) } : {}),
          ...(f.retourcode !== undefined ? { retourcode: f.retourcode } : {}),
        }));
        throw new GatewayError('care-path-rule', { detail: `the ${incoming.messageType} breaks ${[...new Set(refusals.map((f) => f.rule))].join(', ')}`, errors });
      }
      const applied = await tx.applyCarePathChanges(evaluation.changes);
      const closedSignals = await closeSignalsFor(tx, applied, { exchangeId: incoming.exchangeId, actorId: incoming.senderParty, now: incoming.receivedAt, trace: incoming.trace });
      const raisedSignals: Signal[] = [];
      const signalled = { messageType: incoming.messageType, exchangeId: incoming.exchangeId, identificatie: identificatieOf(incoming.message), senderParty: incoming.senderParty, receiverParty: incoming.receiverParty, day: dayInAmsterdam(incoming.receivedAt) };
      for (const finding of warnings.filter((f) => f.signal === true)) {
        const raised = await raiseSignal(tx, signalForFinding(finding, signalled), { actorId: incoming.senderParty, now: incoming.receivedAt, webhook: deps.config.webhook ?? undefined, trace: incoming.trace });
        if (raised !== undefined) raisedSignals.push(raised);
      }
      return { warnings: warnings.map(asWarning), raisedSignals, applied, closedSignals };
    },
  };
}
