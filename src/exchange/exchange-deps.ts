import type { GatewayConfig } from '../config/config-types.ts';
import type { PartyRegistry } from '../config/party-registry.ts';
import type { Store } from '../store/store.ts';
import type { PolicyEngine } from '../../consent/policy-engine.ts';
import type { Pseudonymizer } from '../audit/pseudonym.ts';
import type { Clock } from '../kernel/clock.ts';
import type { Logger } from '../observability/logger.ts';
import type { GatewayMetrics } from '../observability/metrics.ts';
import type { GroupCommitter } from '../store/group-commit.ts';
import type { MessageValidator } from './message-validator-port.ts';
import type { IjwXmlSupport } from './ijw-xml-submission.ts';
import type { CarePathStep } from './care-path-step.ts';
import type { ReceiverCarries } from './adapter-coverage.ts';

/** Everything the exchange use cases need, passed in (conventions 5). */
export interface ExchangeDeps {
  readonly config: GatewayConfig;
  readonly parties: PartyRegistry;
  readonly validator: MessageValidator;
  readonly policy: PolicyEngine;
  readonly store: Store;
  readonly committer: GroupCommitter;
  readonly pseudonymize: Pseudonymizer;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly metrics: GatewayMetrics;
  /** Native iJw XML submissions and retour pairing; without it, XML bodies get 415. */
  readonly ijw?: IjwXmlSupport;
  /** Care paths: the iJw process rules and the facts they keep (absent: not judged, not kept). */
  readonly carePath?: CarePathStep;
  /** Whether the receiver's adapter can carry a message type (absent: not checked, as in unit tests). */
  readonly receiverCarries?: ReceiverCarries;
  /** Called after an allowed exchange is durable, so the dispatcher need not wait for its next poll. */
  readonly onEnqueued: () => void;
}
