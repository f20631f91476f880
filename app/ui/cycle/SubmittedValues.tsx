import type { Translate } from '@/app/i18n';
import type { FormSection } from '@/app/rounds/[slug]/submission/form-shape';

/**
 * A unit's submitted figures, section by section, under the labels of the viewer's language. A
 * checklist answer is stored as 是/否 and said in that language; every other value is the unit's data.
 */
export function SubmittedValues({ t, sections, values }: { t: Translate; sections: FormSection[]; values: Record<string, string | undefined> }) {
  const shown = (v: string | undefined) => (v === undefined || v === '' ? '—' : v === '是' ? t('yes') : v === '否' ? t('no') : <span data-name="">{v}</span>);
  return (
    <>
      {sections.map((s) => (
        <dl key={s.kind} className="value-grid" data-testid={`values-${s.kind}`}>
          {s.fields.map((f) => (
            <div key={f.key}>
              <dt>{f.label}</dt>
              <dd>{shown(values[f.key])}</dd>
            </div>
          ))}
        </dl>
      ))}
    </>
  );
}
