/**
 * Forms generated from the API's OpenAPI document: each action's request body schema (made from
 * the DTOs, which carry the definitions' form fields, enums, limits and required fields) becomes
 * a list of fields; the values a person types become the body; the API's 400 is put next to the
 * field it names. Pure, so it is unit-tested without a browser.
 */

export type FieldKind =
  | 'enum'
  | 'enumList'
  | 'text'
  | 'longText'
  | 'list'
  | 'number'
  | 'boolean'
  | 'dateTime'
  | 'date'
  | 'duration'
  | 'agency'
  | 'agencyList'
  | 'rows';

export interface FieldSpec {
  name: string;
  kind: FieldKind;
  required: boolean;
  options?: string[];
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  description?: string;
  example?: string;
  /** A `rows` field's own fields: a list of objects (the household's members), one row each. */
  fields?: FieldSpec[];
}

interface Schema {
  type?: string;
  format?: string;
  enum?: unknown[];
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  description?: string;
  example?: unknown;
  $ref?: string;
  allOf?: Schema[];
}

export interface OpenApiDocument {
  paths: Record<
    string,
    Record<string, { requestBody?: { content?: Record<string, { schema?: Schema }> } } | undefined>
  >;
  components?: { schemas?: Record<string, Schema> };
}

/** Long free text (notes, summaries) gets a text area; short text a line. */
const LONG_TEXT = 1000;
/** ISO 8601 durations (P1M, P2W): the DTOs say so by their example. */
const DURATION = /^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(\d+H)?(\d+M)?(\d+S)?)?$/;

function resolve(document: OpenApiDocument, schema: Schema | undefined): Schema | undefined {
  if (!schema) return undefined;
  if (schema.$ref) {
    const name = schema.$ref.replace('#/components/schemas/', '');
    return resolve(document, document.components?.schemas?.[name]);
  }
  if (schema.allOf?.length === 1) return { ...resolve(document, schema.allOf[0]), ...schema };
  return schema;
}

/**
 * The body fields that name agencies of the register (`GET /v1/agencies`) by code: chosen from
 * it, not typed. The API refuses any other code (`AgencyRegister`); the spec ties this list to
 * the document.
 */
export const AGENCY_CODE_FIELDS: readonly string[] = [
  'referringAgency',
  'supportMeetingAgencies',
  'agencies',
  'attendees',
  'agency',
];

function kindOf(name: string, schema: Schema): FieldKind {
  if (AGENCY_CODE_FIELDS.includes(name)) return schema.type === 'array' ? 'agencyList' : 'agency';
  if (schema.enum) return 'enum';
  if (schema.type === 'array') return schema.items?.enum ? 'enumList' : 'list';
  if (schema.type === 'number' || schema.type === 'integer') return 'number';
  if (schema.type === 'boolean') return 'boolean';
  if (schema.format === 'date-time') return 'dateTime';
  if (schema.format === 'date') return 'date';
  if (typeof schema.example === 'string' && DURATION.test(schema.example)) return 'duration';
  return (schema.maxLength ?? LONG_TEXT) >= LONG_TEXT ? 'longText' : 'text';
}

/** The fields of a request's body, in the DTO's order; `fixed` ones are set by the console. */
export function formFields(
  document: OpenApiDocument,
  path: string,
  fixed: Record<string, unknown> = {},
  method: 'post' | 'patch' | 'put' = 'post',
): FieldSpec[] {
  const body = document.paths[path]?.[method]?.requestBody?.content?.['application/json']?.schema;
  return objectFields(document, resolve(document, body), fixed);
}

function objectFields(
  document: OpenApiDocument,
  body: Schema | undefined,
  fixed: Record<string, unknown>,
): FieldSpec[] {
  if (!body?.properties) return [];
  const required = new Set(body.required ?? []);
  return Object.entries(body.properties)
    .filter(([name]) => !(name in fixed))
    .flatMap(([name, raw]) => {
      const schema = resolve(document, raw);
      if (!schema || schema.type === 'object') return [];
      if (schema.items?.$ref) {
        const fields = objectFields(document, resolve(document, schema.items), {});
        return fields.length
          ? [{ name, kind: 'rows' as const, required: required.has(name), fields }]
          : [];
      }
      const kind = kindOf(name, schema);
      const spec: FieldSpec = { name, kind, required: required.has(name) };
      const options = schema.enum ?? schema.items?.enum;
      if (options) spec.options = options.map(String);
      if (schema.maxLength !== undefined) spec.maxLength = schema.maxLength;
      if (schema.minimum !== undefined) spec.minimum = schema.minimum;
      if (schema.maximum !== undefined) spec.maximum = schema.maximum;
      if (schema.description) spec.description = schema.description;
      if (typeof schema.example === 'string') spec.example = schema.example;
      return [spec];
    });
}

/**
 * What a person typed, field by field: strings, the chosen options of a multiple choice, or a
 * `rows` field's rows.
 */
export type FormValues = { [field: string]: FormValue };
export type FormValue = string | string[] | FormValues[] | undefined;

/** A field's problem, found before sending: the code of a message the console words. */
export interface FieldProblem {
  field: string;
  problem: 'required' | 'number' | 'range' | 'duration' | 'dateTime' | 'date' | 'tooLong';
}

/** Where a row's field is kept among the problems and the refusals: `members.0.name`. */
export const rowFieldName = (rows: string, index: number, field: string): string =>
  `${rows}.${index}.${field}`;

/** A `rows` field's rows (a row left blank is a row still: its required fields are asked for). */
export function rowsOf(value: FormValue): FormValues[] {
  return Array.isArray(value) ? value.filter((v): v is FormValues => typeof v === 'object') : [];
}

export type BuiltBody =
  { ok: true; body: Record<string, unknown> } | { ok: false; problems: FieldProblem[] };

/** A date and time typed in Tokyo (datetime-local), sent with Tokyo's offset stated. */
export function tokyoDateTime(local: string): string | undefined {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(:\d{2})?$/.exec(local);
  return match ? `${match[1]}T${match[2]}${match[3] ?? ':00'}+09:00` : undefined;
}

function splitList(text: string): string[] {
  return text
    .split(/[,、\n]/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** The body to send, or the fields to fix first. Empty optional fields are left out. */
export function buildBody(
  specs: FieldSpec[],
  values: FormValues,
  fixed: Record<string, unknown> = {},
): BuiltBody {
  const body: Record<string, unknown> = { ...fixed };
  const problems: FieldProblem[] = [];
  for (const spec of specs) {
    const raw = values[spec.name];
    const text = typeof raw === 'string' ? raw.trim() : '';
    const chosen = Array.isArray(raw) ? raw.filter((v) => typeof v === 'string') : [];
    const rows = rowsOf(raw);
    const many = spec.kind === 'enumList' || spec.kind === 'agencyList';
    const empty =
      spec.kind === 'rows' ? rows.length === 0 : many ? chosen.length === 0 : text === '';
    if (empty) {
      if (spec.required) problems.push({ field: spec.name, problem: 'required' });
      continue;
    }
    const problem = (p: FieldProblem['problem']) => problems.push({ field: spec.name, problem: p });
    switch (spec.kind) {
      case 'rows': {
        const built = rows.map((row) => buildBody(spec.fields ?? [], row));
        built.forEach((b, i) => {
          if (b.ok) return;
          for (const p of b.problems)
            problems.push({ ...p, field: rowFieldName(spec.name, i, p.field) });
        });
        body[spec.name] = built.map((b) => (b.ok ? b.body : {}));
        break;
      }
      case 'enumList':
      case 'agencyList':
        body[spec.name] = chosen;
        break;
      case 'list':
        body[spec.name] = splitList(text);
        break;
      case 'number': {
        const n = Number(text);
        if (!Number.isFinite(n)) problem('number');
        else if ((spec.minimum ?? -Infinity) > n || n > (spec.maximum ?? Infinity))
          problem('range');
        else body[spec.name] = n;
        break;
      }
      case 'boolean':
        body[spec.name] = text === 'true';
        break;
      case 'dateTime': {
        const iso = tokyoDateTime(text);
        if (iso) body[spec.name] = iso;
        else problem('dateTime');
        break;
      }
      case 'date':
        // A calendar date (YYYY-MM-DD, as <input type=date> gives it); whether it exists is the API's.
        if (/^\d{4}-\d{2}-\d{2}$/.test(text)) body[spec.name] = text;
        else problem('date');
        break;
      case 'duration':
        if (DURATION.test(text)) body[spec.name] = text;
        else problem('duration');
        break;
      default:
        if (spec.maxLength !== undefined && [...text].length > spec.maxLength) problem('tooLong');
        else body[spec.name] = text;
    }
  }
  return problems.length ? { ok: false, problems } : { ok: true, body };
}

/**
 * Where the API's refusal belongs: the fields its message names (class-validator's messages
 * start with the property, e.g. "status must be one of …"), or the step as a whole (a 409, or
 * a 400 that names no field of the form).
 */
export function placeRefusal(
  specs: FieldSpec[],
  message: string | string[],
): { byField: Record<string, string>; general: string[] } {
  const byField: Record<string, string> = {};
  const general: string[] = [];
  for (const line of Array.isArray(message) ? message : [message]) {
    // A row's field, as the API's nested validation names it: "members.1.relation must be …".
    const row = /^(\w+)\.(\d+)\.(\w+)\b/.exec(line);
    const rows = row && specs.find((s) => s.kind === 'rows' && s.name === row[1]);
    if (rows && rows.fields?.some((f) => f.name === row[3])) {
      const at = rowFieldName(row[1], Number(row[2]), row[3]);
      byField[at] = byField[at] ? `${byField[at]} ${line}` : line;
      continue;
    }
    // The field the message starts with first ("address must be … for the email channel" is the
    // address's, not the channel's), else one it names.
    const spec =
      specs.find((s) => new RegExp(`^${s.name}\\b`).test(line)) ??
      specs.find((s) => new RegExp(`(^|[\\s.'"\`])${s.name}(\\b|\\.)`).test(line));
    if (spec) byField[spec.name] = byField[spec.name] ? `${byField[spec.name]} ${line}` : line;
    else general.push(line);
  }
  return { byField, general };
}
