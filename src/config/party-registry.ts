import type { Party } from './config-types.ts';

/** The parties the gateway knows, by id and by their iJw identifiers (gemeentecode, AGB). */
export interface PartyRegistry {
  get(id: string): Party | undefined;
  /** The party an iJw header code (4-digit gemeentecode or 8-digit AGB) belongs to. */
  findByIjwCode(code: string): Party | undefined;
  all(): readonly Party[];
}

export function createPartyRegistry(parties: readonly Party[]): PartyRegistry {
  const byId = new Map(parties.map((p) => [p.id, p]));
  const byCode = new Map<string, Party>();
  for (const p of parties) {
    if (p.identifiers.gemeentecode !== undefined) byCode.set(p.identifiers.gemeentecode, p);
    if (p.identifiers.agb !== undefined) byCode.set(p.identifiers.agb, p);
  }
  return {
    get: (id) => byId.get(id),
    findByIjwCode: (code) => byCode.get(code),
    all: () => parties,
  };
}
