// The process rules of the care path as one pure function: given what the gateway knows of the paths
// a message touches (a CarePathView) and the message in its JSON form, return the findings (each
// under the code of a rule in process-rules.ts, with its retourcode and a pointer into the message)
// and the changes that accepting the message makes: facts to upsert and watchdog deadlines to open or
// close. No clock, no store, no I/O: the day is the day the gateway accepted the message.
//
// Products of one message are taken in order, each seeing the effect of those before it (a working
// layer over the view), so a message that starts two products or removes and re-sends one is judged
// as the sequence it is. The caller decides what a finding does (rule-modes.ts): refuse the message
// (then none of the changes is applied) or accept it with a warning.
//
// Migration: a finding whose missing earlier message may predate the gateway is marked `migration`
// (never a refusal). See design-care-paths.md, "Migration", for exactly when.

import type { CarePathView, MessageFact } from './care-path-facts.ts';
import { CarePathRun, retourDeadlineId, type EvaluationContext, type Evaluation, type IncomingIjwMessage } from './care-path-run.ts';
import { termDays } from './care-path-terms.ts';
import { HEEN_OF_RETOUR } from './heen-retour.ts';
import { declaratie, declaratieAntwoord } from './rules-declaratie.ts';
import { regie } from './rules-regie.ts';
import { retour } from './rules-retour.ts';
import { toewijzing } from './rules-toewijzing.ts';
import { antwoord, verzoekOmToewijzing, verzoekOmWijziging } from './rules-verzoek.ts';

export type { EvaluationContext, Evaluation, IncomingIjwMessage, ProcessFinding } from './care-path-run.ts';
export { answerDeadlineId, declaratieAnswerDeadlineId, finalAnswerDeadlineId, followUpDeadlineId, retourDeadlineId, toewijzingDeadlineId } from './care-path-run.ts';
export { rejectedClasses } from './rules-retour.ts';
export { HEEN_OF_RETOUR } from './heen-retour.ts';

/** Heen messages with a technical retour. */
const HAS_RETOUR = new Set(Object.values(HEEN_OF_RETOUR));
/** The messages TR056 applies to. */
const UNIQUE_ID_TYPES = new Set(['JW301', 'JW305', 'JW307', 'JW315', 'JW317', 'JW319', 'JW323', 'JW325']);

export function evaluateIjwMessage(view: CarePathView, incoming: IncomingIjwMessage, ctx: EvaluationContext): Evaluation {
  const run = new CarePathRun(view, incoming, ctx);
  if (run.layer.trackingSince() === undefined) run.emit({ op: 'tracking-since', day: run.today });
  const heenType = HEEN_OF_RETOUR[run.type];
  if (heenType !== undefined) {
    retour(run, heenType);
  } else if (UNIQUE_ID_TYPES.has(run.type)) {
    uniqueIdentification(run);
    switch (run.type) {
      case 'JW301':
        toewijzing(run);
        break;
      case 'JW305':
        regie(run, 'start');
        break;
      case 'JW307':
        regie(run, 'stop');
        break;
      case 'JW315':
        verzoekOmToewijzing(run);
        break;
      case 'JW317':
        verzoekOmWijziging(run);
        break;
      case 'JW319':
        antwoord(run);
        break;
      case 'JW323':
        declaratie(run);
        break;
      case 'JW325':
        declaratieAntwoord(run);
        break;
      default:
        break;
    }
  }
  return { findings: run.findings, changes: run.changes };
}

function uniqueIdentification(run: CarePathRun): void {
  const earlier = run.layer.message(run.type, run.afzender, run.identificatie);
  if (earlier !== undefined) {
    // iJw TR056: per message type and sender.
    run.find('TR056', '/Header/BerichtIdentificatie/Identificatie', `Afzender ${run.afzender} already sent a ${run.type} with Identificatie ${run.identificatie} (Dagtekening ${earlier.dagtekening})`);
    return;
  }
  const fact: MessageFact = {
    messageType: run.type,
    afzender: run.afzender,
    identificatie: run.identificatie,
    dagtekening: run.dagtekening,
    exchangeId: run.incoming.exchangeId,
    senderParty: run.incoming.senderParty,
    receiverParty: run.incoming.receiverParty,
    receivedDay: run.today,
    rejected: false,
  };
  run.emit({ op: 'message', fact });
  if (HAS_RETOUR.has(run.type)) {
    // iJw OP090: the receiver sends a retour within 3 werkdagen.
    const id = retourDeadlineId(run.type, run.afzender, run.identificatie);
    run.emit({
      op: 'open-deadline',
      deadline: run.deadline('retour', id, 'OP090', run.incoming.receiverParty, run.today, termDays(run.terms.retour, run.today, run.calendar), { messageType: run.type, exchangeId: run.incoming.exchangeId, identificatie: run.identificatie }),
    });
  }
}
