// The process-rule cases through the HTTP API: a RuleHarness that judges every message in memory (the
// reference, CarePathHarness) and submits it to a real gateway (care paths on, with the case's rule
// modes, terms and migration setting; the clock at the message's instant), as a JSON envelope or as
// native iJw XML, and fails unless the gateway answers exactly as the reference decided:
// - accepted: 202, one exchange, its audit record naming the rules the reference warns about (warn
//   mode, migration); as JSON, those warnings in the answer; as XML with a technical retour, the
//   retour with 0200 on every class;
// - refused: 422 and nothing of the message kept (no exchange, no outbox row, no care-path fact); as JSON (or XML of a type without a
//   retour) problem+json care-path-rule with the reference's refusals as errors (rule, retourcode,
//   pointer, detail, in order); as XML with a retour, that retour with each
//   refusal's retourcode on the innermost class holding its pointer, and no other rejecting code;
// - refused under KP002 only (a retour from a party its heen message was not delivered to): 400
//   invalid-input from the retour pairing, which judges before the care path, naming KP002.
// Every retour must be valid against its XSD: checked with xmllint once per retour type after the cases
// (RuleCoverage.invalidRetours; one xmllint process per retour took a fifth of the suite's time).
// Each harness is a gateway of its own (~40 ms to start on SQLite), so a case sees only its own
// messages, as in memory. What went through is recorded per format (RuleCoverage): the rule codes the
// gateway refused, and the rules whose valid case ({ keeps }) it accepted.
import { expect } from 'vitest';
import { PROCESS_RULES } from '../../src/care-path/process-rules.ts';
import type { ProcessFinding } from '../../src/care-path/evaluate-message.ts';
import type { CarePathMemory } from '../../src/care-path/care-path-memory.ts';
import { CarePathHarness, checkKeeps, partiesFromHeader, type HarnessSettings, type MakeHarness, type Outcome, type RuleHarness, type SubmitOptions } from './care-path-fixtures.ts';
import { retourCodes, startCarePathGateway, submitJson, submitXml, type CarePathGateway } from './care-path-api.ts';
import { xmllintValidateMany, xsdOf } from './xmllint.ts';
import { elementPath } from '../../src/exchange/ijw-xml-submission.ts';

type Msg = Record<string, any>;
export type Format = 'json' | 'xml';

/** Codes that do not reject a class of a retour: 0200 geen opmerking, 0233 niet beoordeeld. */
const NOT_REJECTING = new Set(['0200', '0233']);

/** What went through the HTTP API in one format. */
export class RuleCoverage {
  readonly refused = new Set<string>();
  readonly kept = new Set<string>();
  /** The signal rules the gateway raised a signal for at once (a message that breaks them). */
  readonly signalled = new Set<string>();
  /** Every retour the gateway answered with, checked against its XSD in one xmllint run per type. */
  readonly retours: { retourType: string; xml: string; test: string }[] = [];

  /** The retours that are not valid against their XSD (the test that got each, and xmllint's output). */
  invalidRetours(): string[] {
    const out: string[] = [];
    for (const retourType of new Set(this.retours.map((r) => r.retourType))) {
      const of = this.retours.filter((r) => r.retourType === retourType);
      const { invalid, output } = xmllintValidateMany(of.map((r) => r.xml), xsdOf(retourType));
      for (const i of invalid) out.push(`${retourType} in "${of[i]!.test}": ${output}`);
    }
    return out;
  }

  /**
   * The refusal rules of the registry without a refused or a kept case through the API. A bedrijfsregel
   * carried out by technical rules (via) counts through any of them: its findings are theirs.
   */
  missing(): { refused: string[]; kept: string[]; signalled: string[] } {
    const rules = PROCESS_RULES.filter((r) => r.enforcement === 'refusal');
    const covered = (seen: ReadonlySet<string>, code: string, via: readonly string[] = []): boolean => seen.has(code) || via.some((v) => seen.has(v));
    return {
      refused: rules.filter((r) => !covered(this.refused, r.code, r.via)).map((r) => r.code),
      kept: rules.filter((r) => !covered(this.kept, r.code, r.via)).map((r) => r.code),
      // The signal rules a message can break (those the watchdog raises on a term are not among them).
      signalled: PROCESS_RULES.filter((r) => r.enforcement === 'signal' && r.onMessage === true && !this.signalled.has(r.code)).map((r) => r.code),
    };
  }
}

const RULE_TEXTS = new Map(PROCESS_RULES.map((r) => [r.code, r.text]));
/** A refusal as the gateway answers it: with the rule's Dutch wording, and for XML the element path. */
const asError = (f: ProcessFinding, prefix: string): Record<string, unknown> => ({
  pointer: `${prefix}${f.pointer}`,
  detail: f.detail,
  rule: f.rule,
  ...(RULE_TEXTS.has(f.rule) ? { ruleText: RULE_TEXTS.get(f.rule) } : {}),
  ...(f.retourcode !== undefined ? { retourcode: f.retourcode } : {}),
  ...(prefix === '' ? { path: elementPath(f.pointer) } : {}),
});
const asWarning = (f: ProcessFinding): Record<string, unknown> => ({ pointer: f.pointer, detail: f.detail, rule: f.rule, ...(f.retourcode !== undefined ? { retourcode: f.retourcode } : {}), migration: f.migration, ...(f.signal === true ? { signal: true } : {}) });
const within = (pointer: string, container: string): boolean => pointer === container || pointer.startsWith(`${container}/`);
const sorted = (codes: readonly string[]): string[] => [...codes].sort();

class Mismatch extends Error {}

/** What the gateway answered, short: a retour by its codes per class, else the body. */
function answerOf(res: { status: number; text?: string; body?: unknown }): string {
  if (typeof res.text === 'string' && res.text.startsWith('<')) {
    try {
      return `retour ${JSON.stringify(retourCodes(res.text).filter((r) => r.code !== '0200'))}`;
    } catch {
      return res.text.slice(0, 2000);
    }
  }
  return JSON.stringify(res.body).slice(0, 3000);
}

function fail(type: string, format: Format, what: string, res: { status: number; text?: string; body?: unknown }, reference: Outcome): never {
  throw new Mismatch(`${type} as ${format}: ${what}\nreference: ${JSON.stringify({ accepted: reference.accepted, refusals: reference.refusals, warnings: reference.warnings })}\ngateway ${res.status}: ${answerOf(res)}`);
}

/** The retour's RetourCodes per class; the retour is kept for the XSD check (RuleCoverage.invalidRetours). */
function readRetour(coverage: RuleCoverage, res: { text: string; headers: Record<string, string> }): Map<string, string[]> {
  coverage.retours.push({ retourType: res.headers['ijw-message-type'] ?? '', xml: res.text, test: expect.getState().currentTestName ?? '' });
  const byClass = new Map<string, string[]>();
  for (const { pointer, code } of retourCodes(res.text)) byClass.set(pointer, [...(byClass.get(pointer) ?? []), code]);
  return byClass;
}

class HttpRuleHarness implements RuleHarness {
  constructor(
    private readonly reference: CarePathHarness,
    private readonly g: CarePathGateway,
    private readonly format: Format,
    private readonly coverage: RuleCoverage,
  ) {}

  get store(): CarePathMemory {
    return this.reference.store;
  }

  pseudonym(bsn: string): string {
    return this.reference.pseudonym(bsn);
  }

  submit(type: string, message: Msg, at: string, options: SubmitOptions = {}): Promise<Outcome> {
    const { sender, receiver } = partiesFromHeader(type, message);
    return this.submitAs(type, message, at, sender, receiver, options);
  }

  async submitAs(type: string, message: Msg, at: string, senderParty: string, receiverParty: string, options: SubmitOptions = {}): Promise<Outcome> {
    const { format, g } = this;
    // The reference first (it checks the case's own claims, { keeps }); the gateway must agree with it.
    const reference = await this.reference.submitAs(type, structuredClone(message), at, senderParty, receiverParty);
    if (format === 'xml' && receiverParty !== partiesFromHeader(type, message).receiver) {
      throw new Error(`an XML ${type} names its receiver in its header; this case sends it to ${receiverParty}`);
    }
    g.clock.set(at);
    const exchanges = async (): Promise<number> => (await g.gw.store.listExchanges({ party: senderParty, limit: 1000 })).length;
    // What a refused message must leave as it was: the exchanges, the outbox and the care-path facts.
    const kept = async (): Promise<string> => JSON.stringify([await exchanges(), await g.gw.store.countOutbox(), await g.gw.store.carePathHistory()]);
    const before = await exchanges();
    const keptBefore = reference.accepted ? '' : await kept();
    const res = format === 'json' ? await submitJson(g, type, message, senderParty, receiverParty) : await submitXml(g, type, message, senderParty);
    const xmlAnswer = (res.headers['content-type'] ?? '').startsWith('application/xml');
    const prefix = format === 'json' ? '/message' : '';
    if (reference.accepted) {
      if (res.status !== 202) fail(type, format, 'the reference accepts it, the gateway does not', res, reference);
      if (xmlAnswer) {
        const byClass = readRetour(this.coverage, res);
        const codes = [...byClass.values()].flat();
        if (codes.length === 0 || codes.some((c) => c !== '0200')) fail(type, format, 'an accepted message gets 0200 on every class of its retour', res, reference);
      } else if (JSON.stringify(res.body.warnings ?? []) !== JSON.stringify(reference.warnings.map(asWarning))) {
        fail(type, format, 'the warnings in the 202 answer differ from the reference', res, reference);
      }
      if ((await exchanges()) !== before + 1) fail(type, format, 'an accepted message makes one exchange', res, reference);
      // The warnings are audited by rule code with the exchange: the one place a sender that gets a
      // retour (0200, which rejects nothing) can find them.
      const exchangeId = xmlAnswer ? res.headers['exchange-id'] : res.body?.exchangeId;
      const audited = (await g.gw.store.listAudit({ exchangeId, limit: 10 })).find((r) => r.action === 'exchange.submit');
      const rules = [...new Set(reference.warnings.map((w) => (w.migration ? `${w.rule} (migration)` : w.rule)))];
      if (audited === undefined) fail(type, format, 'an accepted exchange has its exchange.submit audit record', res, reference);
      if (audited.detail !== (rules.length > 0 ? `care path: accepted with warnings ${rules.join(', ')}` : undefined)) {
        fail(type, format, `the audit record of the accepted exchange says ${JSON.stringify(audited.detail)}, the reference warns ${JSON.stringify(rules)}`, res, reference);
      }
      // A bedrijfsregel without a retourcode that the message breaks: a signal owed by the sender, for this exchange.
      for (const w of reference.warnings.filter((f) => f.signal === true)) {
        const raised = (await g.gw.store.listSignals({ party: senderParty, rule: w.rule, limit: 1000 })).filter((s) => s.refs.exchangeId === exchangeId && s.key.endsWith(`:${w.rule}:${w.pointer}`));
        if (raised.length !== 1 || raised[0]!.owedBy !== senderParty || raised[0]!.kind !== 'message-rule') fail(type, format, `the gateway raised no signal ${w.rule} at ${w.pointer} owed by ${senderParty}`, res, reference);
        this.coverage.signalled.add(w.rule);
      }
      for (const rule of options.keeps ?? []) this.coverage.kept.add(rule);
    } else if (reference.refusals.every((f) => f.rule === 'KP002')) {
      // A retour from a party its heen message was not delivered to: the retour pairing refuses it
      // before the care path judges (src/exchange/ijw-xml-submission.ts), naming the rule.
      const expected = [{ pointer: `${prefix}/Header/BerichtIdentificatie`, rule: 'KP002' }];
      const errors = (res.body?.errors ?? []) as { pointer: string; rule?: string }[];
      if (res.status !== 400 || res.body?.code !== 'invalid-input' || JSON.stringify(errors.map((e) => ({ pointer: e.pointer, rule: e.rule }))) !== JSON.stringify(expected)) {
        fail(type, format, `the retour pairing refuses a retour from another party than the heen message's receiver: 400 invalid-input with ${JSON.stringify(expected)}`, res, reference);
      }
      if ((await kept()) !== keptBefore) fail(type, format, 'a refused message leaves something behind (an exchange, an outbox row or a care-path fact)', res, reference);
      this.coverage.refused.add('KP002');
    } else {
      if (res.status !== 422) fail(type, format, 'the reference refuses it, the gateway does not answer 422', res, reference);
      if (xmlAnswer) {
        // Each refusal's retourcode on the innermost body class that holds its pointer (else the header).
        const byClass = readRetour(this.coverage, res);
        const classes = [...byClass.keys()].sort((a, b) => b.length - a.length);
        const expected = new Map<string, string[]>();
        for (const f of reference.refusals) {
          const slot = classes.find((c) => c !== '/Header' && within(f.pointer, c)) ?? '/Header';
          const code = f.retourcode ?? '0001';
          const list = expected.get(slot) ?? [];
          if (!list.includes(code)) list.push(code);
          expected.set(slot, list);
        }
        const actual = new Map([...byClass].map(([pointer, codes]) => [pointer, codes.filter((c) => !NOT_REJECTING.has(c))] as const).filter(([, codes]) => codes.length > 0));
        const show = (m: Map<string, string[]>): string => JSON.stringify([...m].map(([p, c]) => [p, sorted(c)]).sort());
        if (show(actual) !== show(expected)) fail(type, format, `the retour's rejecting codes ${show(actual)} are not the reference's ${show(expected)}`, res, reference);
      } else {
        if (res.body?.code !== 'care-path-rule') fail(type, format, 'a refusal by a process rule is problem+json care-path-rule', res, reference);
        if (JSON.stringify(res.body.errors) !== JSON.stringify(reference.refusals.map((f) => asError(f, prefix)))) fail(type, format, 'the errors differ from the reference refusals', res, reference);
      }
      if ((await kept()) !== keptBefore) fail(type, format, 'a refused message leaves something behind (an exchange, an outbox row or a care-path fact)', res, reference);
      for (const f of reference.refusals) this.coverage.refused.add(f.rule);
    }
    checkKeeps(type, reference, options.keeps);
    return reference;
  }
}

/** Harnesses on gateways of their own; close() stops every gateway made since the last close. */
export function httpHarnesses(format: Format, coverage: RuleCoverage): { make: MakeHarness; close(): Promise<void> } {
  const open: CarePathGateway[] = [];
  const make = async (settings: HarnessSettings = {}): Promise<RuleHarness> => {
    const migrationRequestDays = settings.migrationRequestDays ?? 0;
    const carePath = { migrationRequestDays, ...(settings.modes !== undefined ? { mode: settings.modes.mode, ...(settings.modes.rules !== undefined ? { rules: settings.modes.rules } : {}) } : {}), ...settings.terms };
    const g = await startCarePathGateway(carePath, {}, '2026-01-01T09:00:00+01:00');
    open.push(g);
    return new HttpRuleHarness(new CarePathHarness(settings.modes, settings.terms, migrationRequestDays), g, format, coverage);
  };
  return {
    make,
    close: async () => {
      await Promise.all(open.splice(0).map((g) => g.close()));
    },
  };
}
