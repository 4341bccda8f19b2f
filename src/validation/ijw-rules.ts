// The iJw 3.2 rules a gateway can check cheaply, inside one message and without state: conditions
// (CD), constraints (CS) and the technical rules (TR) the official validation XSLT checks, plus the
// register checks that need only a list the gateway ships (TR378, CBS gemeentecodes) or the date
// (TR135). Each rule names its code and, where the rule text gives one, its retourcode (WJ001).
//
// Sources: the iJw 3.2 rules (regels/condities-constraints, regels/technische-regels in the reference
// copy) and, for exactly which elements a rule applies to, the official iJw 3.2 validation XSLT
// (XSLTVersie 2.10.5, history copy "alle regels JW 3.2.xsl" in i-Sociaal-Lab/jaapjunior).
//
// Scope:
// - The rules run on a message that is valid against its JSON Schema (message-validator.ts runs them
//   only then), so shapes and value formats are known; the code stays defensive anyway.
// - Like the XSLT, they apply to the heen messages and the declaratie-antwoord (JW301, JW305, JW307,
//   JW315, JW317, JW319, JW323, JW325). A retour (JW302, JW306, JW308, JW316, JW318, JW320) copies its
//   heen message including any fault it reports with a retourcode; checking its content would block
//   the very report of that fault. Retours get the schema checks only.
// - Not here: rules that need earlier messages (TR019, TR056, TR063, TR304, TR314, TR347, TR355, ...),
//   external registers other than the CBS list (TR381 product code lists, AGB existence; TR346 is
//   here for its multiplication, not for whether ProductTarief is the contract's price), and TR101's keys for the classes whose keys the XSLT copy did not show us
//   (OngewijzigdProduct, NieuwProduct).
//
// Rules never read the clock: `today` (YYYY-MM-DD) is an argument.
//
// The rules live under ijw-rules/, one file per message class (the way ajv splits its vocabularies);
// this index assembles them in one order and runs them.
import { GatewayError, type FieldError } from '../kernel/gateway-error.ts';
import { isIjwDate } from '../kernel/dates.ts';
import { child, date, isRecord, type Node } from './ijw-rules/rule-nodes.ts';
import { IJW_CHECKED_TYPES, type IjwMessageType, type IjwRule, type RuleContext } from './ijw-rules/rule-kit.ts';
import { headerRules } from './ijw-rules/header-rules.ts';
import { clientRules, contactRules } from './ijw-rules/client-rules.ts';
import { productRules } from './ijw-rules/product-rules.ts';
import { verzoekAntwoordRules, verzoekOmToewijzingRules, verzoekOmWijzigingRules } from './ijw-rules/verzoek-rules.ts';
import { startStopRules } from './ijw-rules/start-stop-rules.ts';
import { declaratieRules } from './ijw-rules/declaratie-rules.ts';

export { IJW_CHECKED_TYPES, type IjwMessageType, type IjwRule } from './ijw-rules/rule-kit.ts';

/** Every rule, by message class (one file each under ijw-rules/); errors are reported in this order. */
export const ijwRules: readonly IjwRule[] = [
  ...headerRules,
  ...clientRules,
  ...contactRules,
  ...productRules,
  ...verzoekOmToewijzingRules,
  ...startStopRules,
  ...verzoekOmWijzigingRules,
  ...verzoekAntwoordRules,
  ...declaratieRules,
];

// ---------------------------------------------------------------------------------------------
// Entry points

/**
 * Checks the iJw rules on a message in the JSON form that is valid against its schema. Returns every
 * violation as a FieldError (pointer relative to the message, rule = code, retourcode where given).
 * Message types without content rules (the retours) yield no errors.
 */
export function checkIjwRules(messageType: string, message: unknown, today: string): FieldError[] {
  if (!isIjwDate(today)) throw new GatewayError('internal', { detail: `checkIjwRules: today must be YYYY-MM-DD, got ${today}` });
  if (!(IJW_CHECKED_TYPES as readonly string[]).includes(messageType) || !isRecord(message)) return [];
  const type = messageType as IjwMessageType;
  const root: Node = { value: message, pointer: '' };
  const ctx: RuleContext = {
    messageType: type,
    message: root,
    today,
    dagtekening: date(child(child(root, 'Header'), 'BerichtIdentificatie'), 'Dagtekening'),
  };
  const errors: FieldError[] = [];
  for (const rule of ijwRules) {
    if (!rule.messageTypes.includes(type)) continue;
    rule.check(ctx, (pointer, detail) => {
      errors.push({ pointer, detail, rule: rule.code, ruleText: rule.text, ...(rule.retourcode !== undefined ? { retourcode: rule.retourcode } : {}) });
    });
  }
  return errors;
}
