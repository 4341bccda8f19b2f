// What a process-rule finding does: the strict/warn switch. In "strict" mode a finding refuses the
// message with the rule's retourcode; in "warn" mode the message is accepted and the finding is
// reported as a warning; "off" ignores the rule. The default mode can be overridden per rule code.
// A finding marked as migration (the earlier message may predate the gateway) is a warning whatever
// the mode, so a gateway that starts in the middle of running care paths refuses nothing it cannot
// judge. A signal finding (a bedrijfsregel without a retourcode, broken by this message) never
// refuses: unless its rule is off, the message is accepted with it as a warning and a signal.
import type { ProcessFinding } from './evaluate-message.ts';

export type RuleMode = 'strict' | 'warn' | 'off';

export interface RuleModes {
  readonly mode: RuleMode;
  /** Per rule code (TR019, KP001, ...). */
  readonly rules?: Readonly<Record<string, RuleMode>>;
}

export const defaultRuleModes: RuleModes = Object.freeze({ mode: 'strict' });

export interface ResolvedFindings {
  /** Findings that refuse the message (empty: accept it). */
  readonly refusals: readonly ProcessFinding[];
  readonly warnings: readonly ProcessFinding[];
}

export function resolveFindings(findings: readonly ProcessFinding[], modes: RuleModes = defaultRuleModes): ResolvedFindings {
  const refusals: ProcessFinding[] = [];
  const warnings: ProcessFinding[] = [];
  for (const finding of findings) {
    const mode = modes.rules?.[finding.rule] ?? modes.mode;
    if (mode === 'off') continue;
    if (mode === 'strict' && !finding.migration && finding.signal !== true) refusals.push(finding);
    else warnings.push(finding);
  }
  return { refusals, warnings };
}
