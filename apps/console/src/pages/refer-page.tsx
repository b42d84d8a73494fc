import { useMemo, useState } from 'react';
import { api, refusalMessage } from '../api/client';
import document from '../api/openapi.json';
import {
  buildBody,
  formFields,
  FormValues,
  OpenApiDocument,
  placeRefusal,
} from '../forms/task-form';
import type { Session } from '../lib/auth';
import { useI18n } from '../lib/i18n';
import { hrefOf } from '../lib/route';
import { buttonClass, inputClass, linkClass, PageTitle } from '../lib/ui';

/**
 * A referral (受付), generated from the referral's body schema like the task forms. The id is
 * made here, once per form, so sending again after a lost answer refers the same case.
 */
export function ReferPage({ session }: { session: Session }) {
  const { t, code } = useI18n();
  const fixed = useMemo(
    () => ({ id: crypto.randomUUID(), municipality: session.municipality }),
    [session],
  );
  const specs = useMemo(
    () => formFields(document as unknown as OpenApiDocument, '/v1/cases', fixed),
    [fixed],
  );
  const [values, setValues] = useState<FormValues>({});
  const [byField, setByField] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<string[]>([]);
  const [created, setCreated] = useState<string>();

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    const built = buildBody(specs, values, fixed);
    if (!built.ok) {
      setByField(
        Object.fromEntries(
          built.problems.map((p) => [p.field, `${code(p.field)}${t(`problem_${p.problem}`)}`]),
        ),
      );
      return;
    }
    const res = await api.POST('/v1/cases', { body: built.body as never });
    if (res.response.ok) {
      setCreated(fixed.id);
      return;
    }
    const placed = placeRefusal(specs, refusalMessage(res.error));
    setByField(placed.byField);
    setGeneral(placed.general.length ? placed.general : []);
  }

  if (created) {
    return (
      <>
        <PageTitle>{t('refer')}</PageTitle>
        <p role="status" className="mb-4">
          {t('created')}{' '}
          <a className={linkClass} href={hrefOf({ page: 'case', id: created })}>
            {created}
          </a>
        </p>
      </>
    );
  }
  return (
    <>
      <PageTitle>{t('refer')}</PageTitle>
      <p className="mb-4">
        {t('newCaseId')}: {fixed.id}
      </p>
      <form onSubmit={(e) => void submit(e)} noValidate className="space-y-4">
        {specs.map((spec) => {
          const id = `refer-${spec.name}`;
          const error = byField[spec.name];
          const set = (v: string | string[]) => setValues({ ...values, [spec.name]: v });
          const label = (
            <>
              {code(spec.name)}
              {spec.required && <span className="ml-2 text-error-2">（{t('required')}）</span>}
            </>
          );
          const errorLine = error && (
            <p id={`${id}-error`} role="alert" className="text-error-2">
              {error}
            </p>
          );
          if (spec.kind === 'enumList') {
            const chosen = Array.isArray(values[spec.name]) ? (values[spec.name] as string[]) : [];
            return (
              <fieldset key={spec.name}>
                <legend className="text-std-16B-170">{label}</legend>
                {spec.options!.map((o) => (
                  <label key={o} className="mr-4 inline-flex items-center gap-2">
                    <input
                      type="checkbox"
                      name={spec.name}
                      value={o}
                      checked={chosen.includes(o)}
                      onChange={(e) =>
                        set(e.target.checked ? [...chosen, o] : chosen.filter((c) => c !== o))
                      }
                    />
                    {code(o)}
                  </label>
                ))}
                {errorLine}
              </fieldset>
            );
          }
          const common = {
            id,
            name: spec.name,
            'aria-invalid': Boolean(error) || undefined,
            'aria-describedby': error ? `${id}-error` : undefined,
            className: `${inputClass} ${spec.kind === 'enum' ? '' : 'w-full'}`,
            value: (values[spec.name] as string) ?? '',
          };
          return (
            <div key={spec.name}>
              <label htmlFor={id} className="block text-std-16B-170">
                {label}
              </label>
              {spec.kind === 'enum' ? (
                <select {...common} onChange={(e) => set(e.target.value)}>
                  <option value="">—</option>
                  {spec.options!.map((o) => (
                    <option key={o} value={o}>
                      {code(o)}
                    </option>
                  ))}
                </select>
              ) : spec.kind === 'longText' ? (
                <textarea {...common} rows={3} onChange={(e) => set(e.target.value)} />
              ) : (
                <input
                  {...common}
                  type="text"
                  autoComplete="off"
                  onChange={(e) => set(e.target.value)}
                />
              )}
              {spec.kind === 'list' && <p className="text-solid-gray-700">{t('listHint')}</p>}
              {errorLine}
            </div>
          );
        })}
        {general.length > 0 && (
          <div role="alert" className="rounded-8 border-2 border-error-1 p-3 text-error-2">
            {general.map((g) => (
              <p key={g}>{g}</p>
            ))}
          </div>
        )}
        <button type="submit" className={buttonClass}>
          {t('refer')}
        </button>
      </form>
    </>
  );
}
