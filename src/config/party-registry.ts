import type { Party, Principal, StaffMember } from './config-types.ts';

/** The parties the gateway knows, by id and by their iJw identifiers (gemeentecode, AGB). */
export interface PartyRegistry {
  get(id: string): Party | undefined;
  /** The party an iJw header code (4-digit gemeentecode or 8-digit AGB) belongs to. */
  findByIjwCode(code: string): Party | undefined;
  all(): readonly Party[];
  /** The party or staff member a token's `iss` names. */
  principal(id: string): Principal | undefined;
}

export function createPartyRegistry(parties: readonly Party[], staff: readonly StaffMember[] = []): PartyRegistry {
  const byId = new Map(parties.map((p) => [p.id, p]));
  const byCode = new Map<string, Party>();
  for (const p of parties) {
    if (p.identifiers.gemeentecode !== undefined) byCode.set(p.identifiers.gemeentecode, p);
    if (p.identifiers.agb !== undefined) byCode.set(p.identifiers.agb, p);
  }
  const principals = new Map<string, Principal>();
  for (const party of parties) principals.set(party.id, { id: party.id, role: 'agency', party });
  for (const member of staff) principals.set(member.id, { id: member.id, role: member.role, staff: member });
  return {
    principal: (id) => principals.get(id),
    get: (id) => byId.get(id),
    findByIjwCode: (code) => byCode.get(code),
    all: () => parties,
  };
}

/** A party registry whose parties a configuration reload replaces (src/config/config-reload.ts). */
export interface ReloadablePartyRegistry extends PartyRegistry {
  /** From now on, these parties and staff; a look-up already answered keeps its answer. */
  replace(parties: readonly Party[], staff: readonly StaffMember[]): void;
}

/**
 * Every part of the gateway holds this one object, so a reload reaches them all at once: each call is
 * answered by the registry of the configuration in force at that moment.
 */
export function createReloadablePartyRegistry(parties: readonly Party[], staff: readonly StaffMember[] = []): ReloadablePartyRegistry {
  let current = createPartyRegistry(parties, staff);
  return {
    principal: (id) => current.principal(id),
    get: (id) => current.get(id),
    findByIjwCode: (code) => current.findByIjwCode(code),
    all: () => current.all(),
    replace(nextParties, nextStaff) {
      current = createPartyRegistry(nextParties, nextStaff);
    },
  };
}
