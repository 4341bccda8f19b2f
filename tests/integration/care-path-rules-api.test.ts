// Every process rule of the care path through the HTTP API, as a JSON envelope and as native iJw XML:
// the cases of tests/support/process-rule-cases.ts (the same that run in memory in
// tests/unit/care-path-rules.test.ts), each on a gateway of its own, where the gateway must answer as
// the in-memory reference decides (tests/support/care-path-http-harness.ts). The last test of each
// format fails when a refusal rule of the registry (src/care-path/process-rules.ts) was not both
// refused and accepted-valid through the API, so a new rule cannot go without an HTTP case.
import { afterEach, describe, expect, it } from 'vitest';
import { defineProcessRuleCases } from '../support/process-rule-cases.ts';
import { httpHarnesses, RuleCoverage, type Format } from '../support/care-path-http-harness.ts';

for (const format of ['json', 'xml'] as const satisfies readonly Format[]) {
  describe(`the process rules through the HTTP API, as ${format === 'json' ? 'a JSON envelope' : 'native iJw XML'}`, () => {
    const coverage = new RuleCoverage();
    const harnesses = httpHarnesses(format, coverage);
    afterEach(async () => {
      await harnesses.close();
    });

    defineProcessRuleCases(harnesses.make);

    it('when every case has run, then every retour the gateway answered with is valid against its XSD', () => {
      // The refusals: an accepted message is acknowledged plainly, as these receivers write their own
      // retours (ijwRetour 'receiver', the default; tests/integration/ijw-one-retour.test.ts).
      if (format === 'xml') expect(coverage.retours.length).toBeGreaterThan(25);
      expect(coverage.invalidRetours()).toEqual([]);
    });

    it('when every case has run, then each refusal rule of the registry was refused and accepted-valid through the API at least once, and each rule a message can break without a retourcode was signalled', () => {
      expect(coverage.missing()).toEqual({ refused: [], kept: [], signalled: [] });
    });
  });
}
