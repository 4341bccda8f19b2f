// What a gateway started outside the demo should tell its operator at once, as warnings in the log
// (found by the new-user walk of issue 13: outside the demo the audit chain was unsigned and nothing
// said so). Each is a setting the gateway runs without, but a production gateway should not.
import type { GatewayConfig } from './config-types.ts';

export function startupWarnings(config: Pick<GatewayConfig, 'demo' | 'audit'>): string[] {
  if (config.demo) return []; // the demo creates its own key and witness file
  const warnings: string[] = [];
  if (config.audit.signingKeyFile === null && config.audit.signingKeyJwk === null) {
    warnings.push(
      'audit checkpoints are not signed: no audit.signingKeyFile (or KETENPOORT_AUDIT_SIGNING_KEY_FILE / KETENPOORT_AUDIT_SIGNING_KEY) is set, so the audit chain is only hash-linked and someone who can write the database can rewrite it unnoticed (README, "Audit checkpoints and export")',
    );
  } else if (config.audit.witnessFile === null && config.audit.witnessUrl === null) {
    warnings.push(
      'audit checkpoints are signed but kept by no witness outside the database: set audit.witnessFile or audit.witnessUrl (KETENPOORT_AUDIT_WITNESS_FILE / KETENPOORT_AUDIT_WITNESS_URL) so that a rewrite of the database and its checkpoints together is detected',
    );
  }
  return warnings;
}
