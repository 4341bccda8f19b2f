// The HTTP edge: express 5 translating HTTP to the framework-free use cases and back. Nothing here
// decides anything; this file only composes the middleware and one router per area, in the order that
// gives each request its context, then its principal, then its route, then its problem+json answer.

import express from 'express';
import type { TokenVerifier } from '../auth/tokens.ts';
import type { SubmitExchange } from '../exchange/submit-exchange.ts';
import type { ExplainExchange } from '../exchange/explain-exchange.ts';
import type { IjwRetourAnswers } from '../exchange/ijw-retour-answer.ts';
import type { ExchangeQueries } from '../exchange/exchange-queries.ts';
import type { DeadLetters } from '../exchange/dead-letters.ts';
import type { ChainVerification } from '../audit/audit-log.ts';
import type { AuditExport } from '../audit/audit-export.ts';
import type { Logger } from '../observability/logger.ts';
import type { GatewayMetrics } from '../observability/metrics.ts';
import type { ConsentRegistry } from '../privacy/consent-registry.ts';
import type { PrivacyOfficer } from '../privacy/privacy-officer.ts';
import type { SubjectAccessReports } from '../privacy/subject-access-reports.ts';
import type { Scheduler } from '../scheduler/scheduler.ts';
import type { Store } from '../store/store.ts';
import type { OperatorTraffic } from '../exchange/operator-traffic.ts';
import type { AdmitSubmission } from '../exchange/back-pressure.ts';
import { createRequestContext } from './request-context.ts';
import { createAuthentication } from './authenticate.ts';
import { createHealthRoutes, openApiPath, publishOpenApi } from './health-routes.ts';
import { createExchangeRoutes } from './exchange-routes.ts';
import { createInboxRoutes } from './inbox-routes.ts';
import { createSignalRoutes } from './signal-routes.ts';
import { createSubscriptionRoutes } from './subscription-routes.ts';
import type { Subscriptions } from '../exchange/subscriptions.ts';
import type { SignalQueries } from '../exchange/signals.ts';
import { createAuditRoutes } from './audit-routes.ts';
import { createConsentRoutes } from './consent-routes.ts';
import { createRegieRoutes } from './regie-routes.ts';
import type { RegieRegister } from '../regie/regie-register.ts';
import { createPrivacyRoutes } from './privacy-routes.ts';
import type { ConsentOverview } from '../privacy/consent-overview.ts';
import type { DecisionStatisticsReader } from '../privacy/decision-statistics.ts';
import { createScheduleRoutes } from './schedule-routes.ts';
import { createDeadLetterRoutes } from './dead-letter-routes.ts';
import { createPolicyRoutes } from './policy-routes.ts';
import { createOperatorRoutes } from './operator-routes.ts';
import type { ConfigReload } from '../exchange/config-reload.ts';
import { createStatisticsRoutes } from './statistics-routes.ts';
import type { WaitingTimeStatistics } from '../statistics/waiting-time-statistics.ts';
import { createProblemHandler, methodNotAllowed, noSuchRoute } from './problem-responses.ts';
import { createConsoleAssetsRouter, type ConsoleAssetsOptions } from './console-assets.ts';
import { createConsoleAuthRoutes, type ConsoleAuthDeps } from './console-auth-routes.ts';

/** What the operator and staff audit routes work with. */
export interface OperatorRouteDeps {
  readonly scheduler: Scheduler;
  readonly deadLetters: DeadLetters;
  readonly auditExport: AuditExport;
  readonly store: Store;
  /** The message log, receivers (with pause and resume) and statistics. */
  readonly traffic: OperatorTraffic;
  /** The public key that verifies audit checkpoints (a JWK), or undefined when none is configured. */
  readonly signingKey: Readonly<Record<string, string>> | undefined;
  /** Reloading the configuration file (POST /v1/operator/config/reload; SIGHUP does the same). */
  readonly configReload: ConfigReload;
}

export interface AppDeps {
  readonly bodyLimitBytes: number;
  readonly verifier: TokenVerifier;
  readonly submitExchange: SubmitExchange;
  readonly explainExchange: ExplainExchange;
  readonly statistics: WaitingTimeStatistics;
  readonly queries: ExchangeQueries;
  /** Care-path signals for the parties concerned (GET /v1/signals, acknowledgement). */
  readonly signals: SignalQueries;
  /** Status callbacks: a party's subscriptions to events about its own exchanges (/v1/subscriptions). */
  readonly subscriptions: Subscriptions;
  readonly consents: ConsentRegistry;
  /** The regie register (/v1/regie). */
  readonly regie: RegieRegister;
  readonly privacy: PrivacyOfficer;
  readonly consentOverview: ConsentOverview;
  readonly decisionStatistics: DecisionStatisticsReader;
  readonly subjectAccessReports: SubjectAccessReports;
  readonly maxJsonDepth: number;
  readonly verifyAuditChain: () => Promise<ChainVerification>;
  readonly ready: () => Promise<boolean>;
  readonly isShuttingDown: () => boolean;
  readonly openApiDocument: () => unknown;
  readonly logger: Logger;
  readonly metrics: GatewayMetrics;
  /** iJw retours as the answer to a submission (Accept: application/xml); absent: JSON answers only. */
  readonly retours?: IjwRetourAnswers;
  readonly operator: OperatorRouteDeps;
  /** Per-party rate limits (rate-limit.ts), after authentication; absent: none. */
  readonly rateLimit?: express.RequestHandler;
  /** Back-pressure on submissions (exchange/back-pressure.ts); absent: none. */
  readonly admitSubmission?: AdmitSubmission;
  /** The staff console at /console and its sessions; absent: no console (API only). */
  readonly console?: { readonly assets: ConsoleAssetsOptions; readonly auth: ConsoleAuthDeps };
}

export function createApp(deps: AppDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.set('query parser', 'simple');

  app.use(createRequestContext(deps.metrics));
  app.use(createHealthRoutes(deps));
  app.get(openApiPath, publishOpenApi(deps.openApiDocument));

  if (deps.console !== undefined) {
    app.use(createConsoleAssetsRouter(deps.console.assets));
    app.use(createConsoleAuthRoutes(deps.console.auth));
  }

  // Every other /v1 route needs a bearer token of a known party or staff member, or a console session.
  const sessionAuth = deps.console === undefined ? undefined : { sessions: deps.console.auth.sessions, now: deps.console.auth.now, publicUrl: deps.console.auth.publicUrl };
  app.use('/v1', createAuthentication(deps.verifier, sessionAuth));
  if (deps.rateLimit !== undefined) app.use('/v1', deps.rateLimit);
  app.use(createExchangeRoutes(deps));
  app.use(createInboxRoutes(deps));
  app.use(createSignalRoutes(deps));
  app.use(createSubscriptionRoutes(deps));
  app.use(createAuditRoutes({
    queries: deps.queries,
    verifyAuditChain: deps.verifyAuditChain,
    auditExport: deps.operator.auditExport,
    store: deps.operator.store,
    signingKey: deps.operator.signingKey,
  }));
  app.use(createConsentRoutes(deps));
  app.use(createRegieRoutes(deps));
  app.use(createPrivacyRoutes(deps));
  app.use(createPolicyRoutes(deps));
  app.use(createStatisticsRoutes(deps));
  app.use(createScheduleRoutes(deps.operator));
  app.use(createDeadLetterRoutes(deps.operator));
  app.use(createOperatorRoutes(deps.operator));

  // The OpenAPI document is public, but its other methods are answered like any /v1 path: after
  // authentication. On the app itself, next to its GET, so that OPTIONS gets the 405 too.
  app.all(openApiPath, methodNotAllowed('GET'));
  app.use(noSuchRoute);
  app.use(createProblemHandler(deps.logger));
  return app;
}
