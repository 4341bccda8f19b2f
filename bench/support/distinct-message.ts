// Every bench request is a distinct message, as in real traffic: the gateway keeps care paths and
// enforces the iJw process rules that look back (TR056: a BerichtIdentificatie is unique per sender;
// TR347: a ReferentieAanbieder is not reused; TR374: no second request while one is pending for the
// same child), so the same JW315 sent twice is refused. The n-th message gets its own Identificatie,
// its own ReferentieAanbieder per product and its own child (a BSN in the 99xxxxxxx test range that
// passes the 11-test). Placeholders in a body template are filled per request, cheaply, in the load
// generator, for the baseline and the gateway alike.

export const ID_TOKEN = '{{N_ID}}';
export const REF_TOKEN = '{{N_REF}}';
export const BSN_TOKEN = '{{N_BSN}}';

/** The check digit that makes the 8-digit prefix a valid BSN (11-test), or undefined when none does. */
function checkDigit(prefix: string): number | undefined {
  let sum = 0;
  for (let i = 0; i < 8; i += 1) sum += Number(prefix[i]) * (9 - i);
  const d = sum % 11;
  return d <= 9 ? d : undefined;
}

/** A valid BSN for n (0 ≤ n < 500,000), distinct for distinct n: 99 + a 6-digit number + the check digit. */
export function benchBsn(n: number): string {
  for (const candidate of [2 * n, 2 * n + 1]) {
    const prefix = `99${String(candidate % 1_000_000).padStart(6, '0')}`;
    const d = checkDigit(prefix);
    if (d !== undefined) return `${prefix}${d}`;
  }
  // Both candidates end on a check digit of 10: fall back to a higher range (still distinct per n).
  for (let k = 0; ; k += 1) {
    const prefix = `98${String((2 * n + k) % 1_000_000).padStart(6, '0')}`;
    const d = checkDigit(prefix);
    if (d !== undefined) return `${prefix}${d}`;
  }
}

/** The n-th message of a template: each placeholder replaced. */
export function fillMessage(template: string, n: number): string {
  return template.replaceAll(ID_TOKEN, String(100_000_000_000 + n)).replaceAll(REF_TOKEN, `B${n}`).replaceAll(BSN_TOKEN, benchBsn(n));
}
