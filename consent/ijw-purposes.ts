// The purpose of a native iJw XML submission by message type (consent/ijw-purposes.json): an iJw
// message carries no purpose, so the gateway takes the one the policy has for that type (domain.md
// 8.3: one purpose per iJw message). One small table next to the policy, read and checked at startup.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { GatewayError } from '../src/kernel/gateway-error.ts';
import { repoRoot } from '../src/kernel/repo-root.ts';

export const defaultIjwPurposesFile = resolve(repoRoot, 'consent/ijw-purposes.json');

const PURPOSE = /^[a-z][a-z0-9-]{1,63}$/;
const IJW_TYPE = /^JW3[0-9]{2}$/;

export type IjwPurposes = ReadonlyMap<string, string>;

export function loadIjwPurposes(file: string = defaultIjwPurposesFile): IjwPurposes {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (cause) {
    throw new GatewayError('policy-file-invalid', { detail: `cannot read ${file}: ${(cause as Error).message}`, cause });
  }
  const purposes = (raw as { purposes?: unknown } | null)?.purposes;
  if (typeof purposes !== 'object' || purposes === null || Array.isArray(purposes)) {
    throw new GatewayError('policy-file-invalid', { detail: `${file}: expected an object "purposes" mapping iJw message types to purposes` });
  }
  const problems = Object.entries(purposes as Record<string, unknown>)
    .filter(([type, purpose]) => !IJW_TYPE.test(type) || typeof purpose !== 'string' || !PURPOSE.test(purpose))
    .map(([type]) => type);
  if (problems.length > 0) throw new GatewayError('policy-file-invalid', { detail: `${file}: invalid entries for ${problems.join(', ')}` });
  return new Map(Object.entries(purposes as Record<string, string>));
}
