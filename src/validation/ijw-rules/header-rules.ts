// iJw rules on the header of every checked message: the Dagtekening (TR135) and the gemeentecodes (TR378).
import { isGemeentecode } from '../identifiers.ts';
import { all, child, date, ptr, str } from './rule-nodes.ts';
import { AANGEVRAAGD, HEEN_AND_325, type IjwRule, TOEGEWEZEN } from './rule-kit.ts';

export const headerRules: readonly IjwRule[] = [
  {
    // iJw TR135 (retourcode 8848, "Dagtekening moet gelijk zijn aan of voor de systeemdatum liggen").
    code: 'TR135',
    retourcode: '8848',
    text: 'Vullen met een bestaande datum die niet in de toekomst ligt.',
    messageTypes: HEEN_AND_325,
    check: (ctx, report) => {
      if (ctx.dagtekening !== undefined && ctx.dagtekening > ctx.today) {
        report('/Header/BerichtIdentificatie/Dagtekening', `Dagtekening ${ctx.dagtekening} lies in the future (today is ${ctx.today})`);
      }
    },
  },
  {
    // iJw TR378 (retourcode S300). The list "actueel op Ingangsdatum of ToewijzingIngangsdatum" may be
    // an older one after a municipal merger, so a code valid on the Dagtekening or on any product's
    // (Toewijzing)Ingangsdatum in the message is accepted. The header field that holds a gemeentecode
    // is the four-digit one (the schema has checked Afzender/Ontvanger against LDT_Gemeente/LDT_AgbCode).
    code: 'TR378',
    retourcode: 'S300',
    text: 'Vullen met een bestaande gemeentecode uit het overzicht van CBS dat actueel is op Ingangsdatum of ToewijzingIngangsdatum.',
    messageTypes: HEEN_AND_325,
    check: (ctx, report) => {
      const dates = [ctx.dagtekening]
        .concat(all(ctx.message, ...TOEGEWEZEN.path).map((p) => date(p, TOEGEWEZEN.start)))
        .concat(all(ctx.message, ...AANGEVRAAGD.path).map((p) => date(p, AANGEVRAAGD.start)))
        .filter((d): d is string => d !== undefined);
      const header = child(ctx.message, 'Header');
      const codes = ['Afzender', 'Ontvanger']
        .map((k) => ({ value: str(header, k), pointer: `/Header/${k}` }))
        .filter((c): c is { value: string; pointer: string } => c.value !== undefined && /^[0-9]{4}$/.test(c.value));
      for (const wpb of all(ctx.message, 'Antwoord', 'Woonplaatsbeginsel')) {
        const g = str(wpb, 'Gemeente');
        if (g !== undefined) codes.push({ value: g, pointer: ptr(wpb, 'Gemeente') });
      }
      for (const c of codes) {
        if (!dates.some((d) => isGemeentecode(c.value, d))) report(c.pointer, `gemeentecode ${c.value} is not in the CBS list of municipalities`);
      }
    },
  },
];
