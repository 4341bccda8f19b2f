// What the operator commands of the `ketenpoort` CLI share: the connection to a running gateway (URL
// and bearer token), JSON calls that turn problem+json answers into a readable failure, tables, and a
// progress bar for long walks (only on a terminal).
//
// Connection: --url or KETENPOORT_URL (default: the gateway host and port of the config); --token or
// KETENPOORT_TOKEN; with the demo config and no token, the CLI mints a demo token itself for --as (or
// the command's default identity: operator-demo, or privacy-officer-demo for the audit).

import { loadConfig, defaultConfigFile } from '../config/load-config.ts';
import { mintDemoToken } from '../auth/tokens.ts';
import type { GatewayConfig } from '../config/config-types.ts';

/**
 * A failure to report on stderr with an exit code (1: the gateway or the check said no; 2: usage).
 * The gateway's own errors come from its catalogue (GatewayError); this is the client side of the API,
 * which reports what the gateway answered (its problem code and detail) to a terminal.
 */
export class CliFailure extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2 = 1,
  ) {
    super(message);
    this.name = 'CliFailure';
  }
}

export interface CommonOptions {
  readonly config?: string | undefined;
  readonly url?: string | undefined;
  readonly token?: string | undefined;
  readonly as?: string | undefined;
}

export const commonOptionSpec = {
  config: { type: 'string' },
  url: { type: 'string' },
  token: { type: 'string' },
  as: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

let cachedConfig: GatewayConfig | undefined;
export function cliConfig(options: CommonOptions): GatewayConfig {
  cachedConfig ??= loadConfig(options.config ?? process.env.KETENPOORT_CONFIG ?? defaultConfigFile);
  return cachedConfig;
}

export interface ApiClient {
  readonly url: string;
  call<T>(method: string, path: string, body?: unknown): Promise<T>;
}

interface Problem {
  readonly code?: string;
  readonly title?: string;
  readonly detail?: string;
  readonly errors?: readonly { readonly pointer: string; readonly detail: string }[];
}

function describeProblem(status: number, problem: Problem | undefined): string {
  if (problem === undefined) return `the gateway answered ${status}`;
  const head = `${problem.code ?? status}: ${problem.detail ?? problem.title ?? ''}`;
  const lines = (problem.errors ?? []).map((e) => `  ${e.pointer || '/'}: ${e.detail}`);
  return [head, ...lines].join('\n');
}

export function connect(options: CommonOptions, defaultIdentity: string): ApiClient {
  const url = (options.url ?? process.env.KETENPOORT_URL ?? defaultUrl(options)).replace(/\/+$/, '');
  // An empty --token (`--token "$OPERATOR_TOKEN"` with the variable unset) is no token: outside the demo
  // that is said here, naming the variable's likely cause, not left to the gateway's 401.
  const given = options.token ?? process.env.KETENPOORT_TOKEN;
  let token = given === '' ? undefined : given;
  return {
    url,
    async call<T>(method: string, path: string, body?: unknown): Promise<T> {
      token ??= mintToken(options, defaultIdentity, given === '');
      let response: Response;
      try {
        response = await fetch(url + path, {
          method,
          headers: { authorization: `Bearer ${token}`, accept: 'application/json', ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
          ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
          signal: AbortSignal.timeout(60_000),
        });
      } catch (error) {
        const code = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).name;
        throw new CliFailure(`cannot reach the gateway at ${url}: ${code}`);
      }
      const text = await response.text();
      let parsed: unknown;
      try {
        parsed = text === '' ? undefined : JSON.parse(text);
      } catch {
        parsed = undefined;
      }
      if (!response.ok) throw new CliFailure(describeProblem(response.status, parsed as Problem | undefined));
      return parsed as T;
    },
  };
}

function defaultUrl(options: CommonOptions): string {
  const { host, port } = cliConfig(options).gateway;
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

function mintToken(options: CommonOptions, defaultIdentity: string, emptyGiven: boolean): string {
  const config = cliConfig(options);
  if (!config.demo) {
    const empty = emptyGiven ? 'the token given is empty (is the shell variable set?); ' : '';
    throw new CliFailure(
      `${empty}needs a bearer token: --token or KETENPOORT_TOKEN, made with ketenpoort token --party ID --key FILE --audience AUD for a staff member of the config (tokens are only minted for the demo configuration)`,
      2,
    );
  }
  return mintDemoToken(config, options.as ?? defaultIdentity);
}

/**
 * A subcommand's own `--help`, cut from its group's usage so that the two cannot disagree: the group's
 * entries for that subcommand (an entry is a line at two spaces with its deeper continuation lines;
 * `pause X | resume X` names both) and the group's shared part after them (connection, output, exit
 * codes). Undefined when the group has no such subcommand.
 */
export function subcommandHelp(usage: string, sub: string): string | undefined {
  const lines = usage.split('\n');
  const group = /^usage: ketenpoort (\S+)/.exec(lines[0] ?? '')?.[1];
  const bodyStart = lines.indexOf('') + 1;
  if (group === undefined || bodyStart === 0) return undefined;
  const blank = lines.indexOf('', bodyStart);
  const bodyEnd = blank === -1 ? lines.length : blank;
  const entries: string[][] = [];
  for (const line of lines.slice(bodyStart, bodyEnd)) {
    if (/^ {2}\S/.test(line)) entries.push([line]);
    else entries.at(-1)?.push(line);
  }
  const names = (entry: readonly string[]): string[] => (entry[0] ?? '').trim().split(/\s+\|\s+/).map((part) => part.split(/\s+/)[0] ?? '');
  const own = entries.filter((entry) => names(entry).includes(sub));
  if (own.length === 0) return undefined;
  const shared = blank === -1 ? '' : `\n${lines.slice(blank + 1).join('\n')}`;
  return `usage: ketenpoort ${group} ${sub} [options]\n\n${own.map((entry) => entry.join('\n')).join('\n')}\n${shared}`;
}

// ---- output ------------------------------------------------------------------------------------------

/** Prints rows as a table with a header, columns padded to their widest cell. */
export function printTable(columns: readonly string[], rows: readonly (readonly (string | number | null | undefined)[])[], out: NodeJS.WritableStream = process.stdout): void {
  const cells = rows.map((row) => row.map((c) => (c === null || c === undefined ? '-' : String(c))));
  const widths = columns.map((c, i) => Math.max(c.length, ...cells.map((row) => row[i]?.length ?? 0)));
  const line = (values: readonly string[]): string => values.map((v, i) => (i === values.length - 1 ? v : v.padEnd(widths[i] ?? 0))).join('  ').trimEnd();
  out.write(`${line(columns)}\n`);
  for (const row of cells) out.write(`${line(row)}\n`);
  if (rows.length === 0) out.write('(none)\n');
}

/** 2026-11-23T10:00:00.000Z -> 2026-11-23 10:00:00Z (or '-'). */
export function when(iso: string | null | undefined): string {
  return iso === null || iso === undefined ? '-' : `${iso.slice(0, 10)} ${iso.slice(11, 19)}Z`;
}

export interface Progress {
  update(done: number, total?: number): void;
  /** Draws the final count and ends the line. */
  finish(done: number): void;
}

/** A progress bar on stderr when it is a terminal; silent otherwise (pipes, CI, tests). */
export function progressBar(label: string, stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!stream.isTTY) return { update: () => undefined, finish: () => undefined };
  const started = Date.now();
  let last = 0;
  let drawn = false;
  const draw = (done: number, total: number | undefined): void => {
    const rate = done / Math.max(0.001, (Date.now() - started) / 1000);
    const width = 30;
    const bar = total !== undefined && total > 0 ? `[${'#'.repeat(Math.round((Math.min(done, total) / total) * width)).padEnd(width, '.')}] ` : '';
    const count = total !== undefined ? `${done.toLocaleString('en')} / ${total.toLocaleString('en')}` : done.toLocaleString('en');
    stream.write(`\r${label} ${bar}${count} (${Math.round(rate).toLocaleString('en')}/s)\x1b[K`);
    drawn = true;
  };
  let lastTotal: number | undefined;
  return {
    update(done, total) {
      lastTotal = total ?? lastTotal;
      if (Date.now() - last < 100) return;
      last = Date.now();
      draw(done, lastTotal);
    },
    finish(done) {
      if (!drawn && Date.now() - started < 1000) return; // quick walks need no bar
      draw(done, lastTotal);
      stream.write('\n');
    },
  };
}
