// The JSON Schemas of the non-iJw message families (schemas/jeugdbescherming, veilig-thuis,
// verwijsindex, lokaal): each type's minimum set validates; leaving out any required member is an
// error pointing at it; a member outside the maximum set is refused; local forms are marked local.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createMessageValidator } from '../../src/validation/message-validator.ts';
import { repoRoot } from '../../src/kernel/repo-root.ts';
import { CHILD, TODAY, fullCasusinformatie, ketenTypes, minimalMessage } from '../support/keten-messages.ts';

const validator = createMessageValidator();
const families = ['jeugdbescherming', 'veilig-thuis', 'verwijsindex', 'lokaal'];
const schemas = new Map<string, Record<string, any>>(
  families.flatMap((family) =>
    readdirSync(join(repoRoot, 'schemas', family))
      .filter((f) => f.endsWith('.schema.json'))
      .map((f) => [f.replace('.schema.json', ''), { family, ...JSON.parse(readFileSync(join(repoRoot, 'schemas', family, f), 'utf8')) }] as [string, Record<string, any>]),
  ),
);

describe('the non-iJw message schemas', () => {
  it('when the validator starts, then every type of these families is known and has a fixture', () => {
    expect([...schemas.keys()].sort()).toEqual(ketenTypes);
    for (const type of ketenTypes) expect(validator.knownTypes()).toContain(type);
    // At least the keten messages the consent and legal-basis rules name.
    for (const type of ['VerzoekTotOnderzoek', 'NotificatieIntake', 'NotificatieStartAmbtshalveOnderzoek', 'NotificatieUitkomstOnderzoek', 'NotificatieBeslissingRechtspraak', 'VeiligThuisMelding', 'VeiligThuisOverdracht', 'VeiligThuisTerugkoppeling', 'VerwijsindexMelding']) {
      expect(ketenTypes).toContain(type);
    }
  });

  it.each(ketenTypes)('%s: the minimum set is valid; each required member left out is an error at its pointer', (type) => {
    expect(validator.validateMessage(type, minimalMessage(type), TODAY)).toEqual([]);
    for (const member of schemas.get(type)!.required as string[]) {
      const { [member]: _left, ...message } = minimalMessage(type);
      expect(validator.validateMessage(type, message, TODAY), `${type} without ${member}`).toContainEqual(expect.objectContaining({ pointer: `/${member}`, rule: 'required' }));
    }
    const extra = { ...minimalMessage(type), Opmerking: 'buiten de maximale set' };
    expect(validator.validateMessage(type, extra, TODAY)).toContainEqual(expect.objectContaining({ pointer: '/Opmerking', rule: 'additionalProperties' }));
  });

  it('marks the forms without a national standard as local, and the CORV and verwijsindex messages as national', () => {
    for (const [type, schema] of schemas) {
      const expected = schema.family === 'veilig-thuis' || schema.family === 'lokaal' || ['MededelingNietVerlenging', 'KennisgevingVerzoekTotOnderzoek'].includes(type) ? 'local' : 'national';
      expect(schema['x-standard'], type).toBe(expected);
      if (expected === 'local') expect(schema.description, type).toMatch(/^Local/);
    }
  });

  it('bounds every string and array (maxLength / maxItems), so a message cannot grow without limit', () => {
    const unbounded: string[] = [];
    const defs = JSON.parse(readFileSync(join(repoRoot, 'schemas/keten/defs.schema.json'), 'utf8')) as Record<string, any>;
    const walk = (node: unknown, at: string): void => {
      if (Array.isArray(node)) return node.forEach((n, i) => walk(n, `${at}/${i}`));
      if (node === null || typeof node !== 'object') return;
      const s = node as Record<string, any>;
      if (s.type === 'string' && s.maxLength === undefined && s.enum === undefined && s.format === undefined) unbounded.push(at);
      if (s.type === 'array' && s.maxItems === undefined) unbounded.push(at);
      for (const [k, v] of Object.entries(s)) walk(v, `${at}/${k}`);
    };
    walk(defs, 'defs');
    for (const [type, schema] of schemas) walk(schema, type);
    expect(unbounded).toEqual([]);
  });

  it('checks the BSN with the 11-test and refuses a child identified by nothing', () => {
    const m = minimalMessage('VeiligThuisMelding');
    m.Kind.Bsn = '123456789';
    expect(validator.validateMessage('VeiligThuisMelding', m, TODAY)).toContainEqual(expect.objectContaining({ pointer: '/Kind/Bsn', rule: 'format' }));
    const anonymous = minimalMessage('VeiligThuisMelding');
    delete anonymous.Kind.Bsn;
    expect(validator.validateMessage('VeiligThuisMelding', anonymous, TODAY).length).toBeGreaterThan(0);
    anonymous.Kind.Personalia = { Achternaam: 'Jansen', Voornamen: 'Lotte', Geboortedatum: '2013-05-10', Postcode: '1111AA', Huisnummer: 3 };
    expect(validator.validateMessage('VeiligThuisMelding', anonymous, TODAY)).toEqual([]);
  });

  it('takes the maximum sets where the law lists them: a VTO with attachments, a full case file', () => {
    const vto = minimalMessage('VerzoekTotOnderzoek');
    vto.Casus = { ...vto.Casus, Omschrijving: 'Zorgen', Startdatum: '2026-11-01', Registratiedatum: '2026-11-02', Spoed: true };
    vto.Verzoeker.Organisatie.Rsin = '123456782';
    vto.OngeborenKinderen = [{ NaamMoeder: { Achternaam: 'Jansen' }, VerwachteGeboortedatum: '2027-03-01' }];
    vto.Formulier = { ...vto.Formulier, Situatie: 'x', Gezinssamenstelling: 'y', Bijlagen: [{ Soort: 'rapportage', Bestandsnaam: 'r.pdf', MediaType: 'application/pdf', Inhoud: 'JVBERi0=' }] };
    expect(validator.validateMessage('VerzoekTotOnderzoek', vto, TODAY)).toEqual([]);
    expect(validator.validateMessage('Casusinformatie', fullCasusinformatie(CHILD.bsn), TODAY)).toEqual([]);
  });
});
