// Changes to the configuration file by the CLI (`ketenpoort party …`, `keys …`): the file as written
// (not the loaded, defaulted config) is changed and written back only when the whole result passes the
// same validation `serve` does (loadConfig), so a change can never leave a file the gateway refuses.
// Written atomically: a temporary file beside it, validated from there (relative paths resolve the
// same), then renamed over the original. A file that changed on disk since it was read (another
// operator's change) is not overwritten.

import { readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join, resolve } from 'node:path';
import { GatewayError } from '../kernel/gateway-error.ts';
import { loadConfig, type Environment } from './load-config.ts';
import type { GatewayConfig } from './config-types.ts';

/** The config file as JSON, with its text (to notice a change by someone else before writing). */
export interface ConfigDocument {
  readonly file: string;
  readonly raw: Record<string, unknown> & { parties?: Record<string, unknown>[] };
  readonly text: string;
}

export function readConfigDocument(file: string): ConfigDocument {
  const absolute = resolve(file);
  let text: string;
  try {
    text = readFileSync(absolute, 'utf8');
  } catch (cause) {
    throw new GatewayError('config-invalid', { detail: `cannot read ${absolute}: ${(cause as Error).message}`, errors: [{ pointer: '', detail: 'cannot read the config file' }] });
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (cause) {
    throw new GatewayError('config-invalid', { detail: `${absolute} is not JSON: ${(cause as Error).message}`, errors: [{ pointer: '', detail: 'not JSON' }] });
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new GatewayError('config-invalid', { detail: `${absolute} is not a JSON object`, errors: [{ pointer: '', detail: 'not a JSON object' }] });
  }
  return { file: absolute, raw: raw as ConfigDocument['raw'], text };
}

/** A change validated and waiting in its temporary file: commit renames it into place, abort removes it. */
export interface PreparedChange {
  /** The configuration as `serve` would load it after the change. */
  readonly config: GatewayConfig;
  commit(): void;
  abort(): void;
}

/**
 * Writes `raw` beside the document's file and validates it as `serve` would (with the environment
 * `serve` would see). Throws GatewayError('config-invalid') listing every problem, with nothing changed.
 */
export function prepareChange(document: ConfigDocument, raw: Record<string, unknown>, env: Environment = process.env): PreparedChange {
  const temporary = join(dirname(document.file), `.${basename(document.file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  // The file may hold the pseudonym secret: the new one gets the old one's permissions.
  const mode = statSync(document.file).mode & 0o777;
  writeFileSync(temporary, `${JSON.stringify(raw, null, 2)}\n`, { mode, flag: 'wx' });
  let config: GatewayConfig;
  try {
    config = loadConfig(temporary, env);
  } catch (error) {
    rmSync(temporary, { force: true });
    if (error instanceof GatewayError && error.code === 'config-invalid') {
      throw new GatewayError('config-invalid', { detail: `the change would make ${document.file} invalid`, errors: error.errors });
    }
    throw error;
  }
  let open = true;
  return {
    config,
    commit() {
      if (!open) return;
      open = false;
      if (readFileSync(document.file, 'utf8') !== document.text) {
        rmSync(temporary, { force: true });
        throw new GatewayError('config-invalid', { detail: `${document.file} was changed by someone else meanwhile; nothing was written: run the command again`, errors: [] });
      }
      renameSync(temporary, document.file);
    },
    abort() {
      if (!open) return;
      open = false;
      rmSync(temporary, { force: true });
    },
  };
}

/** prepareChange and commit in one. */
export function writeConfigChange(document: ConfigDocument, raw: Record<string, unknown>, env: Environment = process.env): GatewayConfig {
  const change = prepareChange(document, raw, env);
  change.commit();
  return change.config;
}
