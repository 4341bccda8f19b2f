// Who is owed the signal for a child with care and no regievoerder, and from when the days count
// (src/scheduler/jobs/regie-missing-signals.ts). The integration test runs the watchdog through the
// API; these cases pin the choices that need parties the demo does not have.
import { describe, expect, it } from 'vitest';
import { signalForCareWithoutRegie, type PartyLookup } from '../../src/scheduler/jobs/regie-missing-signals.ts';
import type { CareWithoutRegie } from '../../src/store/regie-store.ts';

const gemeenten: Record<string, string> = { '0384': 'gemeente-diemen', '0363': 'gemeente-amsterdam' };
const parties: PartyLookup = { gemeenteByCode: (code) => gemeenten[code], isGemeente: (id) => Object.values(gemeenten).includes(id) };
const settings = { withoutRegieSignalDays: 10, watchedSince: '2025-01-01' };
const at = (day: string): number => Date.parse(`${day}T10:00:00Z`);

function care(over: Partial<CareWithoutRegie>): CareWithoutRegie {
  return { subjectPseudonym: 'a'.repeat(64), lastRegieEndedAt: null, toewijzingen: [], overdrachten: [], ...over };
}

describe('the signal for a child with care and no regievoerder', () => {
  it('when a child has toewijzingen of two gemeenten, then the gemeente of the latest one is owed, counted from the first', () => {
    const draft = signalForCareWithoutRegie(
      care({ toewijzingen: [{ gemeentecode: '0363', firstDay: '2026-10-01', latestDay: '2026-10-01' }, { gemeentecode: '0384', firstDay: '2026-10-05', latestDay: '2026-10-20' }] }),
      '2026-10-12', settings, parties, [],
    );
    expect(draft).toMatchObject({ owedBy: 'gemeente-diemen', dueDay: '2026-10-11', key: `without:${'a'.repeat(64)}`, kind: 'regie-missing' });
  });

  it('when the last regie ended after the care began, then the days count from the end', () => {
    const child = care({ toewijzingen: [{ gemeentecode: '0384', firstDay: '2026-01-01', latestDay: '2026-01-01' }], lastRegieEndedAt: at('2026-10-01') });
    expect(signalForCareWithoutRegie(child, '2026-10-11', settings, parties, [])).toBeUndefined();
    expect(signalForCareWithoutRegie(child, '2026-10-12', settings, parties, [])).toMatchObject({ dueDay: '2026-10-11' });
  });

  it('when Veilig Thuis handed over to a provider, then a gemeente the care path knows for the child is owed, with the provider concerned', () => {
    const child = care({ overdrachten: [{ sender: 'veilig-thuis-amsterdam', receiver: 'jeugdhulp-de-brug', firstAt: at('2026-10-01') }] });
    expect(signalForCareWithoutRegie(child, '2026-10-20', settings, parties, ['0363'])).toMatchObject({ owedBy: 'gemeente-amsterdam', concerned: 'jeugdhulp-de-brug', refs: { messageType: 'VeiligThuisOverdracht' } });
  });

  it('when the watchdog first looked after the care began, then the days count from that first look (no flood on the first day)', () => {
    const child = care({ toewijzingen: [{ gemeentecode: '0384', firstDay: '2026-01-01', latestDay: '2026-01-01' }] });
    const later = { withoutRegieSignalDays: 10, watchedSince: '2026-12-04' };
    expect(signalForCareWithoutRegie(child, '2026-12-14', later, parties, [])).toBeUndefined();
    expect(signalForCareWithoutRegie(child, '2026-12-15', later, parties, [])).toMatchObject({ dueDay: '2026-12-14' });
  });

  it('when no gemeente is known for a child handed over to a provider, then Veilig Thuis, which handed it over, is owed', () => {
    const child = care({ overdrachten: [{ sender: 'veilig-thuis-amsterdam', receiver: 'jeugdhulp-de-brug', firstAt: at('2026-10-01') }] });
    expect(signalForCareWithoutRegie(child, '2026-10-20', settings, parties, [])).toMatchObject({ owedBy: 'veilig-thuis-amsterdam', concerned: 'jeugdhulp-de-brug' });
  });

  it('when the toewijzing names a gemeente that is not a party here, then no signal is raised for it (nobody to tell)', () => {
    expect(signalForCareWithoutRegie(care({ toewijzingen: [{ gemeentecode: '9999', firstDay: '2026-01-01', latestDay: '2026-01-01' }] }), '2026-10-20', settings, parties, [])).toBeUndefined();
  });
});
