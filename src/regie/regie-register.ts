// The regie register's use cases (issue 12): per child at most one active regievoerder, an
// organisation and a function to contact, known to the parties involved.
// - register: a party of a registrar role (configuration regie.registrarRoles; by default the gemeente
//   and the GI) registers the regie for a child, on a legal basis from the catalogue; when the child
//   already has one, 409 naming its organisation (the partial unique index decides races).
// - look up: a party that has exchanged information about the child through the gateway (not refused),
//   the regievoerder itself, or the party that registered it, gets the organisation and contact
//   function; anyone else (another gemeente too)
//   gets the same answer as for a child without regie (no oracle). Every look-up is audited, with the
//   truth in the record for the privacy officer.
// - hand over: the regievoerder (or the registrar that registered it) proposes another party; only that party's acceptance
//   moves the regie, in one transaction; until then the old one stays responsible.
// - end: the regievoerder or the registrar that registered it, with a reason from a fixed list (never silently none).
// Every step, refusals included, is audited as regie.* with a reason code.

import { randomUUID } from 'node:crypto';
import { appendAudit } from '../audit/audit-log.ts';
import { measureActiveOn } from '../kernel/child-measure.ts';
import { dutchDate } from '../kernel/clock.ts';
import type { Pseudonymizer } from '../audit/pseudonym.ts';
import type { Principal, Party } from '../config/config-types.ts';
import type { PartyRegistry } from '../config/party-registry.ts';
import type { AuditDraft } from '../kernel/audit-record.ts';
import type { Clock } from '../kernel/clock.ts';
import { GatewayError } from '../kernel/gateway-error.ts';
import type { PartyRole } from '../kernel/party-role.ts';
import { REGIE_SIGNAL_SOURCE, withoutRegieKey, type Regie, type RegieHandover } from '../kernel/regie-record.ts';
import type { TraceContext } from '../kernel/trace-context.ts';
import type { GroupCommitter } from '../store/group-commit.ts';
import type { Store, StoreTx } from '../store/store.ts';
import type { LegalBasisCatalogue } from '../../consent/legal-basis-catalogue.ts';
import { parseDecision, parseEnd, parseHandover, parseLookup, parseRegistration } from './regie-requests.ts';

export interface RegieView {
  readonly party: string;
  readonly partyName: string;
  readonly contactFunction: string;
  readonly since: string;
}

export interface HandoverView {
  readonly handoverId: string;
  readonly fromParty: string;
  readonly toParty: string;
  readonly contactFunction: string;
  readonly proposedAt: string;
  readonly status: RegieHandover['status'];
  readonly decidedAt: string | null;
}

export interface RegieRegister {
  register(principal: Principal, body: unknown, trace: TraceContext): Promise<RegieView>;
  lookup(principal: Principal, body: unknown, trace: TraceContext): Promise<{ readonly regie: RegieView | null }>;
  proposeHandover(principal: Principal, body: unknown, trace: TraceContext): Promise<HandoverView>;
  decideHandover(principal: Principal, handoverId: string, body: unknown, trace: TraceContext): Promise<HandoverView>;
  end(principal: Principal, body: unknown, trace: TraceContext): Promise<{ readonly ended: true }>;
}

export interface RegieRegisterDeps {
  readonly store: Store;
  readonly committer: GroupCommitter;
  readonly clock: Clock;
  readonly pseudonymize: Pseudonymizer;
  readonly parties: PartyRegistry;
  readonly catalogue: LegalBasisCatalogue;
  readonly registrarRoles: readonly PartyRole[];
}

function agency(principal: Principal): Party {
  if (principal.role !== 'agency') throw new GatewayError('forbidden', { detail: 'the regie register is for agency systems' });
  return principal.party;
}

const noSuchHandover = (): GatewayError => new GatewayError('not-found', { detail: 'no such handover for this party' });
const noRegie = (): GatewayError => new GatewayError('not-found', { detail: 'no active regie for this child that this party may change' });

export function createRegieRegister(deps: RegieRegisterDeps): RegieRegister {
  const { store, committer, clock, parties } = deps;
  const name = (id: string): string => parties.get(id)?.name ?? id;
  const view = (r: Regie): RegieView => ({ party: r.party, partyName: name(r.party), contactFunction: r.contactFunction, since: new Date(r.startedAt).toISOString() });
  const handoverView = (h: RegieHandover): HandoverView => ({
    handoverId: h.id,
    fromParty: h.fromParty,
    toParty: h.toParty,
    contactFunction: h.contactFunction,
    proposedAt: new Date(h.proposedAt).toISOString(),
    status: h.status,
    decidedAt: h.decidedAt === null ? null : new Date(h.decidedAt).toISOString(),
  });
  const isRegistrar = (party: Party): boolean => deps.registrarRoles.includes(party.role);
  /** Who may hand over or end a regie: the regievoerder, or the registrar that registered it (the child's gemeente or GI). */
  const mayChange = (regie: Regie, party: Party): boolean => regie.party === party.id || (regie.registeredBy === party.id && isRegistrar(party));

  const audit = (tx: StoreTx, trace: TraceContext, draft: Omit<AuditDraft, 'traceId' | 'spanId'>, at: Date): Promise<unknown> =>
    appendAudit(tx, { traceId: trace.traceId, spanId: trace.spanId, dataSubjectIdType: 'bsn-pseudonym', ...draft }, at);

  /** Closes the regie signals with these keys as met, each audited. */
  async function closeSignals(tx: StoreTx, trace: TraceContext, keys: readonly string[], actor: string, subject: string, now: Date): Promise<void> {
    for (const signal of await tx.closeSignals({ source: REGIE_SIGNAL_SOURCE, keys, reason: 'met', now: now.getTime() })) {
      await audit(tx, trace, { action: 'signal.close', outcome: 'closed', reason: 'met', actor, counterparty: signal.owedBy, dataSubjectId: subject, detail: `signal ${signal.id}: ${signal.rule} ${signal.kind}` }, now);
    }
  }

  /**
   * "The gemeente of the child, or the GI while a child-protection measure is active": a GI registers
   * only while it carries out a measure for the child that the gateway carried the court decision of
   * (src/kernel/child-measure.ts); any other registrar only for a child it is involved with (it
   * exchanged about the child through the gateway, or the care path names its gemeentecode). Checked
   * before the register is read, so a refusal says nothing about the child's regie. Undefined: may.
   */
  async function registrarInvolvement(caller: Party, subject: string, today: string): Promise<{ reason: string; detail: string } | undefined> {
    if (caller.role === 'gi') {
      const measures = await store.listChildMeasures(subject, caller.id);
      if (measures.some((m) => measureActiveOn(m, today))) return undefined;
      return {
        reason: measures.length === 0 ? 'no-measure' : 'measure-ended',
        detail: measures.length === 0
          ? 'a GI registers the regie while it carries out a child-protection measure for the child; the gateway has carried no court decision (NotificatieBeslissingRechtspraak) with a measure of this GI for the child'
          : 'a GI registers the regie while it carries out a child-protection measure for the child; its measure for this child is not running today',
      };
    }
    if (await store.hasExchangedAbout(subject, caller.id)) return undefined;
    const code = caller.identifiers.gemeentecode;
    if (code !== undefined && (await store.carePathGemeenten(subject)).includes(code)) return undefined;
    return { reason: 'not-involved', detail: 'a regie is registered by the gemeente of the child: a registrar that has exchanged about the child through the gateway (or that its care path names)' };
  }

  /** A refusal, audited on its own (nothing else was written), then thrown. */
  async function refuse(action: AuditDraft['action'], actor: string, subject: string, reason: string, error: GatewayError, trace: TraceContext, counterparty?: string): Promise<never> {
    await committer.run((tx) => audit(tx, trace, { action, outcome: 'refused', reason, actor, dataSubjectId: subject, ...(counterparty !== undefined ? { counterparty } : {}) }, clock.now()));
    throw error;
  }

  return {
    async register(principal, body, trace) {
      const caller = agency(principal);
      const request = parseRegistration(body);
      const subject = deps.pseudonymize(request.bsn);
      const holder = request.party ?? caller.id;
      const errors = [];
      if (parties.get(holder) === undefined) errors.push({ pointer: '/party', detail: `"${holder}" is not a party of this gateway` });
      if (deps.catalogue.legalBasis(request.legalBasis) === undefined) errors.push({ pointer: '/legalBasis', detail: `"${request.legalBasis}" is not in the legal-basis catalogue` });
      if (errors.length > 0) throw new GatewayError('invalid-input', { errors });
      if (!isRegistrar(caller)) {
        return refuse('regie.register', caller.id, subject, 'not-a-registrar', new GatewayError('forbidden', { detail: `a regie is registered by a party of role ${deps.registrarRoles.join(' or ')}` }), trace, holder);
      }
      const now = clock.now();
      const involvement = await registrarInvolvement(caller, subject, dutchDate(now));
      if (involvement !== undefined) return refuse('regie.register', caller.id, subject, involvement.reason, new GatewayError('forbidden', { detail: involvement.detail }), trace, holder);
      const regie: Regie = {
        id: randomUUID(), subjectPseudonym: subject, party: holder, contactFunction: request.contactFunction, legalBasis: request.legalBasis, registeredBy: caller.id,
        startedAt: now.getTime(), status: 'active', endedAt: null, endedBy: null, endReason: null, successorId: null,
      };
      const current = await committer.run(async (tx) => {
        if (!(await tx.insertRegie(regie))) {
          const existing = await tx.activeRegieForUpdate(subject);
          await audit(tx, trace, { action: 'regie.register', outcome: 'refused', reason: 'regie-exists', actor: caller.id, counterparty: holder, dataSubjectId: subject }, now);
          return existing;
        }
        await audit(tx, trace, { action: 'regie.register', outcome: 'registered', reason: request.legalBasis, actor: caller.id, counterparty: holder, dataSubjectId: subject, legalBasis: request.legalBasis }, now);
        // The watchdog's signal for a child with care and no regievoerder closes with the registration.
        await closeSignals(tx, trace, [withoutRegieKey(subject)], caller.id, subject, now);
        return undefined;
      });
      if (current !== undefined) {
        throw new GatewayError('conflict', { detail: `this child already has a regievoerder: ${name(current.party)} (${current.party}); a change goes by handover` });
      }
      return view(regie);
    },

    async lookup(principal, body, trace) {
      const caller = agency(principal);
      const subject = deps.pseudonymize(parseLookup(body).bsn);
      const regie = await store.getActiveRegie(subject);
      // The regievoerder, the party that registered it, and the parties that exchanged about the child;
      // not every party of a registrar role (another gemeente has no business with this child).
      const entitled = regie !== undefined && (regie.party === caller.id || regie.registeredBy === caller.id || (await store.hasExchangedAbout(subject, caller.id)));
      const reason = regie === undefined ? 'no-regie' : entitled ? 'found' : 'not-entitled';
      await committer.run((tx) => audit(tx, trace, { action: 'regie.lookup', outcome: 'read', reason, actor: caller.id, dataSubjectId: subject, ...(regie !== undefined ? { counterparty: regie.party } : {}) }, clock.now()));
      // Not entitled reads exactly like no regie: the answer says nothing about the child.
      return { regie: regie !== undefined && entitled ? view(regie) : null };
    },

    async proposeHandover(principal, body, trace) {
      const caller = agency(principal);
      const request = parseHandover(body);
      const subject = deps.pseudonymize(request.bsn);
      if (parties.get(request.toParty) === undefined) throw new GatewayError('invalid-input', { errors: [{ pointer: '/toParty', detail: `"${request.toParty}" is not a party of this gateway` }] });
      const now = clock.now();
      const outcome = await committer.run(async (tx): Promise<{ handover: RegieHandover } | { refused: GatewayError; reason: string }> => {
        const regie = await tx.activeRegieForUpdate(subject);
        if (regie === undefined || !mayChange(regie, caller)) return { refused: noRegie(), reason: regie === undefined ? 'no-regie' : 'not-entitled' };
        if (regie.party === request.toParty) {
          return { refused: new GatewayError('invalid-input', { errors: [{ pointer: '/toParty', detail: 'is the regievoerder already: a handover goes to another party' }] }), reason: 'handover-to-self' };
        }
        const handover: RegieHandover = {
          id: randomUUID(), subjectPseudonym: subject, regieId: regie.id, fromParty: regie.party, toParty: request.toParty, contactFunction: request.contactFunction,
          proposedBy: caller.id, proposedAt: now.getTime(), status: 'proposed', decidedAt: null, decidedBy: null, note: request.note ?? null,
        };
        if (!(await tx.insertRegieHandover(handover))) {
          const open = await tx.openRegieHandover(subject);
          return { refused: new GatewayError('conflict', { detail: `a handover to ${open === undefined ? 'another party' : name(open.toParty)} is already waiting for an answer` }), reason: 'handover-open' };
        }
        await audit(tx, trace, { action: 'regie.handover', outcome: 'proposed', reason: 'handover-proposed', actor: caller.id, counterparty: request.toParty, dataSubjectId: subject }, now);
        return { handover };
      });
      if ('refused' in outcome) return refuse('regie.handover', caller.id, subject, outcome.reason, outcome.refused, trace, request.toParty);
      return handoverView(outcome.handover);
    },

    async decideHandover(principal, handoverId, body, trace) {
      const caller = agency(principal);
      const request = parseDecision(body);
      const known = await store.getRegieHandover(handoverId);
      // Only the party it is offered to may answer; to anyone else it does not exist.
      if (known === undefined || known.toParty !== caller.id) throw noSuchHandover();
      const now = clock.now();
      const decided = await committer.run(async (tx): Promise<RegieHandover | undefined> => {
        const status = request.decision === 'accept' ? 'accepted' : 'declined';
        if (!(await tx.decideRegieHandover(handoverId, { status, decidedAt: now.getTime(), decidedBy: caller.id, note: request.note ?? null }))) return undefined;
        if (status === 'accepted') {
          const old = await tx.activeRegieForUpdate(known.subjectPseudonym);
          const successor: Regie = {
            id: randomUUID(), subjectPseudonym: known.subjectPseudonym, party: caller.id, contactFunction: known.contactFunction, legalBasis: old?.legalBasis ?? 'unknown',
            registeredBy: known.proposedBy, startedAt: now.getTime(), status: 'active', endedAt: null, endedBy: null, endReason: null, successorId: null,
          };
          if (old === undefined || old.id !== known.regieId) throw new GatewayError('conflict', { detail: 'the regie this handover was for has ended or changed; ask for a new proposal' });
          await tx.endRegie(old.id, { endedAt: now.getTime(), endedBy: caller.id, endReason: 'handed-over', successorId: successor.id });
          if (!(await tx.insertRegie(successor))) throw new GatewayError('conflict', { detail: 'the child has another active regie; ask for a new proposal' });
        }
        await audit(tx, trace, { action: 'regie.handover', outcome: status, reason: `handover-${status}`, actor: caller.id, counterparty: known.fromParty, dataSubjectId: known.subjectPseudonym }, now);
        // A signal the watchdog raised for the unanswered proposal closes with the answer.
        await closeSignals(tx, trace, [handoverId], caller.id, known.subjectPseudonym, now);
        return { ...known, status, decidedAt: now.getTime(), decidedBy: caller.id, note: request.note ?? null };
      });
      if (decided === undefined) throw new GatewayError('conflict', { detail: `this handover was already ${(await store.getRegieHandover(handoverId))?.status ?? 'decided'}` });
      return handoverView(decided);
    },

    async end(principal, body, trace) {
      const caller = agency(principal);
      const request = parseEnd(body);
      const subject = deps.pseudonymize(request.bsn);
      const now = clock.now();
      const refusal = await committer.run(async (tx): Promise<{ error: GatewayError; reason: string } | undefined> => {
        const regie = await tx.activeRegieForUpdate(subject);
        if (regie === undefined || !mayChange(regie, caller)) return { error: noRegie(), reason: regie === undefined ? 'no-regie' : 'not-entitled' };
        if ((await tx.openRegieHandover(subject)) !== undefined) return { error: new GatewayError('conflict', { detail: 'a handover is waiting for an answer: it is accepted or declined first' }), reason: 'handover-open' };
        await tx.endRegie(regie.id, { endedAt: now.getTime(), endedBy: caller.id, endReason: request.reason, successorId: null });
        await audit(tx, trace, { action: 'regie.end', outcome: 'ended', reason: request.reason, actor: caller.id, counterparty: regie.party, dataSubjectId: subject }, now);
        return undefined;
      });
      if (refusal !== undefined) return refuse('regie.end', caller.id, subject, refusal.reason, refusal.error, trace);
      return { ended: true };
    },
  };
}
