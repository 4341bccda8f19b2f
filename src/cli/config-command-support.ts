// What `ketenpoort party`, `keys` and `staff` share: they change the gateway's configuration file
// (the one `serve` loads: --config, KETENPOORT_CONFIG, or config/demo.json), not a running gateway.
// Options are parsed strictly (an unknown option is wrong usage, exit 2); a change the validator
// refuses is reported with every error (exit 1), as text or, with --json, as JSON on stdout.

import { parseArgs, type ParseArgsConfig } from 'node:util';
import { defaultConfigFile } from '../config/load-config.ts';
import { isGatewayError } from '../kernel/gateway-error.ts';
import { CliFailure } from './cli-support.ts';

export const configFileOptionSpec = {
  config: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export function configFileOf(option: string | undefined): string {
  return option ?? process.env.KETENPOORT_CONFIG ?? defaultConfigFile;
}

/** Runs parseArgs (strict); its usage errors become exit code 2 with a pointer to --help. */
export function parseOrUsage<T>(parse: () => T, command: string): T {
  try {
    return parse();
  } catch (error) {
    throw new CliFailure(`${(error as Error).message}\n(ketenpoort ${command} --help for the options)`, 2);
  }
}

type OptionSpec = NonNullable<ParseArgsConfig['options']>;

/** A parsed `ketenpoort <group> <sub> ...` command line of a config command. */
export interface ConfigCommandLine<O extends OptionSpec> {
  readonly sub: string;
  readonly rest: readonly string[];
  /** Each option as given: a string option's text, a boolean option's true; absent when not given. */
  readonly values: { readonly [K in keyof O]?: O[K]['type'] extends 'boolean' ? boolean : string };
  /** The configuration file (--config, KETENPOORT_CONFIG or the default). */
  readonly file: string;
  readonly json: boolean;
}

/**
 * Parses a config command's line (strictly: wrong usage exits 2) and answers the help it asks for:
 * no subcommand prints the group's usage (exit 2, or 0 with --help), `<sub> --help` the subcommand's
 * own help (exit 0), an unknown subcommand is wrong usage. Returns the exit code when it answered.
 */
export function parseConfigCommand<O extends OptionSpec>(
  argv: readonly string[],
  group: string,
  options: O,
  usage: string,
  helpOf: (sub: string) => string | undefined,
): ConfigCommandLine<O> | number {
  const { positionals, values: parsed } = parseOrUsage(
    () => parseArgs({ args: [...argv], allowPositionals: true, strict: true, options: { ...configFileOptionSpec, ...options } }),
    group,
  );
  const values = parsed as Readonly<Record<string, string | boolean | undefined>>;
  const [sub, ...rest] = positionals;
  const help = sub === undefined ? undefined : helpOf(sub);
  if (sub === undefined || (values.help === true && help === undefined)) {
    process.stdout.write(usage);
    return values.help === true ? 0 : 2;
  }
  if (help === undefined) throw new CliFailure(`unknown command "${group} ${sub}"\n\n${usage}`, 2);
  if (values.help === true) {
    process.stdout.write(help);
    return 0;
  }
  const config = values.config;
  return { sub, rest, values: values as ConfigCommandLine<O>['values'], file: configFileOf(typeof config === 'string' ? config : undefined), json: values.json === true };
}

/**
 * Runs a command body; a refusal from the gateway's own rules (a GatewayError: the config would be
 * invalid, an unknown party, a key file that exists) becomes exit 1 with every error listed, as JSON
 * on stdout with --json.
 */
export async function reportRefusals(json: boolean, body: () => Promise<number> | number): Promise<number> {
  try {
    return await body();
  } catch (error) {
    if (!isGatewayError(error)) throw error;
    const errors = error.errors.map((e) => ({ pointer: e.pointer, detail: e.detail }));
    if (json) {
      process.stdout.write(`${JSON.stringify({ refused: error.code, detail: error.detail ?? error.title, errors }, null, 2)}\n`);
      return 1;
    }
    const lines = errors.map((e) => `  ${e.pointer || '/'}: ${e.detail}`);
    throw new CliFailure([`refused: ${error.detail ?? error.title}`, ...lines].join('\n'), 1);
  }
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** 7d, 12h, 30m, 45s -> milliseconds; undefined when not of that form. */
export function parseDuration(text: string): number | undefined {
  const match = /^(\d{1,6})([smhd])$/.exec(text);
  if (match === null) return undefined;
  const unit = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[match[2] as 's' | 'm' | 'h' | 'd'];
  return Number(match[1]) * unit;
}
