// Codes from the API in plain words, with the code itself as the fallback (never a blank). Decision
// reasons come from consent/decision-texts.json, the catalogue the subject-access report uses too.
import decisionTexts from '../../../consent/decision-texts.json';
import type { I18n } from '../i18n/i18n.tsx';

const reasons: Readonly<Record<string, Readonly<Record<'nl' | 'en', string>> | undefined>> = decisionTexts.reasons;

/** A decision reason in plain words; an allowed decision without a reason is "allowed by the rule". */
export function reasonText(i18n: I18n, reason: string | null | undefined): string {
  const code = reason ?? 'rule-allows';
  return reasons[code]?.[i18n.language] ?? i18n.t('reason.unknown', code);
}

export function codeText(i18n: I18n, prefix: string, code: string | null | undefined): string {
  if (code === null || code === undefined || code === '') return i18n.t('common.none');
  return i18n.maybe(`${prefix}.${code}`) ?? code;
}
