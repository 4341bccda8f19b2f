// Who takes part in an exchange, as the policy, the consent registry and the config all name it.

/**
 * Party roles (domain.md 8.2). The first five exchange through iJw and CORV; the others receive or
 * send the non-iJw flows of the default matrix (8.3): the verwijsindex (VIR), CBS, researchers,
 * schools, general practitioners, the police, and meldingsbevoegde professionals.
 */
export type PartyRole =
  | 'gemeente'
  | 'aanbieder'
  | 'gi'
  | 'veilig-thuis'
  | 'raad'
  | 'verwijsindex'
  | 'cbs'
  | 'onderzoeker'
  | 'school'
  | 'huisarts'
  | 'politie'
  | 'professional';
export const partyRoles: readonly PartyRole[] = [
  'gemeente',
  'aanbieder',
  'gi',
  'veilig-thuis',
  'raad',
  'verwijsindex',
  'cbs',
  'onderzoeker',
  'school',
  'huisarts',
  'politie',
  'professional',
];

/**
 * The secrecy regime of a provider (domain.md 4.1): the Jeugdwet (Jw 7.3), or the WGBO (BW 7:446 ff.)
 * where the care is a geneeskundige behandeling, e.g. much of jeugd-GGZ (Jw 7.3.1 lid 3).
 */
export type Regime = 'jeugdwet' | 'wgbo';
