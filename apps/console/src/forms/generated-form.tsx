import { ReactNode, useEffect, useRef, useState } from 'react';
import { refusalMessage } from '../api/client';
import { Agency, useAgencies } from '../lib/agencies';
import { useI18n } from '../lib/i18n';
import { buttonClass, inputClass, secondaryButtonClass } from '../lib/ui';
import {
  buildBody,
  FieldSpec,
  FormValue,
  FormValues,
  placeRefusal,
  rowFieldName,
  rowsOf,
} from './task-form';

/** What sending a form's body gave: the API's answer, as openapi-fetch returns it. */
export interface Sent {
  error?: unknown;
  response: Response;
}

/**
 * A form generated from a request body's fields (`formFields`): the one way the console renders
 * a form. Problems found before sending, and the API's 400, are shown next to their field; a
 * refusal naming no field (a 409: not possible now) above the button.
 */
export function GeneratedForm({
  formId,
  specs,
  fixed,
  submitLabel,
  send,
  onSent,
  initial = {},
  labels = '',
}: {
  formId: string;
  /** Where the fields' labels are (`<labels><field>` among the codes), if not under the field's name. */
  labels?: string;
  specs: FieldSpec[];
  fixed?: Record<string, unknown>;
  submitLabel: string;
  send: (body: Record<string, unknown> | undefined) => Promise<Sent>;
  onSent: (sent: Sent) => void;
  initial?: FormValues;
}) {
  const { t, code } = useI18n();
  const [values, setValues] = useState<FormValues>(initial);
  const [byField, setByField] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<string[]>([]);
  const [sending, setSending] = useState(false);

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    const built = buildBody(specs, values, fixed);
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
    const sent = await send(specs.length || fixed ? built.body : undefined).catch(() => undefined);
    setSending(false);
    if (sent?.response.ok) {
      setValues(initial);
      setByField({});
      setGeneral([]);
      onSent(sent);
      return;
    }
    const placed = placeRefusal(specs, sent ? refusalMessage(sent.error) : '');
    setByField(placed.byField);
    setGeneral(
      placed.general.filter(Boolean).length || Object.keys(placed.byField).length
        ? placed.general
        : [t('error')],
    );
  }

  return (
    <form id={formId} onSubmit={(e) => void submit(e)} noValidate className="space-y-4">
      {specs.map((spec) => {
        const props = {
          key: spec.name,
          id: `${formId}-${spec.name}`,
          spec,
          labels,
          value: values[spec.name],
          set: (v: FormValue) => setValues((all) => ({ ...all, [spec.name]: v })),
        };
        return spec.kind === 'rows' ? (
          <RowsField {...props} errors={byField} />
        ) : (
          <Field {...props} error={byField[spec.name]} />
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
        {sending ? t('sending') : submitLabel}
      </button>
    </form>
  );
}

function Field({
  id,
  spec,
  labels,
  value,
  error,
  set,
}: {
  id: string;
  spec: FieldSpec;
  labels: string;
  value: FormValue;
  error?: string;
  set: (v: FormValue) => void;
}) {
  const { t, code } = useI18n();
  const agencies = useAgencies();
  const hint =
    spec.kind === 'list'
      ? t('listHint')
      : spec.kind === 'duration'
        ? t('durationHint')
        : spec.kind === 'dateTime'
          ? t('dateTimeHint')
          : '';
  const describedBy =
    [error && `${id}-error`, hint && `${id}-hint`].filter(Boolean).join(' ') || undefined;
  const own = code(`${labels}${spec.name}`);
  const label = (
    <>
      {labels && own !== `${labels}${spec.name}` ? own : code(spec.name)}
      {spec.required && <span className="ml-2 text-error-2">（{t('required')}）</span>}
    </>
  );
  const errorLine = <FieldError id={`${id}-error`} text={error} />;

  if (spec.kind === 'enumList' || spec.kind === 'agencyList') {
    const chosen = Array.isArray(value) ? value.filter((v) => typeof v === 'string') : [];
    const box = (o: { value: string; label: ReactNode }) => (
      <label key={o.value} className="mr-4 inline-flex items-center gap-2">
        <input
          type="checkbox"
          name={spec.name}
          value={o.value}
          checked={chosen.includes(o.value)}
          onChange={(e) =>
            set(e.target.checked ? [...chosen, o.value] : chosen.filter((c) => c !== o.value))
          }
        />
        {o.label}
      </label>
    );
    return (
      <fieldset aria-describedby={describedBy}>
        <legend className="text-std-16B-170">{label}</legend>
        {spec.kind === 'enumList'
          ? spec.options!.map((o) => box({ value: o, label: code(o) }))
          : // The register by the field each agency serves, as staff look an agency up.
            groupedByField(agencies ?? []).map(([field, list]) => (
              <fieldset key={field} className="mt-2">
                <legend className="text-std-16N-170 text-solid-gray-700">{code(field)}</legend>
                <div className="grid gap-1 sm:grid-cols-2">
                  {list.map((a) => box({ value: a.code, label: <AgencyLabel agency={a} /> }))}
                </div>
              </fieldset>
            ))}
        {errorLine}
      </fieldset>
    );
  }

  const common = {
    id,
    name: spec.name,
    'aria-invalid': Boolean(error) || undefined,
    'aria-describedby': describedBy,
    'aria-required': spec.required || undefined,
  };
  const text = typeof value === 'string' ? value : '';
  let control: ReactNode;
  if (spec.kind === 'agency') {
    control = (
      <select {...common} className={inputClass} value={text} onChange={(e) => set(e.target.value)}>
        <option value="">—</option>
        {groupedByField(agencies ?? []).map(([field, list]) => (
          <optgroup key={field} label={code(field)}>
            {list.map((a) => (
              <option key={a.code} value={a.code}>
                {a.name}（{a.code}）
              </option>
            ))}
          </optgroup>
        ))}
      </select>
    );
  } else if (spec.kind === 'enum' || spec.kind === 'boolean') {
    const options = spec.kind === 'boolean' ? ['true', 'false'] : spec.options!;
    control = (
      <select {...common} className={inputClass} value={text} onChange={(e) => set(e.target.value)}>
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
        value={text}
        onChange={(e) => set(e.target.value)}
      />
    );
  } else {
    const type =
      spec.kind === 'dateTime'
        ? 'datetime-local'
        : spec.kind === 'date'
          ? 'date'
          : spec.kind === 'number'
            ? 'number'
            : 'text';
    control = (
      <input
        {...common}
        type={type}
        className={`${inputClass} ${spec.kind === 'list' || spec.kind === 'text' ? 'w-full' : ''}`}
        autoComplete="off"
        step={spec.kind === 'dateTime' ? 1 : undefined}
        value={text}
        placeholder={spec.kind === 'duration' ? spec.example : undefined}
        onChange={(e) => set(e.target.value)}
      />
    );
  }
  return (
    <div>
      <label htmlFor={id} className="block text-std-16B-170">
        {label}
      </label>
      {hint && (
        <p id={`${id}-hint`} className="text-solid-gray-700">
          {hint}
        </p>
      )}
      {control}
      {errorLine}
    </div>
  );
}

/**
 * A list of objects as rows (the household's members at referral): each row its fields, added
 * and removed by buttons; a new row's first field takes the focus.
 */
function RowsField({
  id,
  spec,
  labels,
  value,
  errors,
  set,
}: {
  id: string;
  spec: FieldSpec;
  labels: string;
  value: FormValue;
  errors: Record<string, string>;
  set: (v: FormValue) => void;
}) {
  const { t, code } = useI18n();
  const rows = rowsOf(value);
  const fields = spec.fields ?? [];
  const count = useRef(rows.length);
  useEffect(() => {
    if (rows.length > count.current) {
      document.getElementById(`${id}-${rows.length - 1}-${fields[0]?.name}`)?.focus();
    }
    count.current = rows.length;
  }, [rows.length, id, fields]);
  const what = code(`${labels}${spec.name}`);
  return (
    <fieldset>
      <legend className="text-std-16B-170">{what}</legend>
      {rows.map((row, i) => (
        <fieldset key={i} className="mt-2 space-y-3 rounded-8 border border-solid-gray-300 p-4">
          <legend className="px-1 text-std-16B-170">{`${what} ${i + 1}`}</legend>
          {fields.map((f) => (
            <Field
              key={f.name}
              id={`${id}-${i}-${f.name}`}
              spec={f}
              labels={labels}
              value={row[f.name]}
              error={errors[rowFieldName(spec.name, i, f.name)]}
              set={(v) => set(rows.map((r, j) => (j === i ? { ...r, [f.name]: v } : r)))}
            />
          ))}
          <button
            type="button"
            className={secondaryButtonClass}
            onClick={() => set(rows.filter((_, j) => j !== i))}
          >
            {t('removeRow').replace('{what}', `${what} ${i + 1}`)}
          </button>
        </fieldset>
      ))}
      <button
        type="button"
        className={`${secondaryButtonClass} mt-2`}
        onClick={() => set([...rows, {}])}
      >
        {t('addRow').replace('{what}', what)}
      </button>
    </fieldset>
  );
}

/** The register's agencies by the field they serve, in the register's order. */
function groupedByField(agencies: Agency[]): [string, Agency[]][] {
  const groups = new Map<string, Agency[]>();
  for (const a of agencies) groups.set(a.field, [...(groups.get(a.field) ?? []), a]);
  return [...groups];
}

function AgencyLabel({ agency }: { agency: Agency }) {
  return (
    <span>
      {agency.name} <span className="text-solid-gray-700">（{agency.code}）</span>
    </span>
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
