// What the gateway remembers of a child's care path: facts taken from the iJw messages it carried,
// never the messages themselves and never a BSN (the child is its keyed pseudonym, as in the audit
// log). A path is kept per child × gemeente × aanbieder ("relation"), and within it per request
// (ReferentieAanbieder) and per toegewezen product (ToewijzingNummer, unique per gemeente: TR332).
//
// The process rules (evaluate-message.ts) read these facts through CarePathView and answer with
// CarePathChange values: whole facts to upsert, and deadlines to open or close. The stores write the
// changes in the same transaction as the exchange that caused them; care-path-memory.ts keeps them in
// memory (tests, and the working set of one evaluation). The record types themselves are in the kernel
// (src/kernel/care-path-record.ts), since the store keeps them and may import only the kernel.
import type { ToewijzingFact } from '../kernel/care-path-record.ts';
import type { IsoDay } from '../kernel/dutch-working-days.ts';

export type * from '../kernel/care-path-record.ts';

/** A toewijzing is current ("actueel") on a day when it is not removed and has not ended before it (TR349). */
export function isCurrentToewijzing(t: ToewijzingFact, day: IsoDay): boolean {
  return !t.removed && (t.einddatum === undefined || t.einddatum >= day);
}

/** JZ588 code 20: tijdelijk beëindigd. */
export const REDEN_TIJDELIJK = '20';

