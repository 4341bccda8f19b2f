// The BSN input: kept in React state only (never a draft, never in a URL or storage), with the
// eleven test as a hint before anything is sent. autocomplete=off keeps it out of the browser's
// form history.
import { useId } from 'react';
import { useI18n } from '../i18n/i18n.tsx';

/** The BSN eleven test (elfproef): 9 digits, weights 9..2 and -1, sum divisible by 11. */
export function passesElevenTest(value: string): boolean {
  if (!/^[0-9]{9}$/.test(value) || value === '000000000') return false;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number(value[i]) * (9 - i);
  sum -= Number(value[8]);
  return sum % 11 === 0;
}

export function BsnField({ label, value, onChange, showError, required = true }: { label: string; value: string; onChange: (value: string) => void; showError: boolean; required?: boolean }) {
  const { t } = useI18n();
  const id = useId();
  const invalid = showError && value !== '' && !passesElevenTest(value);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <span className="hint" id={`${id}-hint`}>
        {t('child.bsn.hint')}
      </span>
      <input
        id={id}
        name="bsn"
        inputMode="numeric"
        autoComplete="off"
        spellCheck={false}
        maxLength={9}
        pattern="[0-9]{9}"
        required={required}
        value={value}
        aria-invalid={invalid}
        aria-describedby={`${id}-hint${invalid ? ` ${id}-error` : ''}`}
        onChange={(e) => onChange(e.target.value.replace(/\D/g, ''))}
      />
      {invalid && (
        <span className="field-error" id={`${id}-error`}>
          {t('child.bsn.invalid')}
        </span>
      )}
    </div>
  );
}
