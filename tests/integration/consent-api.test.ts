// Legal basis and consent through HTTP (supertest against the real app, SQLite on disk, a real
// receiver on 127.0.0.1, a fixed clock so the child's age is known). The whole flow:
// a consent-based exchange (Jw 7.3.11 lid 1) is refused without consent, allowed with the right
// givers for the child's age, refused again after revocation with its pending delivery cancelled; a
// statutory JW301 goes without consent; an override lands in the review queue; the subject-access
// export lists exactly these exchanges; the receiver gets only the allowed fields. Then the bad input
// the issue lists, and the privacy officer's reads, each audited. Every response is checked against
// openapi.yaml.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import type { GatewayParts } from '../../src/gateway.ts';
import type { Clock } from '../../src/kernel/clock.ts';
import type { TestConfig } from '../support/test-gateway.ts';
import type { FakeReceiver } from '../support/fake-receiver.ts';
import { assertConformsToOpenApi } from '../support/openapi-conformance.ts';
import { CHILD, OTHER_CHILD, fullCasusinformatie, minimalMessage } from '../support/keten-messages.ts';
import { readDemoMessage } from '../support/ijw-fixtures.ts';
import { startGatewayWithReceiver, type GatewayWithReceiver } from '../support/gateway-with-receiver.ts';

/** The exchange day is fixed (the child's age is known); each reading moves on by a second, so order is stable. */
class SteppingClock implements Clock {
  constructor(private ms: number) {}
  now(): Date {
    this.ms += 1_000;
    return new Date(this.ms);
  }
}

let receiver: FakeReceiver;
let cfg: TestConfig;
let gw: GatewayParts;
let setup: GatewayWithReceiver;

const PROVIDER = 'jeugdhulp-de-brug';
const SCHOOL = 'school-de-regenboog';
const OFFICER = 'privacy-officer-demo';
const justification = 'Acuut gevaar: het kind vertelde vandaag over geweld thuis en de ouders zijn niet bereikbaar.';

const auth = (party: string): Record<string, string> => ({ authorization: `Bearer ${cfg.token(party)}` });
const conform = (method: string, path: string, res: request.Response): request.Response => {
  assertConformsToOpenApi(method, path, { status: res.status, headers: res.headers, body: res.body, text: res.text });
  return res;
};
const post = async (path: string, party: string, body: unknown): Promise<request.Response> =>
  conform('POST', path, await request(gw.app).post(path).set({ ...auth(party), 'content-type': 'application/json' }).send(JSON.stringify(body)));
const get = async (path: string, party: string): Promise<request.Response> => conform('GET', path, await request(gw.app).get(path).set(auth(party)));

const casus = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  messageType: 'Casusinformatie',
  receiver: SCHOOL,
  purpose: 'overdracht-hulpverlening',
  message: fullCasusinformatie(),
  ...extra,
});
const submit = (body: unknown, party = PROVIDER): Promise<request.Response> => post('/v1/exchanges', party, body);

const registration = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  bsn: CHILD.bsn,
  givers: [{ capacity: 'child', reference: 'Lotte' }, { capacity: 'custodial-parent', reference: 'moeder' }],
  custodianCount: 1,
  scope: { purposes: ['overdracht-hulpverlening'], receivers: { roles: ['school'] }, dataCategories: ['basisgegevens', 'hulpverlening'] },
  givenOn: '2026-11-20',
  validFrom: '2026-11-20',
  validUntil: '2027-11-19',
  evidence: { reference: 'dossier 2026-0412, toestemmingsformulier', form: 'written' },
  ...extra,
});

async function chain(): Promise<Record<string, any>[]> {
  return await gw.store.readAuditChain(1, 1_000_000);
}

async function lastAudit(): Promise<Record<string, any>> {
  return (await chain()).at(-1)!;
}

beforeAll(async () => {
  setup = await startGatewayWithReceiver({ clock: new SteppingClock(Date.parse('2026-11-23T10:00:00Z')) });
  ({ receiver, cfg, gw } = setup);
});

afterAll(() => setup.close());

describe('a consent-based exchange, end to end through HTTP (Jw 7.3.11 lid 1; the child is 13)', () => {
  const ids: Record<string, string> = {};

  it('when no consent is registered, then it is refused: consent-missing, naming the rule and its legal basis, and nothing more', async () => {
    const res = await submit(casus());
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ code: 'policy-denied', reason: 'consent-missing', rule: 'overdracht-hulpverlening@1', legalBasis: 'jw-7.3.11-lid-1' });
    expect(Object.keys(res.body).sort()).toEqual(['code', 'detail', 'exchangeId', 'instance', 'legalBasis', 'reason', 'rule', 'status', 'title', 'traceId', 'type']);
    ids.missing = res.body.exchangeId;
  });

  it('when only the custodian consented, then the age rule refuses it (from 12 the child consents too)', async () => {
    const parentOnly = await post('/v1/consents', PROVIDER, registration({ givers: [{ capacity: 'custodial-parent', reference: 'moeder' }] }));
    expect(parentOnly.status).toBe(201);
    ids.parentConsent = parentOnly.body.id;
    const res = await submit(casus());
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ reason: 'age-rule', rule: 'overdracht-hulpverlening@1' });
    expect(res.body.detail).toMatch(/the child and the custodians/);
    ids.ageRule = res.body.exchangeId;
    // The parent's registration is withdrawn again; nothing rested on it.
    const withdrawn = await post(`/v1/consents/${ids.parentConsent}/revocation`, PROVIDER, {});
    expect(withdrawn.body).toMatchObject({ consent: { status: 'revoked' }, cancelledExchanges: [] });
  });

  it('when the child and its custodian consented, then it is allowed on that consent, and the receiver gets only the fields the rule and the consent release', async () => {
    const consent = await post('/v1/consents', PROVIDER, registration());
    expect(consent.status).toBe(201);
    expect(consent.body).toMatchObject({ kind: 'permit', status: 'active', registeredBy: PROVIDER, scope: { senders: [PROVIDER] } });
    expect(JSON.stringify(consent.body)).not.toContain(CHILD.bsn);
    ids.consent = consent.body.id;

    const res = await submit(casus());
    expect(res.status).toBe(202);
    expect(res.body.decision).toMatchObject({ outcome: 'allow', reason: 'consent-given', legalBasis: 'jw-7.3.11-lid-1', consentIds: [ids.consent], ageBand: '12-15', processingActivityId: 'pa.jh.overdracht-met-toestemming' });
    ids.delivered = res.body.exchangeId;

    await gw.dispatcher.runOnce();
    await receiver.waitFor(1);
    const arrived = receiver.received.find((r) => (r.json as { exchangeId?: string }).exchangeId === ids.delivered)!;
    expect(arrived.url).toBe(`/${SCHOOL}`);
    const full = fullCasusinformatie();
    // Only the rule's fields, and of the data categories only the consented ones: no diagnosis, no
    // safety section, never the internal note.
    expect((arrived.json as { message: unknown }).message).toStrictEqual({ Kind: full.Kind, Basisgegevens: full.Basisgegevens, Hulpverlening: full.Hulpverlening, Contactpersoon: full.Contactpersoon });
    const audit = (await gw.store.listAudit({ exchangeId: ids.delivered, limit: 10 }))[0]!;
    expect(audit.releasedFields).toEqual(res.body.decision.releasedFields);
    expect(audit.releasedFields).not.toContain('/Diagnostiek/Diagnose');
    expect(audit.releasedFields).not.toContain('/Toelichting');
  });

  it('when the consent is revoked, then the pending delivery that rested on it is cancelled in the same step, and a new exchange is refused as revoked', async () => {
    const pending = await submit(casus());
    expect(pending.status).toBe(202);
    ids.cancelled = pending.body.exchangeId;
    const before = receiver.received.length;

    const revoked = await post(`/v1/consents/${ids.consent}/revocation`, PROVIDER, { revokedBy: { capacity: 'child', reference: 'Lotte' }, reason: 'Wil niet dat school dit weet.' });
    expect(revoked.status).toBe(200);
    expect(revoked.body.cancelledExchanges).toEqual([ids.cancelled]);
    expect(revoked.body.consent).toMatchObject({ status: 'revoked', revocation: { recordedBy: PROVIDER, revokedBy: { capacity: 'child' } } });

    const status = await get(`/v1/exchanges/${ids.cancelled}`, PROVIDER);
    expect(status.body).toMatchObject({ status: 'cancelled', reason: 'consent-revoked' });
    expect(status.body.history.map((h: { action: string; outcome: string }) => `${h.action}:${h.outcome}`)).toEqual(['exchange.submit:allowed', 'delivery.cancel:cancelled']);
    expect(await gw.store.getOutbox(ids.cancelled!)).toMatchObject({ status: 'cancelled', payload: null });
    // The delivered one stays delivered (earlier processing stays lawful, AVG art. 7(3)).
    expect((await get(`/v1/exchanges/${ids.delivered}`, PROVIDER)).body.status).toBe('delivered');
    // The dispatcher finds nothing to send.
    await gw.dispatcher.runOnce();
    expect(receiver.received.length).toBe(before);

    const again = await submit(casus());
    expect(again.status).toBe(403);
    expect(again.body).toMatchObject({ reason: 'consent-revoked', rule: 'overdracht-hulpverlening@1' });
    ids.revoked = again.body.exchangeId;

    expect((await post(`/v1/consents/${ids.consent}/revocation`, PROVIDER, {})).status).toBe(409);
  });

  it('when the municipality assigns care (JW301) for the same child, then it goes through on its statutory basis without any consent', async () => {
    const jw301 = readDemoMessage('jw301.json');
    jw301.Client.Bsn = CHILD.bsn;
    const res = await submit({ messageType: 'JW301', receiver: PROVIDER, purpose: 'toewijzing', message: jw301 }, 'gemeente-diemen');
    expect(res.status).toBe(202);
    expect(res.body.decision).toMatchObject({ outcome: 'allow', reason: 'rule-allows', rule: { id: 'ijw-toewijzing' }, legalBasis: 'jw-7.4.0-lid-1', consentIds: [] });
    ids.statutory = res.body.exchangeId;
  });

  it('when the provider overrides the missing consent for acute danger, then it goes through, on the override basis, and lands in the review queue', async () => {
    const res = await submit(casus({ override: { reasonCode: 'acuut-gevaar', justification } }));
    expect(res.status).toBe(202);
    expect(res.body.decision).toMatchObject({ reason: 'override-used', legalBasis: 'conflict-van-plichten', override: { reasonCode: 'acuut-gevaar' } });
    ids.override = res.body.exchangeId;
    const audit = (await gw.store.listAudit({ exchangeId: ids.override, limit: 10 }))[0]!;
    expect(audit.detail).toBe('override: acuut-gevaar');
    expect(JSON.stringify(audit)).not.toContain('geweld');

    const queue = await get('/v1/privacy/reviews?status=pending', OFFICER);
    expect(queue.body.items).toEqual([expect.objectContaining({ exchangeId: ids.override, sender: PROVIDER, receiver: SCHOOL, reasonCode: 'acuut-gevaar', justification, status: 'pending', rule: 'overdracht-hulpverlening@1' })]);
    expect((await lastAudit())).toMatchObject({ action: 'privacy.read', actor: OFFICER, detail: 'review-queue (pending)' });

    const verdict = await post(`/v1/privacy/reviews/${ids.override}`, OFFICER, { verdict: 'justified', note: 'Acuut gevaar aannemelijk; melding Veilig Thuis volgt.' });
    expect(verdict.body).toMatchObject({ status: 'justified', reviewedBy: OFFICER });
    expect(await lastAudit()).toMatchObject({ action: 'override.review', outcome: 'justified', exchangeId: ids.override, actor: OFFICER });
    expect((await post(`/v1/privacy/reviews/${ids.override}`, OFFICER, { verdict: 'not-justified', note: 'x' })).status).toBe(409);
    expect((await get('/v1/privacy/reviews?status=pending', OFFICER)).body.items).toEqual([]);
    expect((await get('/v1/privacy/reviews?status=justified', OFFICER)).body.items.map((r: { exchangeId: string }) => r.exchangeId)).toEqual([ids.override]);
  });

  it('when the privacy officer exports the child\'s data (AVG art. 15), then it lists exactly these exchanges, with basis, fields and consent or override', async () => {
    const res = await post('/v1/privacy/subject-access-export', OFFICER, { bsn: CHILD.bsn });
    expect(res.status).toBe(200);
    const listed = res.body.exchanges.map((e: { exchangeId: string }) => e.exchangeId);
    expect(listed).toEqual([ids.missing, ids.ageRule, ids.delivered, ids.cancelled, ids.revoked, ids.statutory, ids.override]);
    const byId = new Map(res.body.exchanges.map((e: Record<string, any>) => [e.exchangeId, e]));
    expect(byId.get(ids.delivered)).toMatchObject({ sender: PROVIDER, receiver: SCHOOL, purpose: 'overdracht-hulpverlening', status: 'delivered', consentIds: [ids.consent], legalBasis: { id: 'jw-7.3.11-lid-1', citation: 'AVG 6(1)(a)/(e), 9(2)(a)/(h); Jw 7.3.11 lid 1' } });
    expect((byId.get(ids.delivered) as Record<string, any>).releasedFields).toContain('/Hulpverlening/Doelen');
    expect(byId.get(ids.cancelled)).toMatchObject({ status: 'cancelled', reason: 'consent-given' });
    expect(byId.get(ids.statutory)).toMatchObject({ sender: 'gemeente-diemen', legalBasis: { id: 'jw-7.4.0-lid-1' }, consentIds: [] });
    expect(byId.get(ids.override)).toMatchObject({ override: { reasonCode: 'acuut-gevaar', justification, review: { status: 'justified', reviewedBy: OFFICER } }, legalBasis: { id: 'conflict-van-plichten' } });
    expect(byId.get(ids.missing)).toMatchObject({ status: 'refused', outcome: 'deny', reason: 'consent-missing', releasedFields: [] });
    expect(res.body.consents.map((c: { id: string; status: string }) => [c.id, c.status])).toEqual([[ids.parentConsent, 'revoked'], [ids.consent, 'revoked']]);
    expect(await lastAudit()).toMatchObject({ action: 'privacy.read', actor: OFFICER, dataSubjectId: res.body.subject.dataSubjectId, detail: 'subject-access-export: 7 exchanges, 2 consents' });
    // Another child's export does not list them.
    expect((await post('/v1/privacy/subject-access-export', OFFICER, { bsn: OTHER_CHILD.bsn })).body.exchanges).toEqual([]);
  });

  it('then the raw BSN appears in no audit record, and the chain verifies', async () => {
    expect(JSON.stringify(await chain())).not.toContain(CHILD.bsn);
    const verification = await get('/v1/privacy/audit-verification', OFFICER);
    expect(verification.body).toMatchObject({ ok: true, firstBroken: null });
    expect(await lastAudit()).toMatchObject({ action: 'privacy.read', actor: OFFICER, detail: 'chain-verification: whole' });
  });
});

describe('revocation racing submissions', () => {
  it('when twenty submissions and a revocation run at once, then none stays queued on the revoked consent: each is refused or cancelled', async () => {
    const other = { bsn: OTHER_CHILD.bsn, birthDate: OTHER_CHILD.birthDate };
    const consent = await post('/v1/consents', PROVIDER, registration({ bsn: other.bsn, custodianCount: 2, givers: [{ capacity: 'custodial-parent', reference: 'moeder' }, { capacity: 'custodial-parent', reference: 'vader' }] }));
    expect(consent.status).toBe(201);
    const body = casus({ message: fullCasusinformatie(other.bsn, other.birthDate) });
    const later = <T>(ms: number, run: () => Promise<T>): Promise<T> => new Promise((resolve, reject) => setTimeout(() => { run().then(resolve, reject); }, ms));
    // Spread over ~60 ms with the revocation in the middle, so some land before it and some after.
    const submissions = Array.from({ length: 20 }, (_, i) => later(i * 3, () => submit(body)));
    const revocation = later(30, () => post(`/v1/consents/${consent.body.id}/revocation`, PROVIDER, {}));
    const results = await Promise.all(submissions);
    const revoked = await revocation;
    expect(revoked.status).toBe(200);
    const accepted = results.filter((r) => r.status === 202).map((r) => r.body.exchangeId as string);
    const refused = results.filter((r) => r.status === 403);
    expect(accepted.length + refused.length).toBe(20);
    for (const r of refused) expect(r.body.reason).toBe('consent-revoked');
    expect([...revoked.body.cancelledExchanges].sort()).toEqual([...accepted].sort());
    for (const id of accepted) expect((await gw.store.getExchange(id))?.status).toBe('cancelled');
  });
});

describe('the privacy officer reads, each audited', () => {
  it('when the officer reads a child\'s consent log by BSN, then it comes through the pseudonym, and the read is recorded with it', async () => {
    const res = await post('/v1/privacy/consent-log', OFFICER, { bsn: CHILD.bsn });
    expect(res.body.consents.length).toBe(2);
    expect(res.body.consents.every((c: { status: string }) => c.status === 'revoked')).toBe(true);
    expect(await lastAudit()).toMatchObject({ action: 'privacy.read', outcome: 'read', actor: OFFICER, dataSubjectId: res.body.dataSubjectId, dataSubjectIdType: 'bsn-pseudonym', detail: 'consent-log' });
  });

  it('when the officer searches the audit trail by child, party, purpose, outcome and period, then the filters combine', async () => {
    const bySubject = await post('/v1/privacy/audit-search', OFFICER, { bsn: CHILD.bsn, purpose: 'overdracht-hulpverlening', outcome: 'refused', party: SCHOOL, from: '2026-11-23T00:00:00Z', to: '2026-11-24T00:00:00Z' });
    expect(bySubject.body.items.map((r: { reason: string }) => r.reason)).toEqual(['consent-missing', 'age-rule', 'consent-revoked']);
    expect(bySubject.body.items.every((r: Record<string, unknown>) => r.action === 'exchange.submit' && r.counterparty === SCHOOL)).toBe(true);
    expect(await lastAudit()).toMatchObject({ action: 'privacy.read', detail: 'audit-search by from,outcome,party,purpose,to' });
    const cancellations = await post('/v1/privacy/audit-search', OFFICER, { bsn: CHILD.bsn, action: 'delivery.cancel' });
    expect(cancellations.body.items).toHaveLength(1);
    expect((await post('/v1/privacy/audit-search', OFFICER, { bsn: CHILD.bsn, to: '2026-11-23T00:00:00Z' })).body.items).toEqual([]);
    const paged = await post('/v1/privacy/audit-search', OFFICER, { bsn: CHILD.bsn, limit: 2 });
    expect(paged.body.items).toHaveLength(2);
    expect((await post('/v1/privacy/audit-search', OFFICER, { bsn: CHILD.bsn, limit: 2, afterSeq: paged.body.next })).body.items[0].seq).toBeGreaterThan(paged.body.next);
  });

  it('when the officer filters on an operator action or outcome the audit log records (e.g. schedule.run, purged), then 200, not 400; an unknown action stays 400', async () => {
    // Regression: the search schema listed only the first ten actions and twelve outcomes of the audit record.
    expect((await post('/v1/privacy/audit-search', OFFICER, { bsn: CHILD.bsn, action: 'schedule.run' })).status).toBe(200);
    expect((await post('/v1/privacy/audit-search', OFFICER, { bsn: CHILD.bsn, outcome: 'purged' })).status).toBe(200);
    expect((await post('/v1/privacy/audit-search', OFFICER, { bsn: CHILD.bsn, action: 'schedule.nap' })).status).toBe(400);
  });

  it('when an agency or an operator calls a privacy-officer route, then 403; when the officer registers a consent, 403', async () => {
    for (const party of [PROVIDER, 'operator-demo']) {
      expect((await post('/v1/privacy/consent-log', party, { bsn: CHILD.bsn })).status).toBe(403);
      expect((await get('/v1/privacy/reviews', party)).status).toBe(403);
    }
    expect((await post('/v1/consents', OFFICER, registration())).status).toBe(403);
  });

  it('when an agency reads another agency\'s consent, then 404; the registering agency and the officer may, and the reads are audited', async () => {
    const created = await post('/v1/consents', PROVIDER, registration({ bsn: OTHER_CHILD.bsn, givers: [{ capacity: 'custodial-parent', reference: 'vader' }] }));
    expect((await get(`/v1/consents/${created.body.id}`, 'zorgaanbieder-horizon')).status).toBe(404);
    expect((await post(`/v1/consents/${created.body.id}/revocation`, 'zorgaanbieder-horizon', {})).status).toBe(404);
    expect((await get(`/v1/consents/${created.body.id}`, OFFICER)).body.id).toBe(created.body.id);
    expect(await lastAudit()).toMatchObject({ action: 'consent.read', actor: OFFICER, consentIds: [created.body.id] });
    expect((await get(`/v1/consents/${created.body.id}`, PROVIDER)).status).toBe(200);
    expect((await get('/v1/consents', PROVIDER)).body.items.map((c: { id: string }) => c.id)).toContain(created.body.id);
    expect((await get('/v1/consents', 'zorgaanbieder-horizon')).body.items).toEqual([]);
    // A privacy officer may record a revocation too (a parent may call the FG).
    expect((await post(`/v1/consents/${created.body.id}/revocation`, OFFICER, { revokedBy: { capacity: 'custodial-parent', reference: 'vader' } })).body.consent.revocation.recordedBy).toBe(OFFICER);
  });
});

describe('bad input: refused with every problem named, nothing half written', () => {
  async function expectNothingWritten(send: () => Promise<request.Response>, status: number): Promise<request.Response> {
    const before = { audit: (await chain()).length, consents: (await gw.store.listConsents({ registeredBy: PROVIDER, limit: 10_000 })).length };
    const res = await send();
    expect(res.status, JSON.stringify(res.body)).toBe(status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect((await gw.store.listConsents({ registeredBy: PROVIDER, limit: 10_000 })).length).toBe(before.consents);
    return Object.assign(res, { auditGrew: (await chain()).length - before.audit });
  }
  const pointers = (res: request.Response): string[] => res.body.errors.map((e: { pointer: string }) => e.pointer);

  it('when a consent\'s dates are in the wrong order, then 400 naming each date', async () => {
    const res = await expectNothingWritten(() => post('/v1/consents', PROVIDER, registration({ validFrom: '2026-11-20', validUntil: '2026-11-01', givenOn: '2026-11-21' })), 400);
    expect(pointers(res).sort()).toEqual(['/validFrom', '/validUntil']);
  });

  it('when a giver is not a custodian, then 400 saying so at that giver', async () => {
    const res = await expectNothingWritten(() => post('/v1/consents', PROVIDER, registration({ givers: [{ capacity: 'child', reference: 'Lotte' }, { capacity: 'foster-parent', reference: 'pleegmoeder' }] })), 400);
    expect(res.body.errors).toEqual([expect.objectContaining({ pointer: '/givers/1/capacity', detail: expect.stringMatching(/not a custodian/) })]);
  });

  it('when the scope names an unknown purpose, or one that rests on a statutory basis, then 400 at each', async () => {
    const res = await expectNothingWritten(() => post('/v1/consents', PROVIDER, registration({ scope: { purposes: ['marketing', 'toewijzing'], receivers: { roles: ['school'] } } })), 400);
    expect(res.body.errors).toEqual([
      expect.objectContaining({ pointer: '/scope/purposes/0', detail: expect.stringMatching(/unknown purpose "marketing"/) }),
      expect.objectContaining({ pointer: '/scope/purposes/1', detail: expect.stringMatching(/statutory/) }),
    ]);
  });

  it('when several things are wrong at once (BSN, receivers, data category, incompetent child consenting), then all are listed', async () => {
    const res = await expectNothingWritten(
      () =>
        post('/v1/consents', PROVIDER, {
          ...registration({ bsn: '123456789' }),
          scope: { purposes: ['overdracht-hulpverlening'], receivers: {}, dataCategories: ['dossier'] },
          capacityAssessment: { competent: false, assessedBy: 'GZ-psycholoog', assessedOn: '2026-11-19', decision: 'overdracht aan school' },
        }),
      400,
    );
    expect(pointers(res)).toEqual(expect.arrayContaining(['/bsn', '/scope/receivers']));
    const semantic = await expectNothingWritten(
      () =>
        post('/v1/consents', PROVIDER, {
          ...registration(),
          scope: { purposes: ['overdracht-hulpverlening'], receivers: { parties: ['school-nergens'] }, dataCategories: ['dossier'] },
          capacityAssessment: { competent: false, assessedBy: 'GZ-psycholoog', assessedOn: '2026-11-19', decision: 'overdracht aan school' },
        }),
      400,
    );
    expect(pointers(semantic).sort()).toEqual(['/givers/0', '/scope/dataCategories/0', '/scope/receivers/parties/0']);
  });

  it('when a registration tries to cover another party\'s disclosures, then 400: a consent waives the registering party\'s own secrecy', async () => {
    const res = await expectNothingWritten(() => post('/v1/consents', PROVIDER, registration({ scope: { purposes: ['overdracht-hulpverlening'], senders: ['zorgaanbieder-horizon'], receivers: { roles: ['school'] } } })), 400);
    expect(pointers(res)).toEqual(['/scope/senders']);
  });

  it('when a consent body is not JSON or not a JSON type, then 400 or 415', async () => {
    const broken = await expectNothingWritten(async () => conform('POST', '/v1/consents', await request(gw.app).post('/v1/consents').set({ ...auth(PROVIDER), 'content-type': 'application/json' }).send('{"bsn":')), 400);
    expect(broken.body.code).toBe('invalid-json');
    await expectNothingWritten(async () => conform('POST', '/v1/consents', await request(gw.app).post('/v1/consents').set({ ...auth(PROVIDER), 'content-type': 'text/plain' }).send('bsn')), 415);
  });

  it('when an override comes without a justification, then 400 and no exchange is decided', async () => {
    const count = async (): Promise<number> => (await gw.store.listExchanges({ party: PROVIDER, limit: 10_000 })).length;
    const before = await count();
    const res = await submit(casus({ override: { reasonCode: 'acuut-gevaar' } }));
    expect(res.status).toBe(400);
    expect(pointers(res)).toEqual(['/override/justification']);
    expect(await count()).toBe(before);
    expect(await lastAudit()).toMatchObject({ action: 'exchange.submit', outcome: 'refused', reason: 'invalid-input' });
    const short = await submit(casus({ override: { reasonCode: 'acuut-gevaar', justification: 'spoed' } }));
    expect(pointers(short)).toEqual(['/override/justification']);
  });

  it('when an override justification is only spaces, single letters or punctuation, then 400 at /override/justification and nothing is decided', async () => {
    const count = async (): Promise<number> => (await gw.store.listExchanges({ party: PROVIDER, limit: 10_000 })).length;
    const before = await count();
    for (const justification of [' '.repeat(40), 'x x x x x x x x x x x x x x x x x x x x x', '.....................!!!!!!', '\u200b'.repeat(25) + 'spoed geval nu']) {
      const res = await submit(casus({ override: { reasonCode: 'acuut-gevaar', justification } }));
      expect(res.status, JSON.stringify(justification)).toBe(400);
      expect(pointers(res)).toEqual(['/override/justification']);
      expect(res.body.errors[0].detail).toMatch(/at least 20 characters other than spaces and at least 3 words/);
    }
    expect(await count()).toBe(before);
  });

  it('when an override names a reason code the rule does not, then 403 override-not-allowed, and nothing enters the review queue', async () => {
    const res = await submit(casus({ override: { reasonCode: 'spoed', justification } }));
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ reason: 'override-not-allowed', rule: 'overdracht-hulpverlening@1' });
    expect((await get('/v1/privacy/reviews?status=pending', OFFICER)).body.items).toEqual([]);
  });

  it('when a review note is missing or the verdict unknown, then 400 listing both', async () => {
    const res = await post(`/v1/privacy/reviews/${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)}`, OFFICER, { verdict: 'misschien' });
    expect(res.status).toBe(400);
    expect(pointers(res).sort()).toEqual(['/note', '/verdict']);
  });

  it('when a privacy search names an unknown outcome or a malformed period, then 400', async () => {
    const res = await post('/v1/privacy/audit-search', OFFICER, { outcome: 'maybe', from: 'yesterday', extra: 1 });
    expect(pointers(res).sort()).toEqual(['/extra', '/from', '/outcome']);
  });
});

describe('the justice chain and Veilig Thuis through HTTP', () => {
  const vto = (gemeentecode: string): Record<string, unknown> => ({
    messageType: 'VerzoekTotOnderzoek',
    receiver: 'raad-kinderbescherming',
    purpose: 'verzoek-tot-onderzoek',
    subject: { bsn: CHILD.bsn, birthDate: CHILD.birthDate },
    message: { ...minimalMessage('VerzoekTotOnderzoek'), BetrokkenGemeente: { Gemeentecode: gemeentecode } },
  });

  it("when the Raad notifies about an investigation, then it reaches the party that sent this child's VTO and the college, and not another party of that role (row 11)", async () => {
    const notice = (receiver: string): Record<string, unknown> => ({
      messageType: 'NotificatieIntake',
      receiver,
      purpose: 'notificatie-jeugdbescherming',
      subject: { bsn: CHILD.bsn, birthDate: CHILD.birthDate },
      message: minimalMessage('NotificatieIntake'),
    });
    // Before any VTO for this child: only the college.
    expect((await submit(notice('gi-jeugdbescherming-west'), 'raad-kinderbescherming')).body).toMatchObject({ reason: 'precondition-not-met', precondition: 'verzoeker-van-dit-kind' });
    expect((await submit(vto('0384'), 'gi-jeugdbescherming-west')).status).toBe(202);
    const toRequester = await submit(notice('gi-jeugdbescherming-west'), 'raad-kinderbescherming');
    expect(toRequester.status).toBe(202);
    expect(toRequester.body.decision).toMatchObject({ rule: { id: 'raad-notificatie-verzoeker' } });
    expect((await submit(notice('gemeente-diemen'), 'raad-kinderbescherming')).status).toBe(202);
    // Veilig Thuis did not ask about this child: it is not told.
    const toOther = await submit(notice('veilig-thuis-amsterdam'), 'raad-kinderbescherming');
    expect(toOther.status).toBe(403);
    expect(toOther.body).toMatchObject({ reason: 'precondition-not-met', precondition: 'verzoeker-van-dit-kind' });
  });

  it('when a GI asks the Raad for an investigation, then the college is told by a second exchange of its own, minimised to case, requester and children', async () => {
    const res = await submit(vto('0384'), 'gi-jeugdbescherming-west');
    expect(res.status).toBe(202);
    expect(res.body.decision).toMatchObject({ rule: { id: 'vto-ketenpartner' }, legalBasis: 'jw-3.1-lid-1', sideEffects: [{ kind: 'notify', receiver: 'gemeente-diemen', messageType: 'KennisgevingVerzoekTotOnderzoek', purpose: 'kennisgeving-vto' }] });
    const noticeId = res.body.decision.sideEffects[0].exchangeId as string;
    const notice = await get(`/v1/exchanges/${noticeId}`, 'gemeente-diemen');
    expect(notice.body).toMatchObject({ sender: 'gi-jeugdbescherming-west', receiver: 'gemeente-diemen', status: 'queued', decision: { rule: { id: 'vto-kennisgeving-college' }, legalBasis: 'jw-3.1-lid-4' } });
    expect(notice.body.history[0]).toMatchObject({ action: 'exchange.submit', outcome: 'allowed', detail: expect.stringContaining(res.body.exchangeId) });
    await gw.dispatcher.runOnce();
    const arrived = receiver.received.find((r) => (r.json as { exchangeId?: string }).exchangeId === noticeId)!;
    expect(Object.keys((arrived.json as { message: Record<string, unknown> }).message).sort()).toEqual(['BetrokkenGemeente', 'Casus', 'Kinderen', 'Verzoeker']);
  });

  it('when the college to be told is not a known party, then 422 pointing at its code, and neither exchange is written', async () => {
    const before = (await gw.store.listExchanges({ party: 'gi-jeugdbescherming-west', limit: 1000 })).length;
    const res = await submit(vto('9999'), 'gi-jeugdbescherming-west');
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([expect.objectContaining({ pointer: '/message/BetrokkenGemeente/Gemeentecode' })]);
    expect((await gw.store.listExchanges({ party: 'gi-jeugdbescherming-west', limit: 1000 })).length).toBe(before);
  });

  it('when Veilig Thuis sends a terugkoppeling, then only the party that reported this child gets it, and more than the steps taken is 403 field-not-allowed naming the fields (not their values)', async () => {
    const terugkoppeling = (message: Record<string, unknown>) => submit({ messageType: 'VeiligThuisTerugkoppeling', receiver: SCHOOL, purpose: 'terugkoppeling-melder', subject: { bsn: CHILD.bsn }, message }, 'veilig-thuis-amsterdam');
    // Only to the melder (row 18): before the school reported this child, it is not told anything.
    expect((await terugkoppeling(minimalMessage('VeiligThuisTerugkoppeling'))).body).toMatchObject({ reason: 'precondition-not-met', precondition: 'melder-van-dit-kind' });
    const melding = await submit({ messageType: 'VeiligThuisMelding', receiver: 'veilig-thuis-amsterdam', purpose: 'melding-hgkm', subject: { bsn: CHILD.bsn }, message: minimalMessage('VeiligThuisMelding') }, SCHOOL);
    expect(melding.status).toBe(202);
    expect((await terugkoppeling(minimalMessage('VeiligThuisTerugkoppeling'))).status).toBe(202);
    const res = await terugkoppeling({ ...minimalMessage('VeiligThuisTerugkoppeling'), Toelichting: 'Vader is agressief.' });
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ reason: 'field-not-allowed', disallowedFields: ['/Toelichting'], rule: 'veilig-thuis-terugkoppeling@2' });
    expect(JSON.stringify(res.body)).not.toContain('agressief');
  });

  it('when a school gives a GI information for an OTS that has ended, then 403 precondition-not-met names the precondition', async () => {
    const message = minimalMessage('InformatieverstrekkingOts');
    message.Maatregel.Einddatum = '2026-10-31';
    const res = await submit({ messageType: 'InformatieverstrekkingOts', receiver: 'gi-jeugdbescherming-west', purpose: 'uitvoering-ots', message }, SCHOOL);
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ reason: 'precondition-not-met', precondition: 'ots-actief', legalBasis: 'jw-7.3.11-lid-4' });
  });

  it('when the envelope names another child than the message, then 400', async () => {
    const res = await submit({ ...casus(), subject: { bsn: OTHER_CHILD.bsn } });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ pointer: '/subject/bsn', detail: 'differs from /message/Kind/Bsn' })]);
  });
});
