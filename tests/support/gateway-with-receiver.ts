// The set-up many integration suites share: a fake receiver, a test config whose parties deliver to it,
// and the gateway built in-process on that config (no background jobs, quiet log). `close()` ends all
// three, the gateway first.
import { buildGateway, type GatewayParts } from '../../src/gateway.ts';
import type { Clock } from '../../src/kernel/clock.ts';
import { createLogger } from '../../src/observability/logger.ts';
import { startFakeReceiver, type FakeReceiver } from './fake-receiver.ts';
import { writeTestConfig, type TestConfig } from './test-gateway.ts';

export interface GatewayWithReceiver {
  readonly receiver: FakeReceiver;
  readonly cfg: TestConfig;
  readonly gw: GatewayParts;
  close(): Promise<void>;
}

export async function startGatewayWithReceiver(options: { readonly clock?: Clock } = {}): Promise<GatewayWithReceiver> {
  const receiver = await startFakeReceiver();
  const cfg = writeTestConfig({ receiverUrl: receiver.url });
  const gw = await buildGateway(cfg.config, { background: false, ...(options.clock !== undefined ? { clock: options.clock } : {}), logger: createLogger({ level: 'error', silent: true }) });
  return {
    receiver,
    cfg,
    gw,
    async close() {
      await gw.close();
      await receiver.close();
      cfg.cleanup();
    },
  };
}
