// The process rules of the care path, in one declarative place: every iJw 3.2 rule that needs earlier
// messages (technische regels "berichtoverstijgend" and the bedrijfsregels that rest on them), each
// with its WJ001 retourcode, what the gateway checks, and whether the gateway enforces it (a refusal
// with that retourcode, or only a warning in "warn" mode), watches it (a signal from the watchdog, for
// terms without a retourcode), or cannot check it (and why). The rules themselves are in
// evaluate-message.ts and report by these codes; a conformance table can list this registry as it is.
//
// Sources: ../shared/reference/ijw-3.2/regels/technische-regels/TR*.md (Controleniveau
// "berichtoverstijgend"), regels/bedrijfsregels/OP*.md, codelijsten/WJ001_Retourcode.md, and the
// procesbeschrijving iJw 3.2. The condities and constraints (CD/CS) all concern one message; none
// needs an earlier one (they are in src/validation/ijw-rules.ts).
//
// The rules are declarative data, split by rule group in process-rules/; this index keeps them in one
// list, in the publication's order.

import { GatewayError } from '../kernel/gateway-error.ts';
import type { ProcessRule } from './process-rules/process-rule.ts';
import { BEDRIJFSREGELS } from './process-rules/bedrijfsregels.ts';
import { DECLARATIE_RULES } from './process-rules/declaratie.ts';
import { REGIE_RULES } from './process-rules/regie.ts';
import { REQUEST_RULES } from './process-rules/requests.ts';
import { TERM_RULES } from './process-rules/terms.ts';

export type { Enforcement, ProcessRule } from './process-rules/process-rule.ts';

export const PROCESS_RULES: readonly ProcessRule[] = [...REQUEST_RULES, ...REGIE_RULES, ...DECLARATIE_RULES, ...TERM_RULES, ...BEDRIJFSREGELS];

const byCode = new Map(PROCESS_RULES.map((r) => [r.code, r]));

/** The rule with this code (a programming error when unknown: rules report only registered codes). */
export function processRule(code: string): ProcessRule {
  const rule = byCode.get(code);
  if (rule === undefined) throw new GatewayError('internal', { detail: `no process rule ${code}` });
  return rule;
}
