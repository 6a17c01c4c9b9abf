import { GB } from 'chrono-node/en';
import { z } from 'zod';
import type { LetterMeta, Person } from './types.js';
import { LetterReadError } from './types.js';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isCalendarDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === value;
}

/** "2019-03-12", or a full date such as "12 March 2019" (day first when numeric), as YYYY-MM-DD. */
export function toIsoDate(value: string): string | null {
  const v = value.trim();
  if (ISO_DATE.test(v)) return isCalendarDate(v) ? v : null;
  const results = GB.parse(v);
  if (results.length !== 1 || results[0].text.length < v.replace(/[.,\s]+$/, '').length) return null;
  const s = results[0].start;
  if (!s.isCertain('day') || !s.isCertain('month') || !s.isCertain('year')) return null;
  const iso = `${String(s.get('year')).padStart(4, '0')}-${String(s.get('month')).padStart(2, '0')}-${String(s.get('day')).padStart(2, '0')}`;
  return isCalendarDate(iso) ? iso : null;
}

const text = z
  .string({ error: (issue) => (issue.input === undefined ? 'is required' : 'expected a string') })
  .trim()
  .min(1, 'must not be empty');

const personObject = z.strictObject(
  {
    name: text,
    role: text.nullable().optional(),
  },
  { error: (issue) => (issue.code === 'invalid_type' ? 'expected a name or {name, role}' : undefined) },
);

/** A person given as "Name" or {name, role}. */
const person = z.preprocess(
  (value) => (typeof value === 'string' ? { name: value } : value),
  personObject.transform((p): Person => ({ name: p.name, role: p.role ?? null })),
);

const people = z.array(person, { error: 'expected a list of names or {name, role} objects' });

/**
 * Metadata overrides from a `*.meta.json` sidecar or Markdown front matter: any subset of
 * LetterMeta; people as "Name" or {name, role}; dates as "YYYY-MM-DD" or a full date in words,
 * normalised to YYYY-MM-DD. Unknown keys are errors.
 */
export const metaOverridesSchema = z.strictObject(
  {
    sender: text.nullable(),
    senderRole: text.nullable(),
    senderAffiliations: z.array(text, { error: 'expected a list of strings' }),
    recipients: people,
    cc: people,
    signatories: z.array(text, { error: 'expected a list of names' }),
    date: z
      .string({ error: 'expected a date string such as "2019-03-12"' })
      .transform((value, ctx) => {
        const iso = toIsoDate(value);
        if (iso) return iso;
        ctx.addIssue({ code: 'custom', message: `expected a date such as "2019-03-12" or "12 March 2019", got ${JSON.stringify(value)}` });
        return z.NEVER;
      })
      .nullable(),
    place: text.nullable(),
    language: z
      .string({ error: 'expected an ISO 639-1 code such as "en"' })
      .regex(/^[a-z]{2}$/, { error: (issue) => `expected an ISO 639-1 code such as "en", got ${JSON.stringify(issue.input)}` })
      .nullable(),
    subject: text.nullable(),
  },
  { error: (issue) => (issue.code === 'invalid_type' ? 'expected a mapping of metadata fields' : undefined) },
).partial();

export const META_KEYS = Object.keys(metaOverridesSchema.shape) as (keyof LetterMeta)[];

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${JSON.stringify(value)}`;
}

function formatPath(path: PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`)).join('');
}

function formatIssue(issue: z.core.$ZodIssue): string {
  const at = formatPath(issue.path);
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys.map((k) => `"${k}"`).join(', ');
    const where = at ? ` in ${at}` : '';
    const allowed = at ? 'name, role' : META_KEYS.join(', ');
    return `unknown key${issue.keys.length > 1 ? 's' : ''} ${keys}${where} (allowed: ${allowed})`;
  }
  let message = issue.message;
  if (issue.code === 'invalid_type' && issue.input !== undefined) message += `, got ${describe(issue.input)}`;
  return at ? `${at}: ${message}` : message;
}

/** Validates metadata overrides; `source` names them in the error ("sidecar", "front matter"). */
export function parseMetaOverrides(value: unknown, source: string): Partial<LetterMeta> {
  const result = metaOverridesSchema.safeParse(value, { reportInput: true });
  if (!result.success) {
    // Zod reports transform issues last; list them in field order instead.
    const rank = (issue: z.core.$ZodIssue) => {
      const i = META_KEYS.indexOf(issue.path[0] as keyof LetterMeta);
      return i < 0 ? -1 : i;
    };
    const issues = [...result.error.issues].sort((a, b) => rank(a) - rank(b));
    throw new LetterReadError(`invalid ${source}: ${issues.map(formatIssue).join('; ')}`);
  }
  const meta: Partial<LetterMeta> = {};
  for (const [key, v] of Object.entries(result.data)) {
    if (v !== undefined) (meta as Record<string, unknown>)[key] = v;
  }
  return meta;
}

/** Parses the JSON text of a `*.meta.json` sidecar. */
export function parseSidecar(json: string): Partial<LetterMeta> {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (err) {
    throw new LetterReadError(`sidecar is not valid JSON: ${(err as Error).message.split('\n')[0]}`);
  }
  return parseMetaOverrides(value, 'sidecar');
}

export { sidecarPathFor } from './files.js';
