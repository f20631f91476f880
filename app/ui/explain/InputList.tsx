import type { Translate } from '@/app/i18n';
import type { InputLine } from '@/app/lib/views/types';

/** The inputs a score read: field or checklist point, and its value; a point not met is marked ✗. */
export function InputList({ t, inputs }: { t: Translate; inputs: InputLine[] }) {
  return (
    <ul className="input-list">
      {inputs.map((i) => (
        <li key={i.key} className={i.failed ? 'unmet' : undefined} data-unmet={i.failed ? 'true' : undefined}>
          {i.failed ? (
            <span className="unmet-mark" role="img" aria-label={t('pointNotMet')}>
              ✗
            </span>
          ) : null}
          {t('labelValue', { label: i.label, value: i.text })}
        </li>
      ))}
    </ul>
  );
}
