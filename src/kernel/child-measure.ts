// A child-protection measure the gateway has seen (issue 12: "the GI while a child-protection measure
// is active has the regie by law"). The gateway keeps no payloads beyond their retention window, so
// when it carries the Raad's notice of the court's decision (NotificatieBeslissingRechtspraak) with a
// measure imposed, it keeps this fact, by the child's pseudonym: which measure, its period, and the GI
// that carries it out (the UitvoerendeInstelling, matched on its OIN, else the GI the notice went to).
// No BSN, no case content. The regie register reads it when a GI registers itself as regievoerder.

/** What the fact needs of a party (structural, so the kernel depends on no config module). */
export interface MeasureParty {
  readonly id: string;
  readonly role: string;
  readonly identifiers: { readonly oin?: string };
}

export const MEASURE_MESSAGE_TYPE = 'NotificatieBeslissingRechtspraak';

export interface ChildMeasure {
  /** The exchange that carried the decision. */
  readonly exchangeId: string;
  readonly subjectPseudonym: string;
  /** The GI that carries it out (a party id). */
  readonly giParty: string;
  readonly soort: string;
  readonly ingangsdatum: string; // YYYY-MM-DD
  readonly einddatum: string | null; // YYYY-MM-DD, inclusive; null: open-ended
}

/** Whether the measure runs on the day (inclusive period). */
export const measureActiveOn = (m: Pick<ChildMeasure, 'ingangsdatum' | 'einddatum'>, day: string): boolean => m.ingangsdatum <= day && (m.einddatum === null || day <= m.einddatum);

/**
 * The measure an allowed NotificatieBeslissingRechtspraak records, or undefined when it imposes none
 * or names no GI of this gateway. `gis` are the parties of role gi.
 */
export function measureOf(message: Readonly<Record<string, unknown>>, receiver: MeasureParty, gis: readonly MeasureParty[], ids: { readonly exchangeId: string; readonly subjectPseudonym: string }): ChildMeasure | undefined {
  const soort = message.SoortMaatregel;
  if (message.MaatregelOpgelegd !== true || typeof soort !== 'string' || soort === 'geen') return undefined;
  const instelling = message.UitvoerendeInstelling as { Oin?: unknown } | undefined;
  const byOin = typeof instelling?.Oin === 'string' ? gis.find((g) => g.identifiers.oin === instelling.Oin) : undefined;
  const gi = byOin ?? (instelling?.Oin === undefined && receiver.role === 'gi' ? receiver : undefined);
  if (gi === undefined) return undefined;
  const periode = message.Periode as { Ingangsdatum?: unknown; Einddatum?: unknown } | undefined;
  const start = typeof periode?.Ingangsdatum === 'string' ? periode.Ingangsdatum : typeof message.DatumUitspraak === 'string' ? message.DatumUitspraak : undefined;
  if (start === undefined) return undefined;
  return { ...ids, giParty: gi.id, soort, ingangsdatum: start, einddatum: typeof periode?.Einddatum === 'string' ? periode.Einddatum : null };
}
