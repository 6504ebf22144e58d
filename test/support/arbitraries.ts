import fc from 'fast-check';

/**
 * fast-check arbitraries for bad input: strings, numbers, JSON values, query strings, cursors, CSV text,
 * and values shaped after a route's own JSON schema (from the OpenAPI document), so that a bad field sits
 * among good ones and reaches the deeper checks, not only the first type check.
 */

/** Long strings are made once and shared: a megabyte per run would slow the suite, not find more. */
export const long = (n: number, unit = 'x') => unit.repeat(Math.ceil(n / unit.length)).slice(0, n);
const LONG = [201, 255, 2001, 10_240, 100_000].map((n) => long(n));

/** Strings that have broken software before: injection, traversal, encodings, control characters, number- and date-likes. */
export const NASTY = [
  ...['', ' ', '\t\n\r', '\u0000', 'a\u0000b', '\u0001\u0002\u001b[31m', '\u007f', '\uFEFFname', '\u202Egnp.exe', '\u200B', '\uD800', 'e\u0301'],
  ...['😀👍🏽', '𝕏', "' or 1=1 --", '"; drop table accounts; --', '1; select pg_sleep(1)', '%', '%%', '%00', '%zz', '_', '\\', '../../../../etc/passwd'],
  ...['..%2F..%2Fetc%2Fpasswd', '/', '?', '#', '&', '=', '<script>alert(1)</script>'],
  // biome-ignore lint/suspicious/noTemplateCurlyInString: template-injection probe, meant literally.
  ...['${7*7}', '{{7*7}}', '=1+1', '+1', '-1', '@SUM(A1)', '=HYPERLINK("http://x")', 'NaN', 'Infinity', '-Infinity', '1e308', '-0', '0x10'],
  ...['9007199254740993', 'null', 'undefined', 'true', '[]', '{}', '__proto__', 'constructor', 'none', '2026-02-30', '2026-13-01', '0000-00-00'],
  ...['9999-12-31T99:99:99Z', '2026-2-3'],
  ...LONG,
];

/** Characters that text columns, JSON columns and drivers disagree about, inside otherwise ordinary text. */
export const CONTROL = ['\u0000', '\u0001', '\u0008', '\u001f', '\u007f', '\u0085', '\u2028', '\uD800', '\uDFFF', '\uFFFE', '\uFEFF', '\u202E', '\\u0000'];
export const withControl: fc.Arbitrary<string> = fc
  .tuple(fc.string({ maxLength: 8 }), fc.constantFrom(...CONTROL), fc.string({ maxLength: 8 }))
  .map(([a, c, b]) => `${a}${c}${b}`);

export const nastyString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...NASTY) },
  { weight: 2, arbitrary: withControl },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ maxLength: 20 }) },
);

export const badNumber: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(-1, 0, 1.5, -0.5, 1e308, -1e308, 2 ** 53, 2 ** 53 + 2, -(2 ** 63), 1e-300, Number.MAX_SAFE_INTEGER + 1),
  fc.integer(),
  // NaN and ±Infinity become null in JSON: fine, null is bad input too.
  fc.double(),
);

export const badScalar: fc.Arbitrary<unknown> = fc.oneof(nastyString, badNumber, fc.boolean(), fc.constant(null));

/** Values nested deeper than any schema goes (as deep as JSON.stringify manages anywhere; deeperJsonText goes further). */
export const deeplyNested: fc.Arbitrary<unknown> = fc.tuple(fc.constantFrom(50, 300), fc.boolean()).map(([depth, arrays]) => {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i++) value = arrays ? [value] : { a: value };
  return value;
});

/** JSON text nested thousands deep, written directly: building it as a value would overflow the stack in JSON.stringify. */
export const deeperJsonText: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom(5_000, 50_000), fc.constantFrom('name', 'state', 'customFields', 'a'))
  .map(([depth, key]) => `{"${key}":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}}`);

/** Any JSON value, leaning towards the nasty. */
export const badJson: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: badScalar },
  {
    weight: 3,
    arbitrary: fc.letrec((tie) => ({
      value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, badScalar, tie('array'), tie('object')),
      array: fc.array(tie('value'), { maxLength: 4 }),
      object: fc.dictionary(fc.oneof(nastyString, fc.string({ maxLength: 8 })), tie('value'), { maxKeys: 4 }),
    })).value,
  },
  { weight: 1, arbitrary: deeplyNested },
);

/** Names no route declares: extra fields must be ignored or refused, never crash anything. */
export const unknownKey: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('__proto__', 'constructor', 'prototype', 'id', 'workspaceId', 'workspace_id', 'userId', 'role', 'createdAt', 'x'),
  nastyString,
);

/** A minimal view of the JSON schemas @fastify/swagger derives from our zod contracts. */
export interface JsonSchema {
  type?: string | string[];
  enum?: unknown[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  nullable?: boolean;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  pattern?: string;
  format?: string;
  default?: unknown;
}

/** Values a route's schema accepts, mostly: good neighbours for the bad field. `ids` are real ids of this workspace. */
export interface Hints {
  ids: string[];
  emails: string[];
}

function goodString(schema: JsonSchema, name: string, hints: Hints): fc.Arbitrary<string> {
  if (schema.format === 'date' || /date$|^leftOn$|From$|To$/i.test(name)) return fc.constantFrom('2026-01-15', '2024-02-29', '1999-12-31');
  if (schema.format === 'email' || /email/i.test(name)) return fc.constantFrom('fuzz@example.com', 'Someone.Else@Example.COM', ...hints.emails);
  if (/id$/i.test(name) || schema.pattern === '^[0-9A-Za-z_-]+$') return fc.constantFrom(...hints.ids, '01J0000000000000000000NONE', 'none');
  if (schema.pattern === '^[A-Z]{3}$' || /currency/i.test(name)) return fc.constantFrom('USD', 'EUR', 'JPY');
  // Sort parameters spell their choices in the pattern: ^-?(name|arr|…)$.
  const choices = /^\^(-\?)?\(([\w|]+)\)\$$/.exec(schema.pattern ?? '');
  if (choices?.[2]) {
    const words = choices[2].split('|');
    return fc.constantFrom(...words, ...(choices[1] ? words.map((w) => `-${w}`) : []));
  }
  if (/domain/i.test(name)) return fc.constantFrom('example.com', 'sub.example.co.uk');
  if (/password/i.test(name)) return fc.constantFrom('not the password', 'x'.repeat(12));
  const max = Math.max(schema.minLength ?? 1, Math.min(schema.maxLength ?? 30, 30));
  const text = fc.oneof(fc.string({ maxLength: max }), fc.string({ unit: 'grapheme', maxLength: max }), withControl);
  return text.map((s) => (s.trim() ? s.slice(0, schema.maxLength ?? s.length) : 'fuzz'));
}

function typesOf(schema: JsonSchema): string[] {
  return Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
}

/** A value the schema accepts (as far as a JSON schema can tell; zod refinements may still refuse it). */
export function goodFor(schema: JsonSchema, name: string, hints: Hints, depth = 0, nestedBad = 1): fc.Arbitrary<unknown> {
  const options: fc.Arbitrary<unknown>[] = [];
  if (schema.nullable) options.push(fc.constant(null));
  if (schema.enum?.length) options.push(fc.constantFrom(...schema.enum));
  else if (schema.anyOf?.length || schema.oneOf?.length) {
    for (const s of schema.anyOf ?? schema.oneOf ?? []) options.push(goodFor(s, name, hints, depth + 1, nestedBad));
  } else {
    for (const type of typesOf(schema)) {
      if (type === 'string') options.push(goodString(schema, name, hints));
      if (type === 'integer' || type === 'number') {
        const min = Math.max(schema.minimum ?? 0, -1e9);
        const max = Math.min(schema.maximum ?? 1e9, 1e9);
        options.push(type === 'integer' ? fc.integer({ min: Math.ceil(min), max: Math.floor(max) }) : fc.double({ min, max, noNaN: true }));
      }
      if (type === 'boolean') options.push(fc.boolean());
      if (type === 'null') options.push(fc.constant(null));
      if (type === 'array' && schema.items) {
        const items = schema.items;
        options.push(
          fc.array(depth > 3 ? fc.constant(null) : goodFor(items, name, hints, depth + 1, nestedBad), {
            minLength: schema.minItems ?? 0,
            maxLength: Math.min(schema.maxItems ?? 3, 3),
          }),
        );
      }
      if (type === 'object') options.push(objectFor(schema, hints, depth + 1, nestedBad));
    }
  }
  return options.length ? fc.oneof(...options) : badScalar;
}

/** Mostly good, sometimes bad: a field's value in a generated body. */
export function fieldValue(schema: JsonSchema, name: string, hints: Hints, depth: number, badWeight: number): fc.Arbitrary<unknown> {
  if (depth > 4) return badScalar;
  if (badWeight === 0) return goodFor(schema, name, hints, depth, 0);
  return fc.oneof({ weight: 8, arbitrary: goodFor(schema, name, hints, depth) }, { weight: badWeight, arbitrary: badValue });
}

/** A bad value for one field: mostly of the right type (so that it passes the type check and meets the next rule). */
export const badValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: nastyString },
  { weight: 1, arbitrary: badNumber },
  { weight: 1, arbitrary: badJson },
);

/** A valid-looking object with one or two fields (or unknown keys) replaced by bad values: the bad field sits among good ones. */
export function mutatedObject(schema: JsonSchema, hints: Hints): fc.Arbitrary<Record<string, unknown>> {
  const keys = Object.keys(schema.properties ?? {});
  const key = keys.length ? fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...keys) }, { weight: 1, arbitrary: unknownKey }) : unknownKey;
  return fc.tuple(objectFor(schema, hints, 0, 0), fc.array(fc.tuple(key, badValue), { minLength: 1, maxLength: 2 })).map(([good, bad]) => {
    const out = { ...good };
    for (const [k, v] of bad) Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
    return out;
  });
}

/** An object after the schema's properties: some left out, some bad, maybe extra unknown keys. */
export function objectFor(schema: JsonSchema, hints: Hints, depth = 0, badWeight = 2): fc.Arbitrary<Record<string, unknown>> {
  const properties = schema.properties ?? {};
  const known = fc.record(Object.fromEntries(Object.entries(properties).map(([key, s]) => [key, fieldValue(s, key, hints, depth, badWeight)])), {
    requiredKeys: (schema.required ?? []).filter((k) => k in properties),
  });
  const additional = typeof schema.additionalProperties === 'object' ? schema.additionalProperties : null;
  const extra = additional
    ? fc.dictionary(
        badWeight === 0 ? fc.constantFrom('tier', 'Score 1', 'plan_name', 'x') : fc.oneof(fc.string({ minLength: 1, maxLength: 10 }), nastyString),
        fieldValue(additional, 'value', hints, depth + 1, badWeight),
        { maxKeys: 4 },
      )
    : fc.oneof({ weight: 3, arbitrary: fc.constant({}) }, { weight: 1, arbitrary: fc.dictionary(unknownKey, badJson, { minKeys: 1, maxKeys: 3 }) });
  return fc.tuple(known, extra).map(([k, e]) => {
    // Object.defineProperty: a "__proto__" key must end up in the JSON as a key, not as the prototype.
    const out: Record<string, unknown> = {};
    for (const [key, value] of [...Object.entries(e), ...Object.entries(k)])
      Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
    return out;
  });
}

/** Percent-encodes every byte but the unreserved ones; lone surrogates become U+FFFD instead of throwing. */
export function percentEncode(text: string): string {
  let out = '';
  for (const byte of Buffer.from(text, 'utf8')) {
    const c = String.fromCharCode(byte);
    out += /[A-Za-z0-9\-._~]/.test(c) ? c : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** Path segments that are ids in name only. Raw ones go into the URL as they are (malformed escapes included). */
export const badIdSegment: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: nastyString.map(percentEncode) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      long(10_240, 'x'),
      long(65, 'A'),
      ...['01J0000000000000000000NONE', '..', '.', '..%2F..%2F..%2Fetc%2Fpasswd', '%2e%2e%2f%2e%2e%2f', '%zz', '%E0%A4%A', '%00', '%C0%AE%C0%AE'],
      ...["'%20or%201%3D1%20--", '1%20OR%201=1', 'null', '-1', '0', '1e308', 'NaN', '%F0%9F%98%80', '%EF%BF%BF', 'a;b', 'a,b', "'"],
    ),
  },
);

export function cursorOf(value: unknown, id: unknown = '01J0000000000000000000NONE'): string {
  return Buffer.from(JSON.stringify([value, id])).toString('base64url');
}

/** Cursors this server never issued, or issued for another sort. */
export const badCursor: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    ...[cursorOf(1e308), cursorOf(-1e308), cursorOf(2 ** 63), cursorOf(1.5), cursorOf('2026-02-30'), cursorOf('2026-02-30T10:00:00Z')],
    ...[cursorOf('2026-13-45T99:99:99.999Z'), cursorOf('0000-01-01'), cursorOf('9999-12-31'), cursorOf('\u0000'), cursorOf('a\u0000b', 'x\u0000')],
    ...[cursorOf("' or 1=1 --", "' or 1=1 --"), cursorOf(long(10_000)), cursorOf(null), cursorOf({}), cursorOf([1, 2]), cursorOf('x', 42)],
    ...[Buffer.from('[]').toString('base64url'), Buffer.from('{}').toString('base64url'), Buffer.from('not json').toString('base64url')],
    ...[Buffer.from('[1e999,"x"]').toString('base64url'), 'not-base64!!', '===='],
    long(501, 'A'),
  ),
  fc.tuple(badJson, fc.oneof(nastyString, badNumber)).map(([v, id]) => cursorOf(v, id)),
  nastyString,
);

/** Query values for parameters whose name says what they are. */
export function badQueryValue(name: string): fc.Arbitrary<string> {
  const extra: string[] = [];
  if (name === 'limit') extra.push('0', '-1', '100000', 'abc', '1.5', '1e3', ' 5', '0x10', 'NaN', 'Infinity', '501', '');
  if (name === 'sort') extra.push('garbage', '-', '--name', 'name,arr', '-garbage', 'NAME', 'name desc', 'name; drop table accounts', 'id', '__proto__');
  if (/date|From$|To$|On$/i.test(name))
    extra.push('2026-02-30', '2026-13-01', '2026-00-10', '2026-2-3', '20260101', '2025-02-29', 'today', '2026-01-01T00:00:00Z');
  if (name === 'dryRun') extra.push('yes', 'TRUE', '2', 'on', '');
  const options: fc.Arbitrary<string>[] = [nastyString];
  if (extra.length) options.push(fc.constantFrom(...extra));
  if (name === 'cursor') options.push(badCursor);
  return fc.oneof(...options);
}

/** A query string: known parameters with good or bad values, repeats, bracket keys, unknown keys, raw malformed escapes. */
export function queryString(params: Array<{ name: string; schema?: JsonSchema }>, hints: Hints): fc.Arbitrary<string> {
  const known = params.map((p) =>
    fc.tuple(
      fc.constant(p.name),
      fc.oneof(
        { weight: 1, arbitrary: badQueryValue(p.name) },
        { weight: 1, arbitrary: p.schema ? goodFor(p.schema, p.name, hints).map(String) : nastyString },
      ),
    ),
  );
  const pair = fc.oneof(...(known.length ? [{ weight: 4, arbitrary: fc.oneof(...known) }] : []), { weight: 1, arbitrary: fc.tuple(unknownKey, nastyString) });
  const encodedPair = fc
    .tuple(pair, fc.constantFrom('', '', '', '', '', '[]', '[0]', '[a]'))
    .map(([[k, v], suffix]) => `${percentEncode(k)}${suffix}=${percentEncode(v)}`);
  const raw = fc.constantFrom('%', '%zz', 'a=%E0%A4%A', '&&&', '=', 'a', '==x', 'limit', 'sort=', 'a=b=c', '%00=%00', '+', 'q=+%2B+');
  const parts = fc.array(fc.oneof({ weight: 8, arbitrary: encodedPair }, { weight: 1, arbitrary: raw }), { maxLength: 4 });
  // A cursor is only checked against the sort it comes with: pair forged cursors with every sort.
  const sort = params.find((p) => p.name === 'sort');
  if (!sort?.schema || !params.some((p) => p.name === 'cursor')) return parts.map((p) => p.join('&'));
  const paging = fc.tuple(goodFor(sort.schema, 'sort', hints), badCursor).map(([s, c]) => `sort=${percentEncode(String(s))}&cursor=${percentEncode(c)}`);
  return fc.tuple(fc.option(paging, { freq: 2 }), parts).map(([p, rest]) => [...(p ? [p] : []), ...rest].join('&'));
}

/** Text that is not the JSON it claims to be. */
export const malformedJson: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    ...['', ' ', '{', '}', '{"name":', '{"name": "x",}', "{'name': 'x'}", '{name: "x"}', 'NaN', 'undefined', '{"name": NaN}', '{"a": 1e999}'],
    ...['\uFEFF{"name":"x"}', '{"__proto__": {"polluted": true}}', '{"constructor": {"prototype": {"polluted": true}}}', '{"name": "\\ud800"}'],
    ...['{"name": "\\u0000"}', '[1, 2', '"unterminated', '{"a":1}{"b":2}', '\u0000', `${'['.repeat(100_000)}`],
  ),
  fc.string({ maxLength: 50 }),
  fc.string({ unit: 'binary', maxLength: 50 }),
);

export const wrongContentType: fc.Arbitrary<string> = fc.constantFrom(
  ...['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data', 'multipart/form-data; boundary=x', 'application/xml'],
  ...['application/octet-stream', 'application/json; charset=latin1', 'application/json; charset=utf-16', 'application/jsonx', 'text/csv'],
  ...['text/html', 'a/b/c', 'json', ';', '*/*'],
);
