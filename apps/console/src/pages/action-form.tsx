import { useMemo, useState } from 'react';
import { api, CaseView, refusalMessage } from '../api/client';
import document from '../api/openapi.json';
import type { CaseAction } from '../../../../libs/domain/src/case/case-actions';
import { ACTION_ENDPOINTS } from '../forms/task-actions';
import {
  buildBody,
  FieldSpec,
  formFields,
  FormValues,
  OpenApiDocument,
  placeRefusal,
} from '../forms/task-form';
import { useI18n } from '../lib/i18n';
import { buttonClass, inputClass } from '../lib/ui';

const API_DOCUMENT = document as unknown as OpenApiDocument;
type Post = (
  path: string,
  init: { params: { path: { id: string } }; body?: unknown },
) => Promise<{ data?: CaseView; error?: unknown; response: Response }>;

/**
 * One action's form, generated from its body schema in the API document. Problems found before
 * sending, and the API's 400, are shown next to their field; a 409 (not possible in the step)
 * above the button, as the step's reason.
 */
export function ActionForm({
  caseId,
  action,
  onDone,
}: {
  caseId: string;
  action: CaseAction;
  onDone: (view: CaseView | undefined, pending: boolean) => void;
}) {
  const { t, code } = useI18n();
  const endpoint = ACTION_ENDPOINTS[action];
  const specs = useMemo(() => formFields(API_DOCUMENT, endpoint.path, endpoint.fixed), [endpoint]);
  const [values, setValues] = useState<FormValues>({});
  const [byField, setByField] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<string[]>([]);
  const [sending, setSending] = useState(false);
  const formId = `form-${action.replace('.', '-')}`;

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    const built = buildBody(specs, values, endpoint.fixed);
    if (!built.ok) {
      setByField(
        Object.fromEntries(
          built.problems.map((p) => [p.field, `${code(p.field)}${t(`problem_${p.problem}`)}`]),
        ),
      );
      setGeneral([]);
      return;
    }
    setSending(true);
    const res = await (api.POST as unknown as Post)(endpoint.path, {
      params: { path: { id: caseId } },
      ...(specs.length || endpoint.fixed ? { body: built.body } : {}),
    });
    setSending(false);
    if (res.response.ok) {
      setValues({});
      setByField({});
      setGeneral([]);
      onDone(res.data, res.response.status === 202);
      return;
    }
    const placed = placeRefusal(specs, refusalMessage(res.error));
    setByField(placed.byField);
    setGeneral(
      placed.general.length || Object.keys(placed.byField).length ? placed.general : [t('error')],
    );
  }

  const describedBy = (spec: FieldSpec) =>
    [
      byField[spec.name] && `${formId}-${spec.name}-error`,
      hint(spec) && `${formId}-${spec.name}-hint`,
    ]
      .filter(Boolean)
      .join(' ') || undefined;
  const hint = (spec: FieldSpec) =>
    spec.kind === 'list'
      ? t('listHint')
      : spec.kind === 'duration'
        ? t('durationHint')
        : spec.kind === 'dateTime'
          ? t('dateTimeHint')
          : '';

  return (
    <form id={formId} onSubmit={(e) => void submit(e)} noValidate className="space-y-4">
      {specs.map((spec) => {
        const id = `${formId}-${spec.name}`;
        const invalid = Boolean(byField[spec.name]);
        const common = {
          id,
          name: spec.name,
          'aria-invalid': invalid || undefined,
          'aria-describedby': describedBy(spec),
          'aria-required': spec.required || undefined,
        };
        const value = values[spec.name];
        const set = (v: string | string[]) => setValues({ ...values, [spec.name]: v });
        const label = (
          <>
            {code(spec.name)}
            {spec.required && <span className="ml-2 text-error-2">（{t('required')}）</span>}
          </>
        );
        let control: React.ReactNode;
        if (spec.kind === 'enumList') {
          return (
            <fieldset key={spec.name} aria-describedby={describedBy(spec)}>
              <legend className="text-std-16B-170">{label}</legend>
              {spec.options!.map((o) => (
                <label key={o} className="mr-4 inline-flex items-center gap-2">
                  <input
                    type="checkbox"
                    checked={Array.isArray(value) && value.includes(o)}
                    onChange={(e) => {
                      const chosen = Array.isArray(value) ? value : [];
                      set(e.target.checked ? [...chosen, o] : chosen.filter((c) => c !== o));
                    }}
                  />
                  {code(o)}
                </label>
              ))}
              <FieldError id={`${id}-error`} text={byField[spec.name]} />
            </fieldset>
          );
        }
        if (spec.kind === 'enum' || spec.kind === 'boolean') {
          const options = spec.kind === 'boolean' ? ['true', 'false'] : spec.options!;
          control = (
            <select
              {...common}
              className={inputClass}
              value={(value as string) ?? ''}
              onChange={(e) => set(e.target.value)}
            >
              <option value="">—</option>
              {options.map((o) => (
                <option key={o} value={o}>
                  {code(o)}
                </option>
              ))}
            </select>
          );
        } else if (spec.kind === 'longText') {
          control = (
            <textarea
              {...common}
              rows={3}
              className={`${inputClass} w-full`}
              value={(value as string) ?? ''}
              onChange={(e) => set(e.target.value)}
            />
          );
        } else {
          control = (
            <input
              {...common}
              type={
                spec.kind === 'dateTime'
                  ? 'datetime-local'
                  : spec.kind === 'number'
                    ? 'number'
                    : 'text'
              }
              className={`${inputClass} ${spec.kind === 'list' || spec.kind === 'text' ? 'w-full' : ''}`}
              autoComplete="off"
              step={spec.kind === 'dateTime' ? 1 : undefined}
              value={(value as string) ?? ''}
              placeholder={spec.kind === 'duration' ? spec.example : undefined}
              onChange={(e) => set(e.target.value)}
            />
          );
        }
        return (
          <div key={spec.name}>
            <label htmlFor={id} className="block text-std-16B-170">
              {label}
            </label>
            {hint(spec) && (
              <p id={`${id}-hint`} className="text-solid-gray-700">
                {hint(spec)}
              </p>
            )}
            {control}
            <FieldError id={`${id}-error`} text={byField[spec.name]} />
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
      <button type="submit" className={buttonClass} disabled={sending}>
        {sending ? t('sending') : code(`action.${action}`)}
      </button>
    </form>
  );
}

function FieldError({ id, text }: { id: string; text?: string }) {
  if (!text) return null;
  return (
    <p id={id} role="alert" className="mt-1 text-error-2">
      {text}
    </p>
  );
}
