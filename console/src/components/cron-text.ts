// A cron expression in plain words ("Elke werkdag om 02:00"), or undefined when it is not valid. The
// gateway's own parser stays the judge when the schedule is saved; this is the preview as you type.
import cronstrue from 'cronstrue';
import 'cronstrue/locales/nl';
import type { Language } from '../i18n/i18n.tsx';

const weekdays: Record<Language, RegExp> = { nl: /^Om (\d\d:\d\d), maandag t\/m vrijdag$/, en: /^At (\d\d:\d\d), Monday through Friday$/ };
const daily: Record<Language, RegExp> = { nl: /^Om (\d\d:\d\d)$/, en: /^At (\d\d:\d\d)$/ };

export function describeCron(expression: string, language: Language): string | undefined {
  const fields = expression.trim().split(/\s+/);
  if (fields.length < 5 || fields.length > 6) return undefined;
  let text: string;
  try {
    text = cronstrue.toString(expression.trim(), { locale: language, use24HourTimeFormat: true, throwExceptionOnParseError: true });
  } catch {
    return undefined;
  }
  const workday = weekdays[language].exec(text);
  if (workday) return language === 'nl' ? `Elke werkdag om ${workday[1]}` : `Every working day at ${workday[1]}`;
  const everyDay = daily[language].exec(text);
  if (everyDay) return language === 'nl' ? `Elke dag om ${everyDay[1]}` : `Every day at ${everyDay[1]}`;
  return text;
}
