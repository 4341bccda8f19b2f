// The CarePathReader over an in-memory care-path store: the reference for what each bulk read
// returns (the stores' contract tests compare against the same expectations), and the reader tests
// and generated histories use.
import type { CarePathReader } from './care-path-loading.ts';
import type { CarePathMemory } from './care-path-memory.ts';
import type { DeliveryFact, PrestatieFact, RelationFact, RequestFact, ToewijzingFact } from './care-path-facts.ts';

export function createMemoryReader(store: CarePathMemory): CarePathReader {
  const deliveriesOfToewijzing = (t: Pick<ToewijzingFact, 'gemeente' | 'nummer'>): DeliveryFact[] => store.allDeliveries().filter((d) => d.gemeente === t.gemeente && d.nummer === t.nummer);
  const withCredits = (prestaties: readonly PrestatieFact[]): PrestatieFact[] => [...prestaties, ...prestaties.flatMap((p) => store.creditsOf(p.aanbieder, p.referentieNummer))];
  const reader: CarePathReader = {
    trackingSince: () => Promise.resolve(store.trackingSince()),
    messages: (keys) => Promise.resolve({ messages: keys.flatMap((k) => store.message(k.messageType, k.afzender, k.identificatie) ?? []) }),
    pairs: (keys) => Promise.resolve({ pairs: keys.filter((k) => store.pairSeen(k.gemeente, k.aanbieder)) }),
    requests: (keys) => Promise.resolve({ requests: keys.flatMap((k) => store.request(k.aanbieder, k.referentie) ?? []) }),
    named: async (keys) => ({ ...(await reader.messages(keys.messages)), ...(await reader.pairs(keys.pairs)), ...(await reader.requests(keys.requests)) }),
    paths: (keys) => {
      const relations: RelationFact[] = [];
      const requests: RequestFact[] = [];
      const toewijzingen: ToewijzingFact[] = [];
      const deliveries: DeliveryFact[] = [];
      for (const k of keys) {
        const relation = store.relation(k.pseudonym, k.gemeente, k.aanbieder);
        if (relation !== undefined) relations.push(relation);
        requests.push(...store.requestsOf(k.pseudonym, k.gemeente, k.aanbieder));
        const ofPath = store.toewijzingenOf(k.pseudonym, k.gemeente, k.aanbieder);
        toewijzingen.push(...ofPath);
        for (const t of ofPath) deliveries.push(...deliveriesOfToewijzing(t));
        deliveries.push(...store.deliveriesOf(k.gemeente, k.aanbieder, k.pseudonym, undefined));
      }
      return Promise.resolve({ relations, requests, toewijzingen, deliveries });
    },
    toewijzingen: (keys) => {
      const toewijzingen = keys.flatMap((k) => store.toewijzing(k.gemeente, k.nummer) ?? []);
      const prestaties = withCredits(keys.flatMap((k) => store.prestatiesOf(k.gemeente, k.nummer)));
      const declaraties = prestaties.flatMap((p) => store.declaratie(p.aanbieder, p.declaratieNummer) ?? []);
      return Promise.resolve({ toewijzingen, deliveries: keys.flatMap(deliveriesOfToewijzing), prestaties, declaraties });
    },
    declaraties: (keys) => Promise.resolve({ declaraties: keys.flatMap((k) => store.declaratie(k.aanbieder, k.declaratieNummer) ?? []) }),
    declaratiesByMessage: (keys) => {
      const declaraties = keys.flatMap((k) => store.declaratieByMessage(k.aanbieder, k.identificatie, k.dagtekening) ?? []);
      return Promise.resolve({ declaraties, prestaties: declaraties.flatMap((d) => store.prestatiesOfDeclaratie(d.aanbieder, d.declaratieNummer)) });
    },
    prestaties: (keys) => Promise.resolve({ prestaties: withCredits(keys.flatMap((k) => store.prestatie(k.aanbieder, k.referentieNummer) ?? [])) }),
    factsOfExchange: (exchangeId) => Promise.resolve(store.factsOf(exchangeId)),
  };
  return reader;
}
