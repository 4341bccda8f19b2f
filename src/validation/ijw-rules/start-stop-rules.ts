// iJw rules of the start (JW305) and stop (JW307) messages.
import { all, date, ptr, str } from './rule-nodes.ts';
import { type IjwRule, notBefore } from './rule-kit.ts';

export const startStopRules: readonly IjwRule[] = [
  {
    // iJw CS058 (StartProduct and StopProduct).
    code: 'CS058',
    retourcode: '0001',
    text: '1 (eerste aanlevering) of 3 (verwijderen aanlevering) vullen.',
    messageTypes: ['JW305', 'JW307'],
    check: (ctx, report) => {
      const products = [...all(ctx.message, 'Client', 'StartProducten', 'StartProduct'), ...all(ctx.message, 'Client', 'StopProducten', 'StopProduct')];
      for (const p of products) {
        const status = str(p, 'StatusAanlevering');
        if (status !== undefined && status !== '1' && status !== '3') report(ptr(p, 'StatusAanlevering'), `StatusAanlevering ${status} is not allowed (1 or 3)`);
      }
    },
  },
  {
    // iJw TR018 (JW307 StopProduct).
    code: 'TR018',
    retourcode: '0001',
    text: 'Einddatum moet groter dan of gelijk zijn aan Begindatum.',
    messageTypes: ['JW307'],
    check: (ctx, report) => {
      for (const p of all(ctx.message, 'Client', 'StopProducten', 'StopProduct')) {
        if (!notBefore(date(p, 'Einddatum'), date(p, 'Begindatum'))) report(ptr(p, 'Einddatum'), 'Einddatum lies before Begindatum');
      }
    },
  },
];
