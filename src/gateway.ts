// The composition root: every implementation is chosen and wired here, once (conventions 3 and 5).
// `buildGateway` returns the parts without listening (tests use the app with supertest);
// `startGateway` listens and returns a handle whose `stop` shuts down in reverse order.

import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import YAML from 'yaml';
import type { GatewayConfig, Party } from './config/config-types.ts';
import { createReloadablePartyRegistry } from './config/party-registry.ts';
import { loadConfig } from './config/load-config.ts';
import { createConfigReload, type ConfigReload } from './exchange/config-reload.ts';
import type { AdapterRegistry } from '../adapters/registry.ts';
import type { SourceRegistry } from '../adapters/source-registry.ts';
import type { GatewayOriginated, ReceiverCarries } from './exchange/adapter-coverage.ts';
import { isMemoryStoreUrl, openStore } from './store/open-store.ts';
import type { Store } from './store/store.ts';
import { createLogger, type Logger } from './observability/logger.ts';
import { createMetrics, type GatewayMetrics } from './observability/metrics.ts';
import { createTokenVerifier } from './auth/tokens.ts';
import { createPseudonymizer } from './audit/pseudonym.ts';
import { verifyAuditChain } from './audit/audit-log.ts';
import { oneAtATime } from './kernel/one-at-a-time.ts';
import { createFileWitness, type Witness } from './audit/witness.ts';
import { createHttpWitness } from './audit/http-witness.ts';
import { createReceiptIssuer } from './audit/receipts.ts';
import { createCheckpointPublisher } from './audit/checkpointing.ts';
import { createAutoCheckpointer, type AutoCheckpointer } from './audit/auto-checkpoint.ts';
import { systemClock, type Clock } from './kernel/clock.ts';
import { createGroupCommitter, type GroupCommitter } from './store/group-commit.ts';
import { createSubmitExchange } from './exchange/submit-exchange.ts';
import { createExplainExchange } from './exchange/explain-exchange.ts';
import { computeInTurns, createWaitingTimeStatistics } from './statistics/waiting-time-statistics.ts';
import { computeInWorker } from './workers/compute-in-worker.ts';
import { auditVerifyInWorker } from './workers/verify-segments-in-worker.ts';
import { regionLookup } from './statistics/statistics-view.ts';
import { createTermResolver } from './care-path/care-path-terms.ts';
import { createExchangeQueries } from './exchange/exchange-queries.ts';
import { createDispatcher, type Dispatcher } from './exchange/dispatcher.ts';
import { createMessageValidator } from './validation/message-validator.ts';
import { createPolicyEngine, createReloadablePolicyEngine, loadPolicyFile, type PolicyEngine } from '../consent/policy-engine.ts';
import { loadLegalBasisCatalogue } from '../consent/legal-basis-catalogue.ts';
import { checkPolicyAgainstSchemas } from './exchange/policy-startup-check.ts';
import { checkAdaptersCarryPolicy, partyTakes } from './exchange/adapter-coverage.ts';
import { createConsentNotices } from './exchange/consent-notices.ts';
import { createAdapterRegistry } from '../adapters/registry.ts';
import { createRestJsonAdapter } from '../adapters/rest-json/rest-json-adapter.ts';
import { createInboxAdapter } from '../adapters/inbox/inbox-adapter.ts';
import { createIjwCodec } from '../adapters/ijw-xml/ijw-codec.ts';
import { createIjwXmlAdapter } from '../adapters/ijw-xml/ijw-xml-adapter.ts';
import { createFhirAdapter } from '../adapters/fhir/fhir-adapter.ts';
import { loadIjwPurposes } from '../consent/ijw-purposes.ts';
import type { IjwXmlSupport } from './exchange/ijw-xml-submission.ts';
import { createIjwRetourAnswers } from './exchange/ijw-retour-answer.ts';
import { createCarePathStep } from './exchange/care-path-step.ts';
import { createSignalQueries } from './exchange/signals.ts';
import { createSubscriptions } from './exchange/subscriptions.ts';
import { createStatusCallbackAdapter } from '../adapters/status-callback/status-callback-adapter.ts';
import { dutchDate } from './kernel/clock.ts';
import { createApp } from './http/create-app.ts';
import { createHttpServer } from './http/http-server.ts';
import { createConsentRegistry } from './privacy/consent-registry.ts';
import { createRegieRegister } from './regie/regie-register.ts';
import { partyLookupOf } from './scheduler/jobs/regie-missing-signals.ts';
import { createDutchCalendar } from './kernel/dutch-working-days.ts';
import { createPrivacyOfficer } from './privacy/privacy-officer.ts';
import { createConsentOverview } from './privacy/consent-overview.ts';
import { createDecisionStatistics } from './privacy/decision-statistics.ts';
import { createSubjectAccessReports } from './privacy/subject-access-reports.ts';
import { createSourceRegistry } from '../adapters/source-registry.ts';
import { createIjwXmlFolderSource } from '../adapters/ijw-xml-folder/ijw-xml-folder-source.ts';
import { configuredCheckpointSigner, publicKeyFromJwk } from './audit/checkpoint-signing.ts';
import { createAuditExport } from './audit/audit-export.ts';
import { createDeadLetters } from './exchange/dead-letters.ts';
import { createOperatorTraffic } from './exchange/operator-traffic.ts';
import { purgeExpiredPayloads } from './exchange/purge-payloads.ts';
import { recordUnreadableRecord } from './exchange/record-unreadable-record.ts';
import { createCachedOutboxReading, registerOutboxGauges } from './observability/outbox-gauges.ts';
import { createAdmitSubmission } from './exchange/back-pressure.ts';
import { createRateLimit } from './http/rate-limit.ts';
import { createMetricsApp } from './http/metrics-app.ts';
import { createScheduler, type Scheduler } from './scheduler/scheduler.ts';
import { createStoreClusterLock } from './scheduler/store-cluster-lock.ts';
import { currentRunner } from './scheduler/runner-identity.ts';
import { createJobs } from './scheduler/jobs/all-jobs.ts';
import { repoRoot } from './kernel/repo-root.ts';
import { GatewayError } from './kernel/gateway-error.ts';
import { appendAudit } from './audit/audit-log.ts';
import { createStaffSessions, type StaffSession } from './auth/staff-sessions.ts';
import { createStaffSignIn, type StaffSignIn } from './auth/staff-sign-in.ts';
import type { TraceContext } from './kernel/trace-context.ts';
import { startupWarnings } from './config/startup-warnings.ts';

export interface GatewayParts {
  readonly config: GatewayConfig;
  readonly store: Store;
  readonly logger: Logger;
  readonly metrics: GatewayMetrics;
  readonly committer: GroupCommitter;
  readonly dispatcher: Dispatcher;
  readonly scheduler: Scheduler;
  readonly app: ReturnType<typeof createApp>;
  /** GET /metrics, served on config.metrics.port by startGateway (never on the API port). */
  readonly metricsApp: ReturnType<typeof createMetricsApp>;
  /** Reloads the configuration file (SIGHUP in `serve`, POST /v1/operator/config/reload). */
  readonly configReload: ConfigReload;
  /** Stops background work and closes the store (not the HTTP server: see startGateway). */
  close(): Promise<void>;
}

export interface BuildOptions {
  readonly logger?: Logger;
  readonly clock?: Clock;
  /** Start the dispatcher loop and maintenance timers (default true). Tests may drive runOnce instead. */
  readonly background?: boolean;
  /** How a reload reads the configuration (default: the file it came from, with this process's environment). */
  readonly loadConfig?: () => GatewayConfig;
}

let openApiCache: unknown;
function openApiDocument(): unknown {
  openApiCache ??= YAML.parse(readFileSync(resolve(repoRoot, 'openapi.yaml'), 'utf8'));
  return openApiCache;
}

export async function buildGateway(config: GatewayConfig, options: BuildOptions = {}): Promise<GatewayParts> {
  const logger = options.logger ?? createLogger({ level: config.log.level });
  const clock = options.clock ?? systemClock;
  const metrics = createMetrics();
  // The parties and the policy are the configuration a reload replaces (src/exchange/config-reload.ts):
  // every part holds these two objects, which always answer with what is in force.
  const parties = createReloadablePartyRegistry(config.parties, config.staff);
  const validator = createMessageValidator();
  // Fail at startup, not on the first message: policy and schemas are compiled now.
  const policy = createReloadablePolicyEngine(policyOf(config, validator));
  // iJw 3.2 XML: the codec, and the purpose of a native message by its type.
  const ijwCodec = createIjwCodec({ checkSchema: (type, message) => validator.validateMessage(type, message, dutchDate(clock.now())) });
  const ijwPurposes = loadIjwPurposes();
  const ijw: IjwXmlSupport = { codec: ijwCodec, purposeOf: (type) => ijwPurposes.get(type) };
  const pseudonymize = createPseudonymizer(config.pseudonymSecret);
  // Care paths: the process rules with their modes and the watchdog's terms (a rule code the gateway does not know stops it here).
  const carePath = createCarePathStep({ config: config.carePath, parties, pseudonymize });
  const store = await openStore(config.store.url, { onWarning: (message) => { logger.warn(message); } });
  await store.migrate();
  // One group-commit batch in flight, on PostgreSQL too: every batch takes the audit chain's lock, so
  // concurrent batches commit one after the other anyway; measured with 3 in flight on PostgreSQL, no
  // gain showed within this machine's noise, so the simpler committer stays
  // (docs/decisions/0002-group-commit.md).
  const committer = createGroupCommitter(store, { ...config.store.groupCommit, onBatch: (size) => { metrics.groupCommitBatchSize.observe(size); } });
  const adapters = createAdapterRegistry([
    createRestJsonAdapter(),
    // Status events (src/exchange/status-events.ts), signed with their subscription's secret. The
    // signature's timestamp is the wall clock, not the gateway's (a demo's --clock): receivers hold it
    // against their own clock to refuse a replayed request.
    createStatusCallbackAdapter({ subscriptionOf: (id) => store.getSubscription(id), partyDisabled: (id) => parties.get(id)?.disabled === true, policy: config.subscriptions, now: () => systemClock.now().getTime() }),
    createInboxAdapter(store, clock, { retentionMs: config.delivery.payloadRetentionHours * 3_600_000 }),
    createIjwXmlAdapter({ render: (type, message) => ijwCodec.render(type, message), knownTypes: () => ijwCodec.knownTypes() }),
    createFhirAdapter({
      lookupOrganisation: (code) => {
        const party = parties.findByIjwCode(code);
        return party === undefined ? undefined : { name: party.name, ...party.identifiers };
      },
      lookupParty: (id) => {
        const party = parties.get(id);
        return party === undefined ? undefined : { name: party.name, ...party.identifiers };
      },
    }),
  ]);
  // A 202 promises delivery: every type the policy lets reach a party, its adapter must carry.
  const receiverCarries = (receiver: Party, messageType: string): boolean => adapters.get(receiver.adapter.kind)?.carries?.(messageType) ?? true;
  // The gateway's own notices go only where the adapter maps the type (not to adapters that pass any JSON on).
  const receiverMaps = (receiver: Party, messageType: string): boolean => partyTakes(receiver, messageType) && (adapters.get(receiver.adapter.kind)?.carries?.(messageType) ?? false);
  const sources = createSourceRegistry(adapters, [
    createIjwXmlFolderSource({ parse: (xml) => ijwCodec.parse(xml), partyByCode: (code) => parties.findByIjwCode(code)?.id }),
  ]);
  try {
    checkPartiesFit(config, policy, adapters, sources, receiverCarries, (type) => validator.isGatewayOriginated(type));
  } catch (error) {
    await store.close();
    throw error;
  }
  // Audit checkpoints are signed with this key; in demo mode it is created under the data folder.
  // The key comes from a file or the environment, never from the database (README: what the log protects against).
  const signer = configuredCheckpointSigner(config.audit, { create: config.demo });
  const checkpointKey = signer === undefined ? undefined : publicKeyFromJwk(signer.publicJwk);
  // Every signed checkpoint also leaves the database: appended to the witness file and, when
  // configured, POSTed to another party's witness.
  const witnesses: Witness[] = [
    ...(config.audit.witnessFile === null ? [] : [createFileWitness(config.audit.witnessFile)]),
    ...(config.audit.witnessUrl === null ? [] : [createHttpWitness(config.audit.witnessUrl, { timeoutMs: config.audit.witnessTimeoutMs })]),
  ];
  const publisher = createCheckpointPublisher(witnesses);
  // The chain, every signed checkpoint and the witnesses (which also catch records cut off the end).
  // A long chain is walked by two threads, the second with a connection of its own (none for a store in memory).
  const parallelVerify = auditVerifyInWorker(config.store.url, (error) => {
    logger.warn('audit verify: the segment worker failed; its segments were verified on the main thread', { error });
  });
  // One walk at a time: requests that come while the chain is being walked wait for it and share the
  // next walk, started after they came (never an answer older than the request). A long chain is
  // walked with a worker thread and a store connection of its own, which repeated requests must not
  // multiply.
  const verifyChain = oneAtATime(() =>
    verifyAuditChain(store, { ...(checkpointKey !== undefined ? { publicKey: checkpointKey } : {}), witnesses, ...(parallelVerify !== undefined ? { parallel: parallelVerify } : {}) }),
  );
  const checkpointer: AutoCheckpointer | undefined =
    signer === undefined || !config.audit.checkpoint.enabled
      ? undefined
      : createAutoCheckpointer({
          committer, clock, signer, publisher,
          settings: {
            everyRecords: config.audit.checkpoint.everyRecords,
            everyMs: config.audit.checkpoint.everySeconds * 1000,
            // Looked at once a second (or as often as everySeconds asks): a count-triggered checkpoint
            // is at most a second late.
            pollMs: Math.min(1000, config.audit.checkpoint.everySeconds * 1000),
          },
          onSigned: () => { metrics.auditCheckpoints.inc(); },
          onError: (error, context) => {
            if (context.witness !== undefined) metrics.auditWitnessFailures.inc({ witness: context.witness });
            logger.error(context.witness !== undefined ? 'audit witness did not take a checkpoint' : 'automatic audit checkpoint failed', { error, ...context });
          },
        });
  // The lease owner names the process (host/pid), so an operator (or a test) can see in the outbox
  // which process holds a row; the random part keeps a restarted process with the same pid distinct.
  const dispatcherId = `${hostname()}/${process.pid}/${randomUUID().slice(0, 8)}`;
  const dispatcher = createDispatcher({ config, store, committer, clock, logger, metrics, adapters, parties }, dispatcherId);
  let shuttingDown = false;
  const exchangeDeps = {
    config, parties, validator, policy, store, committer, clock, logger, metrics,
    pseudonymize,
    ijw,
    carePath,
    receiverCarries,
    onEnqueued: () => {
      dispatcher.wake();
    },
  };
  const submitExchange = createSubmitExchange(exchangeDeps);
  const deadLetters = createDeadLetters(exchangeDeps);
  // One run of a schedule at a time in the cluster: the store's lock (PostgreSQL: an advisory lock).
  const scheduler = createScheduler({
    store, committer, clock, logger, metrics,
    lock: createStoreClusterLock(store),
    runner: currentRunner(),
    settings: config.scheduler,
    jobs: createJobs({
      parties, sources, submitExchange, logger, metrics, store, committer, clock, deadLetters, signer, publisher,
      recordUnreadable: (input) => recordUnreadableRecord(exchangeDeps, input),
      webhook: config.carePath.webhook ?? undefined,
      regie: {
        handoverTermWorkingDays: config.regie.handoverTermWorkingDays,
        calendar: createDutchCalendar(config.carePath.termSettings.calendar),
        withoutRegieSignalDays: config.regie.withoutRegieSignalDays,
        overdrachtOpenDays: config.regie.overdrachtOpenDays,
        parties: partyLookupOf(parties),
      },
      maxRecordBytes: config.gateway.bodyLimitBytes,
    }),
  });
  registerOutboxGauges(metrics.registry, store, clock);
  // The edge refusing work cleanly: per-party rate limits (429) and back-pressure on submissions (503).
  const rateLimit = createRateLimit({ settings: config.rateLimits, metrics, now: () => clock.now().getTime() });
  const outboxReading = createCachedOutboxReading(store, clock, config.backPressure.refreshMs, (error) => { logger.warn('outbox reading for back-pressure failed', { error }); });
  const admitSubmission = createAdmitSubmission({ settings: config.backPressure, reading: outboxReading, metrics });
  // The staff console: sessions, the organisation's OpenID provider, the demo sign-in in demo mode.
  const consoleSettings = config.console;
  const publicUrl = consoleSettings.publicUrl;
  const callbackBase = publicUrl ?? `http://localhost:${config.gateway.port}`;
  const staffSignIn: StaffSignIn | undefined =
    consoleSettings.oidc === null
      ? undefined
      : createStaffSignIn({
          ...consoleSettings.oidc,
          redirectUri: `${callbackBase}/console/auth/callback`,
          postLogoutRedirectUri: `${callbackBase}/console/sign-in`,
        });
  const recordSession = (event: 'sign-in' | 'sign-out', session: StaffSession, trace: TraceContext): Promise<void> =>
    committer.run(async (tx) => {
      await appendAudit(
        tx,
        {
          traceId: trace.traceId,
          spanId: trace.spanId,
          action: event === 'sign-in' ? 'staff.sign-in' : 'staff.sign-out',
          outcome: event === 'sign-in' ? 'signed-in' : 'signed-out',
          actor: session.actorId,
          // Who the actor id stands for: the provider's subject and the name from the ID token.
          detail: `${session.identity.name} (${session.identity.issuer === 'demo' ? 'demo' : `sub ${session.identity.subject}`}; role ${session.activeRole ?? 'none'})`.slice(0, 300),
        },
        clock.now(),
      );
    });
  const verifier = createTokenVerifier(config, parties);
  const configReload = createConfigReload({
    initial: config,
    load: options.loadConfig ?? (() => loadConfig(config.source.file)),
    prepare: (next) => {
      const nextPolicy = policyOf(next, validator);
      checkPartiesFit(next, nextPolicy, adapters, sources, receiverCarries, (type) => validator.isGatewayOriginated(type));
      return nextPolicy;
    },
    apply: (next, nextPolicy) => {
      parties.replace(next.parties, next.staff);
      policy.replace(nextPolicy);
      verifier.forget();
    },
    policy: () => policy,
    committer, clock, logger,
  });
  const privacy = createPrivacyOfficer({ store, committer, clock, pseudonymize, policy, verifyAuditChain: () => verifyChain() });
  const app = createApp({
    bodyLimitBytes: config.gateway.bodyLimitBytes,
    verifier,
    submitExchange,
    explainExchange: createExplainExchange(exchangeDeps),
    statistics: createWaitingTimeStatistics({
      // The same terms and regions as the watchdog's: a gemeente sees the cells of its region. The
      // tables are computed in a worker thread that opens the store itself; a store in memory cannot be
      // opened twice, so there (tests) they are computed on this thread between turns of the event loop.
      compute: isMemoryStoreUrl(config.store.url)
        ? computeInTurns({ history: () => store.carePathHistory() }, createTermResolver(config.carePath.termSettings), config.statistics.suppressionThreshold)
        : computeInWorker({ storeUrl: config.store.url, termSettings: config.carePath.termSettings, threshold: config.statistics.suppressionThreshold }),
      regionOf: regionLookup(config.carePath.termSettings.regions ?? []),
      settings: config.statistics,
      clock,
    }),
    queries: createExchangeQueries({ store, committer, clock, ...(signer !== undefined ? { receipts: createReceiptIssuer({ store, clock, signer }) } : {}) }),
    signals: createSignalQueries({ store, committer, clock, metrics }),
    subscriptions: createSubscriptions({ store, committer, clock, settings: config.subscriptions }),
    consents: createConsentRegistry({
      store, committer, clock, pseudonymize, policy, parties, knownMessageTypes: () => validator.knownTypes(),
      notices: createConsentNotices({ policy, parties, validator, receiverMaps: receiverMaps, attemptMs: config.delivery.timeoutMs }),
    }),
    regie: createRegieRegister({ store, committer, clock, pseudonymize, parties, catalogue: policy.catalogue, registrarRoles: config.regie.registrarRoles }),
    privacy,
    consentOverview: createConsentOverview({ store, committer, clock }),
    decisionStatistics: createDecisionStatistics({ store, committer, clock }),
    subjectAccessReports: createSubjectAccessReports({ privacy, partyName: (id) => parties.get(id)?.name ?? parties.principal(id)?.id ?? id }),
    maxJsonDepth: config.gateway.maxJsonDepth,
    verifyAuditChain: () => verifyChain(),
    ready: () => store.ready(),
    isShuttingDown: () => shuttingDown,
    openApiDocument,
    logger,
    metrics,
    retours: createIjwRetourAnswers({ ijw, parties, store, clock, maxJsonDepth: config.gateway.maxJsonDepth }),
    rateLimit,
    admitSubmission,
    operator: {
      scheduler,
      deadLetters,
      auditExport: createAuditExport({ store, committer, clock }),
      store,
      signingKey: signer?.publicJwk,
      traffic: createOperatorTraffic({ store, committer, clock, parties, logger }),
      configReload,
    },
    console: {
      assets: { distDir: resolve(repoRoot, 'console/dist'), formActionOrigins: staffSignIn === undefined ? [] : [new URL(staffSignIn.issuer).origin] },
      auth: {
        sessions: createStaffSessions({ sessionSeconds: consoleSettings.sessionSeconds, idleSeconds: consoleSettings.idleSeconds }),
        signIn: staffSignIn,
        demoStaff: config.demo ? config.staff : undefined,
        publicUrl,
        now: () => clock.now().getTime(),
        logger,
        recordSession,
      },
    },
  });

  const maintenance = async (): Promise<void> => {
    try {
      // The same use case as the purge-payloads job kind: retention holds even with no schedule.
      await purgeExpiredPayloads(exchangeDeps, 'maintenance');
    } catch (error) {
      logger.error('maintenance failed', { error });
    }
  };
  let maintenanceTimer: NodeJS.Timeout | undefined;
  if (options.background !== false) {
    dispatcher.start();
    maintenanceTimer = setInterval(() => void maintenance(), 15_000);
    maintenanceTimer.unref();
    await scheduler.start();
    checkpointer?.start();
  }

  return {
    config, store, logger, metrics, committer, dispatcher, scheduler, app, configReload,
    metricsApp: createMetricsApp({ metrics, logger }),
    async close() {
      shuttingDown = true;
      if (maintenanceTimer !== undefined) clearInterval(maintenanceTimer);
      // Scheduled runs first: they submit and deliver through what closes after them.
      await scheduler.stop();
      await dispatcher.stop();
      await committer.drain();
      // A last checkpoint over what came after the newest one, so a clean stop leaves no unwitnessed tail.
      if (options.background !== false) await checkpointer?.stop();
      await store.close();
    },
  };
}

/** The policy and catalogue a configuration names, compiled and checked against the message schemas. */
function policyOf(config: GatewayConfig, validator: ReturnType<typeof createMessageValidator>): PolicyEngine {
  const catalogue = loadLegalBasisCatalogue(config.legalBasisCatalogueFile);
  const engine = createPolicyEngine(loadPolicyFile(config.policyFile, catalogue), { catalogue, consent: config.consent });
  checkPolicyAgainstSchemas(engine, validator, config.policyFile);
  return engine;
}

/**
 * Every party names an adapter and a batch source the gateway has, and (a 202 promises delivery) every
 * type the policy lets reach a party its adapter carries. At start-up and before a reload is applied.
 */
function checkPartiesFit(config: GatewayConfig, policy: PolicyEngine, adapters: AdapterRegistry, sources: SourceRegistry, receiverCarries: ReceiverCarries, gatewayOriginated: GatewayOriginated): void {
  for (const [i, party] of config.parties.entries()) {
    if (adapters.get(party.adapter.kind) === undefined) {
      throw new GatewayError('config-invalid', { detail: `party "${party.id}" names adapter "${party.adapter.kind}"; known: ${adapters.kinds().join(', ')}`, errors: [{ pointer: `/parties/${i}/adapter/kind`, detail: `names adapter "${party.adapter.kind}"; known: ${adapters.kinds().join(', ')}` }] });
    }
  }
  checkAdaptersCarryPolicy(policy.rules(), config.parties, receiverCarries, gatewayOriginated, config.policyFile);
  for (const [i, party] of config.parties.entries()) {
    if (party.source !== undefined && sources.get(party.source.kind) === undefined) {
      throw new GatewayError('config-invalid', { detail: `party "${party.id}" names source "${party.source.kind}"; known: ${sources.kinds().join(', ')}`, errors: [{ pointer: `/parties/${i}/source/kind`, detail: `names source "${party.source.kind}"; known: ${sources.kinds().join(', ')}` }] });
    }
  }
}

export interface RunningGateway {
  readonly parts: GatewayParts;
  readonly server: Server;
  readonly url: string;
  /** Where GET /metrics is served (config metrics), or undefined when it is not. */
  readonly metricsUrl: string | undefined;
  stop(): Promise<void>;
}

export async function startGateway(config: GatewayConfig, options: BuildOptions = {}): Promise<RunningGateway> {
  const parts = await buildGateway(config, options);
  // Timeouts set on purpose and parser errors answered as problem+json (src/http/http-server.ts).
  const server = createHttpServer(parts.app, config.gateway, parts.logger);
  server.listen(config.gateway.port, config.gateway.host);
  await new Promise<void>((resolvePromise, reject) => {
    server.once('listening', resolvePromise);
    server.once('error', reject);
  });
  const address = server.address() as AddressInfo;
  const url = `http://${address.address.includes(':') ? `[${address.address}]` : address.address}:${address.port}`;
  const metricsServer = config.metrics === null ? undefined : await listenForMetrics(parts, config.metrics).catch(async (error: unknown) => {
    server.close();
    await parts.close();
    throw error;
  });
  const metricsUrl = metricsServer === undefined ? undefined : `${urlOf(metricsServer)}/metrics`;
  parts.logger.info('ketenpoort listening', { url, store: parts.store.kind, parties: config.parties.length, demo: config.demo, ...(metricsUrl !== undefined ? { metrics: metricsUrl } : {}) });
  for (const warning of startupWarnings(config)) parts.logger.warn(warning);
  return {
    parts,
    server,
    url,
    metricsUrl,
    async stop() {
      if (metricsServer !== undefined) await new Promise<void>((r) => { metricsServer.close(() => { r(); }); metricsServer.closeAllConnections(); });
      // Reverse order of start-up: stop taking requests and let the running ones finish, then drain
      // deliveries, commit what is queued and close the store.
      const closed = new Promise<void>((r) => server.close(() => { r(); }));
      server.closeIdleConnections();
      const force = setTimeout(() => { server.closeAllConnections(); }, 5_000);
      await closed;
      clearTimeout(force);
      await parts.close();
    },
  };
}

async function listenForMetrics(parts: GatewayParts, at: { readonly host: string; readonly port: number }): Promise<Server> {
  const server = parts.metricsApp.listen(at.port, at.host);
  await new Promise<void>((resolvePromise, reject) => {
    server.once('listening', resolvePromise);
    server.once('error', reject);
  });
  return server;
}

function urlOf(server: Server): string {
  const address = server.address() as AddressInfo;
  return `http://${address.address.includes(':') ? `[${address.address}]` : address.address}:${address.port}`;
}
