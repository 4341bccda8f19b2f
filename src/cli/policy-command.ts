// `ketenpoort policy explain`: what the policy of a running gateway would decide for a sample
// envelope, and why (POST /v1/policy/explain). Nothing is sent; the question is audited.

import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { CliFailure, commonOptionSpec, connect, printTable } from './cli-support.ts';
import type { ExchangeExplanation } from '../exchange/explain-exchange.ts';

export const policyUsage = `usage: ketenpoort policy explain --file ENVELOPE.json [--sender PARTY] [options]

  explain    which rules were looked at and what matched, the rule that applies (legal basis,
             blocks, preconditions, consent, override, fields), the message's validation errors and
             the decision; the consent registry is not read (a consent-based rule is explained as if
             no consent were registered). Exit 0 when the exchange would be allowed, 1 when refused.

  --file FILE       the envelope as for POST /v1/exchanges ("-" reads standard input)
  --sender PARTY    the party to explain for (privacy officers and admins; an agency token explains
                    its own exchanges)

connection: --url URL (KETENPOORT_URL), --token JWT (KETENPOORT_TOKEN); with the demo config the
token is minted for --as ID (default privacy-officer-demo). --json prints the API's JSON.
`;

const yesNo = (b: boolean): string => (b ? 'yes' : 'NO');

function print(e: ExchangeExplanation): void {
  const out = process.stdout;
  out.write(`${e.asked.messageType} from ${e.sender} (${e.asked.senderRole}, ${e.asked.senderRegime}) to ${e.receiver} (${e.asked.receiverRole}) for ${e.asked.purpose}\n`);
  out.write(`policy ${e.policyVersion}, legal-basis catalogue ${e.catalogueVersion}\n\n`);
  if (!e.validation.valid) {
    out.write('the message itself has errors (a submission would get 400 before the policy):\n');
    for (const err of e.validation.errors) out.write(`  ${err.pointer}: ${err.detail}\n`);
    out.write('\n');
  }
  out.write('rules looked at:\n');
  printTable(
    ['RULE', 'SENDER', 'REGIME', 'RECEIVER', 'TYPE', 'PURPOSE', 'APPLIES'],
    e.candidates.map((c) => [c.rule, yesNo(c.matches.senderRole), yesNo(c.matches.senderRegime), yesNo(c.matches.receiverRole), yesNo(c.matches.messageType), `${yesNo(c.matches.purpose)} (${c.purpose})`, c.applies ? 'APPLIES' : '']),
  );
  const r = e.appliedRule;
  if (r !== null) {
    out.write(`\nrule ${r.rule}: legal basis ${r.legalBasis.id}${r.legalBasis.citation !== undefined ? ` (${r.legalBasis.citation})` : ''}${r.legalBasis.inForce ? '' : ' NOT IN FORCE'}, processing activity ${r.processingActivityId}\n`);
    for (const b of r.blocks) out.write(`  block ${b.condition}: ${b.applies ? 'APPLIES' : 'does not apply'}\n`);
    for (const p of r.preconditions) out.write(`  precondition ${p.name}: ${p.holds ? 'holds' : 'DOES NOT HOLD'} (${p.requirement})\n`);
    out.write(`  consent: ${r.consent.mode}${r.consent.note !== undefined ? ` (${r.consent.note})` : ''}\n`);
    if (r.override !== undefined) out.write(`  override: for ${r.override.roles.join('/')} with reason ${r.override.reasonCodes.join(' or ')}, on ${r.override.legalBasis}\n`);
    out.write(`  fields (${r.extraFields} the rest): ${r.fields.join(' ')}\n`);
  }
  const d = e.decision;
  out.write(`\ndecision: ${d.outcome === 'allow' ? 'ALLOWED' : 'REFUSED'} (${d.reason})${d.explanation !== undefined ? `: ${d.explanation}` : ''}\n`);
}

export async function runPolicyCommand(argv: readonly string[]): Promise<number> {
  const { positionals, values } = parseArgs({ args: [...argv], allowPositionals: true, options: { ...commonOptionSpec, file: { type: 'string' }, sender: { type: 'string' } } });
  const [sub] = positionals;
  if (values.help === true || sub === undefined) {
    process.stdout.write(policyUsage);
    return sub === undefined && values.help !== true ? 2 : 0;
  }
  if (sub !== 'explain') throw new CliFailure(`unknown policy command "${sub}" (see ketenpoort policy --help)`, 2);
  if (values.file === undefined) throw new CliFailure('--file ENVELOPE.json is required', 2);
  let envelope: unknown;
  try {
    envelope = JSON.parse(readFileSync(values.file === '-' ? 0 : values.file, 'utf8'));
  } catch (error) {
    throw new CliFailure(`cannot read ${values.file} as JSON: ${(error as Error).message}`, 2);
  }
  if (envelope === null || typeof envelope !== 'object' || Array.isArray(envelope)) throw new CliFailure(`${values.file} must hold a JSON object (an exchange envelope)`, 2);
  const body = values.sender !== undefined ? { ...envelope, sender: values.sender } : envelope;
  const api = connect(values, 'privacy-officer-demo');
  const explanation = await api.call<ExchangeExplanation>('POST', '/v1/policy/explain', body);
  if (values.json === true) process.stdout.write(`${JSON.stringify(explanation, null, 2)}\n`);
  else print(explanation);
  return explanation.decision.outcome === 'allow' ? 0 : 1;
}
