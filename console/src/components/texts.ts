// Codes from the API in plain words, with the code itself as the fallback (never a blank).
import type { I18n } from '../i18n/i18n.tsx';

export function reasonText(i18n: I18n, reason: string | null | undefined): string {
  if (reason === null || reason === undefined) return i18n.t('reason.allowed');
  return i18n.maybe(`reason.${reason}`) ?? i18n.t('reason.unknown', reason);
}

export function codeText(i18n: I18n, prefix: string, code: string | null | undefined): string {
  if (code === null || code === undefined || code === '') return i18n.t('common.none');
  return i18n.maybe(`${prefix}.${code}`) ?? code;
}
