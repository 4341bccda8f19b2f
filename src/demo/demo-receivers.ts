// The demo receivers (README, "The demo receivers"): in demo mode `ketenpoort serve` also starts small
// receiving systems on 127.0.0.1, at the ports the demo parties' endpoints name, so a newcomer sees a
// delivery succeed through every adapter: a REST/JSON system (Horizon), a municipality's iJw XML system
// (Utrecht) and a provider's FHIR R4 server (Kompas). Which ones run is `demoReceivers` in the config
// (KETENPOORT_DEMO_RECEIVERS=rest-json,ijw-xml or `none` overrides it); one left out shows the retries
// and then the dead letter. Each logs one line per request it receives (what and from whom, never the
// content: no BSN). A port that is taken is reported and skipped: the gateway starts all the same.
//
// These are demo parts, started by the CLI (entry layer): the gateway's composition root never sees them.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { DemoReceiverKind, GatewayConfig } from '../config/config-types.ts';
import { demoEndpoint } from '../config/load-config.ts';
import type { Logger } from '../observability/logger.ts';
import { createDemoFhirHandler, type FhirHandler } from './demo-fhir-server.ts';

export interface DemoReceiver {
  readonly kind: DemoReceiverKind;
  readonly port: number;
  /** The demo parties whose deliveries arrive here. */
  readonly parties: readonly string[];
}

export interface RunningDemoReceivers {
  /** The receivers that listen (not those switched off, or whose port was taken). */
  readonly listening: readonly DemoReceiver[];
  stop(): Promise<void>;
}

const maxBodyBytes = 26_214_400;

/** Where each demo receiver listens: one per port named by the endpoints of the parties of its kind. */
export function demoReceiversOf(config: GatewayConfig): DemoReceiver[] {
  if (!config.demo) return [];
  const byPort = new Map<number, { kind: DemoReceiverKind; parties: string[] }>();
  for (const party of config.parties) {
    const kind = party.adapter.kind as DemoReceiverKind;
    if (!config.demoReceivers.includes(kind) || party.adapter.endpoint === undefined) continue;
    const endpoint = demoEndpoint(party.adapter.endpoint);
    if (endpoint === undefined) continue; // refused by loadConfig
    const entry = byPort.get(endpoint.port) ?? { kind, parties: [] };
    entry.parties.push(party.id);
    byPort.set(endpoint.port, entry);
  }
  return [...byPort].map(([port, { kind, parties }]) => ({ kind, port, parties }));
}

function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.byteLength;
      if (size > maxBodyBytes) {
        resolveBody(undefined);
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => { resolveBody(Buffer.concat(chunks)); });
    req.on('error', reject);
  });
}

function answer(res: ServerResponse, status: number, contentType: string, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': contentType, ...headers });
  res.end(body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body));
}

/** One log line per request: a delivery (what the gateway sent), or a read (someone looking at what arrived). */
type Received = (fields: Record<string, unknown>) => void;

/** A REST/JSON system: takes the gateway's JSON body (exchange id, type, sender, message) and answers 201 with its reference. */
function restJsonReceiver(received: Received): (req: IncomingMessage, res: ServerResponse, body: Buffer) => void {
  const seen = new Set<string>();
  return (req, res, body) => {
    let parsed: { exchangeId?: unknown; messageType?: unknown; sender?: unknown };
    try {
      parsed = JSON.parse(body.toString('utf8')) as typeof parsed;
    } catch {
      received({ path: req.url, status: 400, detail: 'not JSON' });
      answer(res, 400, 'application/json', { error: 'not JSON' });
      return;
    }
    const header = req.headers['idempotency-key'];
    const key = typeof header === 'string' ? header : typeof parsed.exchangeId === 'string' ? parsed.exchangeId : '';
    const repeat = seen.has(key);
    seen.add(key);
    received({ path: req.url, status: 201, messageType: parsed.messageType, sender: parsed.sender, exchangeId: parsed.exchangeId, ...(repeat ? { repeat: true } : {}) });
    answer(res, 201, 'application/json', { reference: `demo-${key}` });
  };
}

/**
 * A municipality's iJw XML system: takes the iJw message (the adapter POSTs application/xml and reads
 * only the status and Location) and answers 202 Accepted, its own retour to follow later as an iJw
 * message of its own, as a municipality's system does. A body without an iJw Bericht is a 400.
 */
function ijwXmlReceiver(received: Received): (req: IncomingMessage, res: ServerResponse, body: Buffer) => void {
  const seen = new Set<string>();
  return (req, res, body) => {
    const xml = body.toString('utf8');
    const root = /<(?:[\w.-]+:)?Bericht[\s>]/.exec(xml);
    const code = /<(?:[\w.-]+:)?BerichtCode>\s*(\d+)\s*</.exec(xml)?.[1];
    if (root === null || code === undefined) {
      received({ path: req.url, status: 400, detail: 'no iJw Bericht with a BerichtCode' });
      answer(res, 400, 'text/plain; charset=utf-8', 'no iJw Bericht with a BerichtCode\n');
      return;
    }
    const key = String(req.headers['idempotency-key'] ?? '');
    const repeat = seen.has(key);
    seen.add(key);
    received({ path: req.url, status: 202, berichtCode: code, bytes: body.byteLength, exchangeId: key, ...(repeat ? { repeat: true } : {}) });
    answer(res, 202, 'text/plain; charset=utf-8', undefined, { location: `${req.url ?? '/'}/${encodeURIComponent(key)}` });
  };
}

/** A provider's FHIR R4 server (Medplum in memory); logs the resource types of what it is sent. */
function fhirReceiver(handler: FhirHandler, basePath: string, received: Received): (req: IncomingMessage, res: ServerResponse, body: Buffer) => Promise<void> {
  return async (req, res, body) => {
    let parsed: unknown;
    try {
      parsed = body.byteLength === 0 ? undefined : JSON.parse(body.toString('utf8'));
    } catch {
      answer(res, 400, 'application/fhir+json', { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'structure', diagnostics: 'not JSON' }] });
      return;
    }
    const url = req.url ?? '/';
    const path = url.startsWith(basePath) ? url.slice(basePath.length) || '/' : url;
    const result = await handler({ method: req.method ?? 'GET', path, headers: req.headers, body: parsed });
    const resource = parsed as { resourceType?: unknown; type?: unknown; entry?: { resource?: { resourceType?: unknown } }[] } | undefined;
    const types = resource?.entry?.map((e) => e.resource?.resourceType).filter((t): t is string => typeof t === 'string');
    received({
      path: url.split('?')[0], method: req.method, status: result.status,
      ...(resource?.resourceType !== undefined ? { resourceType: resource.resourceType, bundleType: resource.type } : {}),
      ...(types !== undefined ? { resources: [...new Set(types)].join(', ') } : {}),
      exchangeId: req.headers['idempotency-key'],
    });
    answer(res, result.status, 'application/fhir+json', result.body);
  };
}

async function listen(server: Server, port: number): Promise<NodeJS.ErrnoException | undefined> {
  return new Promise((resolveListen) => {
    const onError = (error: NodeJS.ErrnoException): void => { resolveListen(error); };
    server.once('error', onError);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', onError);
      resolveListen(undefined);
    });
  });
}

/** Starts the demo receivers the config asks for; never throws for a taken port (it is logged). */
export async function startDemoReceivers(config: GatewayConfig, logger: Logger): Promise<RunningDemoReceivers> {
  const servers: Server[] = [];
  const listening: DemoReceiver[] = [];
  for (const off of (['rest-json', 'ijw-xml', 'fhir'] as const).filter((k) => config.demo && !config.demoReceivers.includes(k))) {
    const parties = config.parties.filter((p) => p.adapter.kind === off && p.adapter.endpoint !== undefined && demoEndpoint(p.adapter.endpoint) !== undefined).map((p) => p.id);
    if (parties.length > 0) logger.info('demo receiver off: deliveries to its parties are retried and then dead-lettered', { receiver: off, parties });
  }
  for (const receiver of demoReceiversOf(config)) {
    const received: Received = (fields) => {
      logger.info(fields.method === 'GET' ? 'demo receiver answered a read' : 'demo receiver received a delivery', { receiver: receiver.kind, port: receiver.port, ...fields });
    };
    let handle: (req: IncomingMessage, res: ServerResponse, body: Buffer) => void | Promise<void>;
    switch (receiver.kind) {
      case 'rest-json':
        handle = restJsonReceiver(received);
        break;
      case 'ijw-xml':
        handle = ijwXmlReceiver(received);
        break;
      case 'fhir': {
        let handler: FhirHandler;
        try {
          handler = await createDemoFhirHandler();
        } catch (error) {
          logger.warn('demo receiver not started: the FHIR demo server needs the dev dependency @medplum/fhir-router (npm ci installs it)', { receiver: 'fhir', port: receiver.port, parties: receiver.parties, error: (error as Error).message });
          continue;
        }
        // The base path of the FHIR endpoint (e.g. /fhir); every fhir party on this port shares it.
        const party = config.parties.find((p) => p.id === receiver.parties[0]);
        const basePath = demoEndpoint(party?.adapter.endpoint ?? '')?.path.replace(/\/+$/, '') ?? '';
        handle = fhirReceiver(handler, basePath, received);
        break;
      }
    }
    const server = createServer((req, res) => {
      readBody(req).then(
        async (body) => {
          if (body === undefined) {
            answer(res, 413, 'text/plain; charset=utf-8', 'too large\n');
            return;
          }
          await handle(req, res, body);
        },
        (error: unknown) => { logger.warn('demo receiver could not read a request', { receiver: receiver.kind, error }); },
      ).catch((error: unknown) => {
        logger.error('demo receiver failed', { receiver: receiver.kind, error });
        if (!res.headersSent) answer(res, 500, 'text/plain; charset=utf-8', 'demo receiver failed\n');
      });
    });
    const error = await listen(server, receiver.port);
    if (error !== undefined) {
      logger.warn(
        error.code === 'EADDRINUSE'
          ? `demo receiver not started: port ${receiver.port} is taken by another program; deliveries to ${receiver.parties.join(', ')} go to whatever listens there`
          : `demo receiver not started: ${error.message}`,
        { receiver: receiver.kind, port: receiver.port, parties: receiver.parties, code: error.code },
      );
      continue;
    }
    servers.push(server);
    listening.push(receiver);
    logger.info('demo receiver listening', { receiver: receiver.kind, url: `http://127.0.0.1:${receiver.port}`, parties: receiver.parties });
  }
  return {
    listening,
    async stop() {
      await Promise.all(servers.map((server) => new Promise<void>((resolveClose) => {
        server.close(() => { resolveClose(); });
        server.closeAllConnections();
      })));
    },
  };
}
