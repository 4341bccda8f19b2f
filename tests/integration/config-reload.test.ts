// Reloading the configuration without a restart (issue 13): POST /v1/operator/config/reload (and
// SIGHUP, tests/e2e/config-reload-sighup.test.ts). The file is checked completely first; a bad file,
// or one that changes a start-up-only setting, leaves the running configuration untouched and the
// answer lists every error; each reload is audited. Through the HTTP API of a gateway on SQLite.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import request from 'supertest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildGateway, type GatewayParts } from '../../src/gateway.ts';
import { loadConfig } from '../../src/config/load-config.ts';
import { createLogger } from '../../src/observability/logger.ts';
import { repoRoot } from '../../src/kernel/repo-root.ts';
import { generateAgencyKeyPair, type AgencyKeyPair } from '../../src/auth/agency-keys.ts';
import { signPartyToken } from '../../src/auth/tokens.ts';
import { writeTestConfig, type TestConfig } from '../support/test-gateway.ts';
import { assertConformsToOpenApi, documentedOperations } from '../support/openapi-conformance.ts';
import { isConfigPath } from '../support/operator-paths.ts';

const jw315 = JSON.parse(readFileSync(resolve(repoRoot, 'config/demo-messages/jw315.json'), 'utf8')) as Record<string, unknown>;
const logger = createLogger({ level: 'error', silent: true });

type RawConfig = Record<string, unknown> & { parties: Record<string, unknown>[]; policyFile: string; delivery: Record<string, unknown> };

let cfg: TestConfig;
let gw: GatewayParts;

beforeEach(async () => {
  cfg = writeTestConfig();
  gw = await buildGateway(cfg.config, { background: false, logger, loadConfig: () => loadConfig(cfg.file, {}) });
});

afterEach(async () => {
  await gw.close();
  cfg.cleanup();
});

const readRaw = (): RawConfig => JSON.parse(readFileSync(cfg.file, 'utf8')) as RawConfig;
const writeRaw = (raw: unknown): void => { writeFileSync(cfg.file, typeof raw === 'string' ? raw : JSON.stringify(raw, null, 2)); };
const operator = (): string => cfg.token('operator-demo');
const exercised = new Set<string>();
/** The reload call; every answer is checked against openapi.yaml. */
const reload = async (token = operator()): Promise<request.Response> => {
  const res = await request(gw.app).post('/v1/operator/config/reload').set({ authorization: `Bearer ${token}` });
  const match = assertConformsToOpenApi('POST', '/v1/operator/config/reload', { status: res.status, headers: res.headers, body: res.body, text: res.text });
  exercised.add(`${match.method} ${match.pathTemplate}`);
  return res;
};
const submit = (token: string, receiver = 'gemeente-diemen'): request.Test =>
  request(gw.app)
    .post('/v1/exchanges')
    .set({ authorization: `Bearer ${token}`, 'content-type': 'application/json' })
    .send(JSON.stringify({ messageType: 'JW315', receiver, purpose: 'verzoek-toewijzing', message: jw315 }));
const ownExchanges = (token: string): request.Test => request(gw.app).get('/v1/exchanges').set({ authorization: `Bearer ${token}` });
const tokenOf = (pair: AgencyKeyPair, partyId: string): string =>
  signPartyToken({ partyId, key: pair.privateKey, kid: pair.kid, algorithm: pair.algorithm, audience: cfg.config.gateway.audience, lifetimeSeconds: 300 });
const newProvider = (pair: AgencyKeyPair): Record<string, unknown> => ({
  id: 'jeugdhulp-nieuw', role: 'aanbieder', name: 'Jeugdhulp Nieuw', identifiers: { agb: '42420077' }, adapter: { kind: 'inbox' }, jwks: { keys: [pair.publicJwk] },
});
const reloadRecords = async (): Promise<readonly { outcome: string; actor: string; detail?: string | undefined }[]> =>
  (await gw.store.listAudit({ limit: 500 })).filter((r) => r.action === 'config.reload');

describe('reloading the configuration through the operator API', () => {
  it('when a party is added to the file and an operator reloads, then the new party signs in at once and the reload is audited', async () => {
    const pair = generateAgencyKeyPair('jeugdhulp-nieuw', 'ES256', new Date());
    expect((await ownExchanges(tokenOf(pair, 'jeugdhulp-nieuw'))).status).toBe(401);
    const raw = readRaw();
    writeRaw({ ...raw, parties: [...raw.parties, newProvider(pair)] });

    const answer = await reload();
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ outcome: 'reloaded', file: cfg.file, changes: { parties: { added: ['jeugdhulp-nieuw'], removed: [], changed: [] }, staff: { added: [], removed: [], changed: [] }, policy: { changed: false } } });
    expect((await ownExchanges(tokenOf(pair, 'jeugdhulp-nieuw'))).status).toBe(200);
    expect(await reloadRecords()).toEqual([expect.objectContaining({ outcome: 'reloaded', actor: 'operator-demo', detail: expect.stringContaining('parties added jeugdhulp-nieuw') })]);
  });

  it('when the file is unchanged, then the answer says unchanged and it is still audited', async () => {
    const answer = await reload();
    expect(answer.status).toBe(200);
    expect(answer.body.outcome).toBe('unchanged');
    expect(await reloadRecords()).toEqual([expect.objectContaining({ outcome: 'reloaded', detail: expect.stringContaining('no changes') })]);
  });

  it('when a reload disables a party, then its token used a moment before is refused (401 party-disabled) and nothing more can be sent to it', async () => {
    const diemen = cfg.token('gemeente-diemen');
    expect((await ownExchanges(diemen)).status).toBe(200);
    const raw = readRaw();
    writeRaw({ ...raw, parties: raw.parties.map((p) => (p.id === 'gemeente-diemen' ? { ...p, disabled: true } : p)) });
    expect((await reload()).body.changes.parties.changed).toEqual(['gemeente-diemen']);

    const own = await ownExchanges(diemen);
    expect(own.status).toBe(401);
    expect(own.body.code).toBe('party-disabled');
    const refused = await submit(cfg.token('jeugdhulp-de-brug'));
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('receiver-disabled');
  });

  it('when a delivery was queued before a reload disabled its receiver, then it is not delivered but dead-lettered saying why', async () => {
    const accepted = await submit(cfg.token('jeugdhulp-de-brug'));
    expect(accepted.status).toBe(202);
    const raw = readRaw();
    writeRaw({ ...raw, parties: raw.parties.map((p) => (p.id === 'gemeente-diemen' ? { ...p, disabled: true } : p)) });
    expect((await reload()).status).toBe(200);
    await gw.dispatcher.runOnce();
    const audit = await gw.store.listAudit({ exchangeId: accepted.body.exchangeId as string, limit: 10 });
    expect(audit.find((r) => r.action === 'delivery.attempt')).toMatchObject({ outcome: 'dead-letter', detail: expect.stringContaining('"gemeente-diemen" is disabled') });
  });

  it('when the file breaks the schema in several places, then 422 config-reload-refused lists every error with its pointer and nothing changes', async () => {
    const pair = generateAgencyKeyPair('jeugdhulp-nieuw', 'ES256', new Date());
    const raw = readRaw();
    const broken = { ...newProvider(pair), identifiers: { agb: '123' } };
    writeRaw({ ...raw, parties: [...raw.parties.map((p) => (p.id === 'gemeente-diemen' ? { ...p, disabled: true } : p)), broken], delivery: { ...raw.delivery, maxAttempts: 'three' } });

    const answer = await reload();
    expect(answer.status).toBe(422);
    expect(answer.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(answer.body.code).toBe('config-reload-refused');
    const pointers = (answer.body.errors as { pointer: string }[]).map((e) => e.pointer);
    expect(pointers).toEqual(expect.arrayContaining(['/delivery/maxAttempts', `/parties/${raw.parties.length}/identifiers/agb`]));
    // Untouched: Diemen is still enabled, the new party unknown.
    expect((await ownExchanges(cfg.token('gemeente-diemen'))).status).toBe(200);
    expect((await ownExchanges(tokenOf(pair, 'jeugdhulp-nieuw'))).status).toBe(401);
    expect(await reloadRecords()).toEqual([expect.objectContaining({ outcome: 'refused', actor: 'operator-demo', detail: expect.stringContaining('/delivery/maxAttempts') })]);
  });

  it('when the file is not JSON at all, then 422 saying so and the gateway goes on as it was', async () => {
    writeRaw('{ "parties": [');
    const answer = await reload();
    expect(answer.status).toBe(422);
    expect(answer.body.errors[0].detail).toMatch(/cannot read config/);
    expect((await submit(cfg.token('jeugdhulp-de-brug'))).status).toBe(202);
  });

  it('when the file changes a start-up-only setting next to a new party, then the whole reload is refused naming that setting', async () => {
    const pair = generateAgencyKeyPair('jeugdhulp-nieuw', 'ES256', new Date());
    const raw = readRaw();
    writeRaw({ ...raw, parties: [...raw.parties, newProvider(pair)], delivery: { ...raw.delivery, maxAttempts: 7 } });
    const answer = await reload();
    expect(answer.status).toBe(422);
    expect(answer.body.errors).toEqual([{ pointer: '/delivery/maxAttempts', detail: expect.stringContaining('needs a restart') }]);
    expect((await ownExchanges(tokenOf(pair, 'jeugdhulp-nieuw'))).status).toBe(401);
  });

  it('when the policy file drops the rule for a message, then after the reload it is refused by default deny, and restored it goes again', async () => {
    const policy = JSON.parse(readFileSync(cfg.config.policyFile, 'utf8')) as { version: string; rules: { id: string }[] };
    const narrowed = join(cfg.dir, 'policy.json');
    writeFileSync(narrowed, JSON.stringify({ ...policy, version: `${policy.version}-zonder-verzoek`, rules: policy.rules.filter((r) => r.id !== 'ijw-verzoek-toewijzing') }));
    const raw = readRaw();
    writeRaw({ ...raw, policyFile: narrowed });
    const answer = await reload();
    expect(answer.status).toBe(200);
    expect(answer.body.changes.policy).toEqual({ from: policy.version, to: `${policy.version}-zonder-verzoek`, changed: true });
    const refused = await submit(cfg.token('jeugdhulp-de-brug'));
    expect(refused.status).toBe(403);
    expect(refused.body.reason).toBe('no-legal-basis');

    writeRaw(raw);
    expect((await reload()).body.changes.policy.changed).toBe(true);
    expect((await submit(cfg.token('jeugdhulp-de-brug'))).status).toBe(202);
  });

  it('when the new parties and the policy disagree (an adapter that cannot carry what the policy lets reach it), then refused with the start-up check\'s reason', async () => {
    const raw = readRaw();
    writeRaw({ ...raw, parties: raw.parties.map((p) => (p.id === 'zorgaanbieder-horizon' ? { ...p, adapter: { kind: 'fhir', endpoint: 'http://127.0.0.1:9/fhir' } } : p)) });
    const answer = await reload();
    expect(answer.status).toBe(422);
    expect(answer.body.errors.map((e: { detail: string }) => e.detail).join('\n')).toMatch(/"zorgaanbieder-horizon", whose adapter "fhir" cannot carry/);
  });

  it('when a party names an adapter the gateway does not have, then refused with its pointer', async () => {
    const raw = readRaw();
    const at = raw.parties.findIndex((p) => p.id === 'zorgaanbieder-horizon');
    writeRaw({ ...raw, parties: raw.parties.map((p) => (p.id === 'zorgaanbieder-horizon' ? { ...p, adapter: { kind: 'telex' } } : p)) });
    const answer = await reload();
    expect(answer.status).toBe(422);
    expect(answer.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ pointer: expect.stringMatching(new RegExp(`^/parties/${at}/adapter`)) })]));
  });

  it('when an agency or a privacy officer asks for a reload, then 403; with a body, then 400; nothing is reloaded', async () => {
    expect((await reload(cfg.token('gemeente-diemen'))).status).toBe(403);
    expect((await reload(cfg.token('privacy-officer-demo'))).status).toBe(403);
    const withBody = await request(gw.app).post('/v1/operator/config/reload').set({ authorization: `Bearer ${operator()}`, 'content-type': 'application/json' }).send('{"file":"/etc/passwd"}');
    expect(withBody.status).toBe(400);
    expect(await reloadRecords()).toEqual([]);
  });

  it('when two reloads are asked at once, then they run one after the other and both are audited', async () => {
    const [a, b] = await Promise.all([reload(), reload()]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(await reloadRecords()).toHaveLength(2);
  });

  it('then every documented /v1/operator/config operation has been exercised by this suite', () => {
    const missing = documentedOperations().filter((op) => isConfigPath(op.pathTemplate) && !exercised.has(`${op.method} ${op.pathTemplate}`));
    expect(missing).toEqual([]);
  });
});
