// When the audit log cannot be written, nothing is accepted (architecture.md step 6: fail closed).
// The real SQLite store, with one fault injected: its audit insert fails.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createSqliteStore } from '../../src/store/sqlite/sqlite-store.ts';
import type { Store, StoreTx } from '../../src/store/store.ts';
import { createSubmitExchange } from '../../src/exchange/submit-exchange.ts';
import { createGroupCommitter } from '../../src/store/group-commit.ts';
import { createPartyRegistry } from '../../src/config/party-registry.ts';
import { createMessageValidator } from '../../src/validation/message-validator.ts';
import { createPolicyEngine, loadPolicyFile } from '../../consent/policy-engine.ts';
import { createPseudonymizer } from '../../src/audit/pseudonym.ts';
import { createLogger } from '../../src/observability/logger.ts';
import { createMetrics } from '../../src/observability/metrics.ts';
import { systemClock } from '../../src/kernel/clock.ts';
import { GatewayError, isGatewayError } from '../../src/kernel/gateway-error.ts';
import { repoRoot } from '../../src/kernel/repo-root.ts';
import { traceFromHeader } from '../../src/kernel/trace-context.ts';
import { writeTestConfig } from '../support/test-gateway.ts';

function withFailingAudit(store: Store): Store {
  return new Proxy(store, {
    get(target, prop, receiver) {
      if (prop !== 'transaction') return Reflect.get(target, prop, receiver) as unknown;
      return <T>(fn: (tx: StoreTx) => Promise<T>) =>
        target.transaction((tx) =>
          fn(new Proxy(tx, {
            get(t, p, r) {
              if (p === 'insertAudit') return () => Promise.reject(new GatewayError('audit-write-failed', { detail: 'disk full (injected)' }));
              return Reflect.get(t, p, r) as unknown;
            },
          })),
        );
    },
  });
}

describe('fail closed', () => {
  it('when the audit record cannot be written, then the exchange is refused with 503 and no exchange or outbox row exists', async () => {
    const cfg = writeTestConfig();
    const real = createSqliteStore({ file: ':memory:' });
    await real.migrate();
    const store = withFailingAudit(real);
    const submit = createSubmitExchange({
      config: cfg.config,
      parties: createPartyRegistry(cfg.config.parties),
      validator: createMessageValidator(),
      policy: createPolicyEngine(loadPolicyFile(resolve(repoRoot, 'consent/policy.default.json'))),
      store,
      committer: createGroupCommitter(store, { maxBatch: 8, maxWaitMs: 0 }),
      pseudonymize: createPseudonymizer(cfg.config.pseudonymSecret),
      clock: systemClock,
      logger: createLogger({ level: 'error', silent: true }),
      metrics: createMetrics(),
      onEnqueued: () => undefined,
    });
    const message = JSON.parse(readFileSync(resolve(repoRoot, 'config/demo-messages/jw315.json'), 'utf8')) as unknown;
    const body = Buffer.from(JSON.stringify({ messageType: 'JW315', receiver: 'gemeente-diemen', purpose: 'verzoek-toewijzing', message }));
    const error = await submit({ party: cfg.config.parties.find((p) => p.id === 'jeugdhulp-de-brug')!, contentType: 'application/json', body, trace: traceFromHeader(undefined) }).catch((e: unknown) => e);
    expect(isGatewayError(error) && error.code).toBe('audit-write-failed');
    expect((error as GatewayError).status).toBe(503);
    expect(await real.listExchanges({ party: 'jeugdhulp-de-brug', limit: 10 })).toEqual([]);
    expect(await real.countOutbox()).toEqual({ pending: 0, delivered: 0, dead: 0, cancelled: 0 });
    await real.close();
    cfg.cleanup();
  });
});
