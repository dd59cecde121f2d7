/**
 * Generators of hostile requests for test/security/hostile-input.e2e.spec.ts, and the status each one
 * must get. Every generated request is rejected by construction: it has a broken token, a role or
 * council the token does not cover, an unknown or invalid path id, an undecodable or unroutable path,
 * a broken wire format, or a body that breaks at least one field rule. `expectedStatuses` follows the
 * order in which the app checks things: routing, guards (token, role, council), then the body parser and
 * key filter (a body is read only for a token that may make the request), the checks that need the body
 * (recordAnomaly, a founding body's council), pipes (path ids, body validation), then the handler.
 */
import fc from 'fast-check';
import { isValidEdtf } from '../../../src/council/domain/valid-date';
import { Endpoint, EXISTING, FieldSpec, OTHER_COUNCIL, Segment } from './endpoints';

export const SLUG = /^(?=.{1,100}$)[a-z0-9]+(?:-[a-z0-9]+)*$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

// ---------------------------------------------------------------------------------------------- auth

export type Role = 'admin' | 'secretary' | 'historian' | 'analyst';
export interface Principal {
  role: Role;
  councilId?: string;
}

export type AuthKind =
  | 'none'
  | 'malformed'
  | 'unknown'
  | 'revoked'
  | 'analyst'
  | 'analyst-main'
  | 'secretary-other'
  | 'historian-other'
  | 'secretary'
  | 'secretary-main'
  | 'historian'
  | 'admin-env'
  | 'admin-issued';

export interface Tokens {
  /** Bearer tokens by kind; `principal` is what the server should make of them. */
  byKind: Record<Exclude<AuthKind, 'none' | 'malformed' | 'unknown'>, { token: string; principal?: Principal }>;
}

export interface AuthCase {
  kind: AuthKind;
  header?: string;
  principal?: Principal;
}

const MALFORMED_HEADERS = (admin: string): fc.Arbitrary<string> =>
  fc.oneof(
    fc.constantFrom(
      'Bearer',
      'Bearer ',
      'bearer',
      'Basic dXNlcjpwYXNzd29yZA==',
      `Token ${admin}`,
      `${admin}`,
      `Bearer ${admin} ${admin}`,
      `Bearer ${admin}, Bearer ${admin}`,
      `Bearer "${admin}"`,
      `Bearer ${'a'.repeat(5000)}`,
      'Bearer \u00ff\u00fe\u00e9',
      'Bearer null',
      'Bearer undefined',
      'Bearer [object Object]',
      'Bearer crt_',
      'Digest username="admin"',
    ),
    // visible ASCII and Latin-1 (what an HTTP header can carry), not a token we issued
    fc.string({ unit: fc.constantFrom(...'abcXYZ019 _-.~+/=:\t\u00e9\u00ff'.split('')), maxLength: 60 }).map((s) => `Bearer ${s}x ${s}`),
  );

export function authArb(tokens: Tokens, admin: string): fc.Arbitrary<AuthCase> {
  const known = Object.entries(tokens.byKind) as Array<[AuthKind, { token: string; principal?: Principal }]>;
  return fc.oneof(
    { weight: 2, arbitrary: fc.constant<AuthCase>({ kind: 'none' }) },
    { weight: 2, arbitrary: MALFORMED_HEADERS(admin).map<AuthCase>((header) => ({ kind: 'malformed', header })) },
    {
      weight: 2,
      arbitrary: fc
        .string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'.split('')), minLength: 43, maxLength: 43 })
        .map<AuthCase>((s) => ({ kind: 'unknown', header: `Bearer crt_${s}` })),
    },
    { weight: 12, arbitrary: fc.constantFrom(...known).map<AuthCase>(([kind, t]) => ({ kind, header: `Bearer ${t.token}`, principal: t.principal })) },
  );
}

// ------------------------------------------------------------------------------------------- strings

/** Odd Unicode: lone surrogates, bidi and zero-width marks, NUL and controls, non-ASCII digits, injections. */
export const ODD = [
  '\ud800', '\udfff', '\udbff\udbff', '\u200f', '\u202e', '\u2066', '\u200b', '\u200d', '\ufeff', '\u0000', '\u0001', '\u001b[31m',
  '\u0301', '\u0336', '😀', '👨‍👩‍👧', '\u2028', '\u2029', '\uffff', '\ufffd', '２０１３', '٢٠١٢', '\r\n', '\t', '\\', '"', "'",
  '<script>alert(1)</script>', "' OR 1=1 --", '${7*7}', '{{7*7}}', '../../etc/passwd', '%00', '%2e%2e%2f', 'ǅ', 'İ', 'ß', 'ﬁ', 'Ω', 'ℌ',
];

export const oddString = (maxParts = 8): fc.Arbitrary<string> =>
  fc
    .array(fc.oneof(fc.constantFrom(...ODD), fc.string({ maxLength: 4 }), fc.string({ unit: 'binary', maxLength: 3 })), { minLength: 1, maxLength: maxParts })
    .map((parts) => parts.join(''));

/** Strings no EDTF parser should accept (checked against the app's own validator in the spec). */
export const INVALID_EDTF = [
  '', ' ', 'yesterday', 'today', '2013-02-30', '2013-02-29', '2013-13', '2013-00-10', '2013-12-32', '13-01-01', '2013/01/01',
  '01.02.2013', '2012-10-22/', '/2013', '2012-10-22/..', '../2013', '2013-07-20T25:00:00Z', '2013-07-20T12:00:00+25:00', '2013-07-20 12:00',
  '２０１３-０１-０１', '٢٠١٣', '2013-01-01\u0000', '\u202e2013-01-01', '2013-01-01\u200b', '1e3', 'NaN', 'null', 'undefined', '-',
  '2013-01-01/2012-01-01x', '[2013', '{2013,2014', '2013?-?', 'Y', 'X', '2013-01-01'.padEnd(101, '0'), '2013-xx-yy', 'true',
];

// ------------------------------------------------------------------------------------------ mutations

/** Length as class-validator's MinLength/MaxLength count it (validator.js isLength): code points, variation selectors not counted. */
export function validatorLength(s: string): number {
  const presentation = s.match(/[^\uFE0F\uFE0E][\uFE0F\uFE0E]/g) ?? [];
  const pairs = s.match(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g) ?? [];
  return s.length - presentation.length - pairs.length;
}

/** A value the field's validators reject, whatever the rest of the body. */
export function invalidValue(field: string, spec: FieldSpec): fc.Arbitrary<unknown> {
  const nullIfRequired: Array<fc.Arbitrary<unknown>> = 'required' in spec && spec.required ? [fc.constant(null)] : [];
  const notString = fc.oneof(
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.boolean(),
    fc.constant({}),
    fc.array(fc.string({ maxLength: 5 }), { minLength: 1, maxLength: 3 }),
    fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { minKeys: 1, maxKeys: 3 }),
    ...nullIfRequired,
  );
  switch (spec.kind) {
    case 'text': {
      const options: Array<fc.Arbitrary<unknown>> = [
        notString,
        fc.integer({ min: spec.max + 1, max: spec.max + 3000 }).map((n) => 'x'.repeat(n)),
        fc.tuple(oddString(4), fc.integer({ min: 1, max: 3 })).map(([s, k]) => s.repeat(Math.ceil((spec.max + k) / Math.max(1, validatorLength(s)))) + 'x'.repeat(k)),
      ];
      if (spec.minLen > 0) options.push(fc.constant(''));
      return fc.oneof(...options).filter((v) => typeof v !== 'string' || validatorLength(v) > spec.max || validatorLength(v) < spec.minLen);
    }
    case 'slug':
      return fc.oneof(
        notString,
        fc.constantFrom('', ' ', 'Main', 'MAIN', 'a_b', 'a--b', '-a', 'a-', 'a b', 'ä', 'main\u200b', 'main\u0000', 'm1/../m2', '*', 'main;drop table events'),
        fc.integer({ min: 101, max: 400 }).map((n) => 'a'.repeat(n)),
        oddString(),
      ).filter((v) => typeof v !== 'string' || !SLUG.test(v));
    case 'edtf':
      return fc.oneof(
        notString,
        fc.constantFrom(...INVALID_EDTF),
        oddString(),
        fc.integer({ min: 1000, max: 9999 }), // a year as a number, not a string
      ).filter((v) => !isValidEdtf(v));
    case 'int':
      return fc.oneof(
        fc.oneof(
          fc.integer({ min: spec.min - 1_000_000, max: spec.min - 1 }),
          fc.integer({ min: spec.max + 1, max: spec.max + 1_000_000 }),
          fc.constantFrom(1e21, -1e21, Number.MAX_SAFE_INTEGER + 2, spec.min + 0.5, 0.1),
          fc.integer({ min: spec.min, max: Math.min(spec.max, 1000) }).map((n) => String(n)),
          fc.boolean(),
          fc.constant([]),
          fc.constant({}),
          fc.constant('Infinity'),
        ),
        ...nullIfRequired,
      );
    case 'enum':
      return fc.oneof(
        notString,
        fc.constantFrom('', ' ', ...spec.values.map((v) => v.toUpperCase()), ...spec.values.map((v) => `${v} `), ...spec.values.map((v) => `\u200b${v}`)),
        oddString(),
      ).filter((v) => typeof v !== 'string' || !spec.values.includes(v));
    case 'bool':
      return fc.oneof(fc.constantFrom('true', 'false', 1, 0, 'yes', [], {}, [true]), ...nullIfRequired);
    case 'uuid':
      return fc.oneof(
        notString,
        fc.constantFrom('', 'not-a-uuid', '00000000-0000-0000-0000-00000000000g', '{00000000-0000-4000-8000-000000000000}'),
        fc.uuid().map((u) => `${u}0`),
        oddString(),
      ).filter((v) => typeof v !== 'string' || !UUID.test(v));
    case 'strings': {
      const options: Array<fc.Arbitrary<unknown>> = [
        fc.oneof(fc.string({ maxLength: 10 }), fc.integer(), fc.boolean(), fc.constant({}), fc.constant({ 0: 'a', length: 1 }), ...nullIfRequired),
        fc.constant(['']),
        fc.constant([1]),
        fc.constant([null]),
        fc.constant([['nested']]),
        fc.constant([{ name: 'x' }]),
        fc.constant(['x'.repeat(spec.max + 1)]),
        fc.constant(Array.from({ length: spec.maxItems + 1 }, (_, i) => `item ${i}`)),
      ];
      if (spec.minItems > 1) options.push(fc.constant(['only one']));
      if (spec.unique) options.push(fc.constant(['same', 'same']));
      return fc.oneof(...options);
    }
    case 'object':
      return fc.constantFrom(...(OBJECT_INVALID[field] ?? ['x', 5, true]));
    case 'source':
      return fc.constantFrom<unknown>(
        'a source',
        5,
        true,
        { url: 'javascript:alert(1)' },
        { url: 'ftp://example.org/file' },
        { url: 'not a url' },
        { url: 'https://' },
        { title: 'x'.repeat(501) },
        { locator: 'x'.repeat(501) },
        { quote: 'x'.repeat(5001) },
        { quote: 5 },
        { title: ['a'] },
        { title: 'ok', extra: 'not allowed' },
        { title: 'ok', isAdmin: true },
      );
  }
}

const OBJECT_INVALID: Record<string, unknown[]> = {
  curiae: ['x', 5, true, {}, [1], [{}], [{ key: 'BAD', name: 'x', seats: 1 }], [{ key: 'a', name: 'x', seats: 0 }], [{ key: 'a', name: 'x', seats: 1, extra: 1 }]],
  rules: ['x', 5, true, { quorum: 'any' }, { quorum: { atLeast: 0 } }, { quorum: { atLeast: 1, extra: 1 } }, { decision: 1 }, { unknownRule: 1 }],
  election: ['x', 5, true, { heldOn: 'not a date' }, { candidates: -1 }, { voters: 1.5 }, { extra: 1 }],
  counts: ['x', 5, true, [], {}, [1, 2], { yes: -1 }, { yes: 1.5 }, { yes: '3' }, { '': 1 }, { yes: 1_000_001 }, { yes: null }],
  replacement: ['x', 5, true, [], [{}]],
};

/** A key the endpoint does not accept (never one of the dangerous keys: those are tested on their own). */
export function unknownKey(endpoint: Endpoint): fc.Arbitrary<string> {
  const known = new Set(Object.keys(endpoint.fields));
  return fc
    .oneof(
      fc.constantFrom('isAdmin', 'role', 'admin', 'tokenId', 'recordedBy', 'position', 'eventIds', 'id', '$where', '$set', 'toString', 'valueOf',
        'hasOwnProperty', '__defineGetter__', '__lookupGetter__', 'Name', 'name ', '\u200bname', '', ' ', 'councilId\u0000', '0', 'length', 'then'),
      fc.string({ maxLength: 12 }),
      oddString(3),
    )
    .filter((k) => !known.has(k) && !DANGEROUS.includes(k));
}

/** Keys the app refuses anywhere in a body, before anything else: prototype names and everything Object.prototype has. */
export const DANGEROUS = [...new Set(['__proto__', 'constructor', 'prototype', ...Object.getOwnPropertyNames(Object.prototype)])];

function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Deeply nested arrays/objects, deeper than the 32 levels the key filter allows. */
function deep(depth: number, objects: boolean): unknown {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i++) value = objects ? { a: value } : [value];
  return value;
}

export type Mutation =
  | { type: 'invalid'; field: string; value: unknown }
  | { type: 'missing'; field: string }
  | { type: 'unknown-key'; key: string; value: unknown }
  | { type: 'dangerous'; key: string; where: 'top' | 'source' | 'array' | 'nested'; value: unknown }
  | { type: 'too-deep'; depth: number; objects: boolean; where: 'field' | 'unknown' }
  | { type: 'shallow-nest'; depth: number };

export function invalidMutationArb(endpoint: Endpoint): fc.Arbitrary<Mutation> {
  const fields = Object.entries(endpoint.fields);
  const required = fields.filter(([, s]) => 'required' in s && s.required).map(([f]) => f);
  const options: Array<fc.Arbitrary<Mutation>> = [];
  if (fields.length) {
    options.push(
      fc.constantFrom(...fields).chain(([field, spec]) => invalidValue(field, spec).map<Mutation>((value) => ({ type: 'invalid', field, value }))),
      fc.constantFrom(...fields).chain(([field, spec]) => invalidValue(field, spec).map<Mutation>((value) => ({ type: 'invalid', field, value }))),
      fc.constantFrom(...fields).chain(([field, spec]) => invalidValue(field, spec).map<Mutation>((value) => ({ type: 'invalid', field, value }))),
    );
  }
  if (required.length) options.push(fc.constantFrom(...required).map<Mutation>((field) => ({ type: 'missing', field })));
  options.push(
    fc.tuple(unknownKey(endpoint), fc.oneof(fc.jsonValue({ maxDepth: 2 }), oddString())).map<Mutation>(([key, value]) => ({ type: 'unknown-key', key, value })),
    fc.integer({ min: 2, max: 25 }).map<Mutation>((depth) => ({ type: 'shallow-nest', depth })),
  );
  return fc.oneof(...options);
}

/** Mutations the key filter refuses before anything else runs (400 even without a token). */
export function middlewareMutationArb(): fc.Arbitrary<Mutation> {
  return fc.oneof(
    fc
      .tuple(fc.oneof({ weight: 3, arbitrary: fc.constantFrom('__proto__', 'constructor', 'prototype') }, { weight: 1, arbitrary: fc.constantFrom(...DANGEROUS) }), fc.constantFrom<'top' | 'source' | 'array' | 'nested'>('top', 'source', 'array', 'nested'),
        fc.constantFrom<unknown>({ isAdmin: true }, { polluted: 'yes' }, 'x', 1, null, [], { toString: 'boom' }, { prototype: { a: 1 } }))
      .map<Mutation>(([key, where, value]) => ({ type: 'dangerous', key, where, value })),
    fc
      .tuple(fc.integer({ min: 33, max: 3000 }), fc.boolean(), fc.constantFrom<'field' | 'unknown'>('field', 'unknown'))
      .map<Mutation>(([depth, objects, where]) => ({ type: 'too-deep', depth, objects, where })),
  );
}

/** Odd but valid text in free-text fields: it must change nothing about the outcome. */
export function noiseArb(endpoint: Endpoint): fc.Arbitrary<Record<string, string>> {
  if (!endpoint.noise.length) return fc.constant({});
  return fc.dictionary(
    fc.constantFrom(...endpoint.noise),
    oddString(6),
    { maxKeys: 2 },
  ).map((d) => {
    const out: Record<string, string> = {};
    for (const [field, value] of Object.entries(d)) {
      const spec = endpoint.fields[field] as Extract<FieldSpec, { kind: 'text' }>;
      let v = value.slice(0, spec.max);
      if (/[\ud800-\udbff]$/.test(v)) v = v.slice(0, -1) + 'x';
      if (v.length < spec.minLen) v = v.padEnd(spec.minLen, 'x');
      out[field] = v;
    }
    return out;
  });
}

export function applyMutations(base: Record<string, unknown>, mutations: Mutation[], firstField: string | undefined): Record<string, unknown> {
  const body: Record<string, unknown> = JSON.parse(JSON.stringify(base));
  for (const m of mutations) {
    switch (m.type) {
      case 'invalid':
        body[m.field] = m.value;
        break;
      case 'missing':
        delete body[m.field];
        break;
      case 'unknown-key':
        setOwn(body, m.key, m.value);
        break;
      case 'shallow-nest':
        setOwn(body, firstField ?? 'nested', deep(m.depth, m.depth % 2 === 0));
        break;
      case 'too-deep':
        setOwn(body, m.where === 'field' ? (firstField ?? 'nested') : 'nesting', deep(m.depth, m.objects));
        break;
      case 'dangerous': {
        const carrier: Record<string, unknown> = {};
        setOwn(carrier, m.key, m.value);
        if (m.where === 'top') setOwn(body, m.key, m.value);
        else if (m.where === 'source') {
          const source: Record<string, unknown> = { title: 'Minutes' };
          setOwn(source, m.key, m.value);
          body.source = source;
        }
        else if (m.where === 'array') body.aliases = [carrier];
        else body.extra = { level: { deeper: carrier } };
        break;
      }
    }
  }
  return body;
}

// -------------------------------------------------------------------------------------------- paths

export type SegmentKind = 'existing' | 'unknown' | 'invalid' | 'undecodable' | 'empty';
export interface PathSegment {
  kind: SegmentKind;
  /** As it goes on the wire (percent-encoded). */
  raw: string;
  /** As Express decodes it, when it decodes. */
  decoded?: string;
}

const UNDECODABLE = ['%FF', '%E0%A4%A', '%', '%zz', 'a%', '%C0%AF', '%ED%A0%80', 'm%1', '%%', '%u0041'];

/** Percent-encodes everything but unreserved ASCII; refuses lone surrogates (they cannot be encoded). */
function encodeSegment(s: string): string | undefined {
  try {
    return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  } catch {
    return undefined;
  }
}

export function segmentArb(segment: Segment): fc.Arbitrary<PathSegment> {
  if (segment === 'token') {
    return fc.oneof(
      { weight: 4, arbitrary: fc.uuid({ version: 4 }).map<PathSegment>((u) => ({ kind: 'unknown', raw: u, decoded: u })) },
      {
        weight: 3,
        arbitrary: fc
          .oneof(fc.constantFrom('not-a-uuid', 'admin-token-env', '0', 'null', '00000000-0000-0000-0000-00000000000g'), oddString(), fc.string({ maxLength: 40 }))
          .map((s) => ({ s, raw: encodeSegment(s) }))
          .filter(({ s, raw }) => raw !== undefined && s !== '' && s !== '.' && s !== '..' && !UUID.test(s))
          .map<PathSegment>(({ s, raw }) => ({ kind: 'invalid', raw: raw!, decoded: s })),
      },
      { weight: 1, arbitrary: fc.constantFrom(...UNDECODABLE).map<PathSegment>((raw) => ({ kind: 'undecodable', raw })) },
      { weight: 1, arbitrary: fc.constant<PathSegment>({ kind: 'empty', raw: '' }) },
    );
  }
  const existing = EXISTING[segment];
  return fc.oneof(
    { weight: 6, arbitrary: fc.constant<PathSegment>({ kind: 'existing', raw: existing, decoded: existing }) },
    {
      weight: 3,
      arbitrary: fc
        .stringMatching(/^[a-z0-9]{1,20}(-[a-z0-9]{1,10}){0,3}$/)
        .map((s) => `unknown-${s}`)
        .filter((s) => SLUG.test(s))
        .map<PathSegment>((s) => ({ kind: 'unknown', raw: s, decoded: s })),
    },
    {
      weight: 3,
      arbitrary: fc
        .oneof(
          fc.constantFrom('Main', 'MAIN', 'main_', 'm 1', '-m1', 'm1-', 'a--b', 'ä', 'main\u200b', 'main\u0000', 'main/..', '..%2f', 'a'.repeat(101), '$', '🙂', 'main;'),
          oddString(),
          fc.string({ minLength: 1, maxLength: 30 }),
          fc.integer({ min: 101, max: 2000 }).map((n) => 'a'.repeat(n)),
        )
        .map((s) => ({ s, raw: encodeSegment(s) }))
        .filter(({ s, raw }) => raw !== undefined && s !== '.' && s !== '..' && s !== '' && !SLUG.test(s))
        .map<PathSegment>(({ s, raw }) => ({ kind: 'invalid', raw: raw!, decoded: s })),
    },
    { weight: 1, arbitrary: fc.constantFrom(...UNDECODABLE).map<PathSegment>((raw) => ({ kind: 'undecodable', raw })) },
    { weight: 1, arbitrary: fc.constant<PathSegment>({ kind: 'empty', raw: '' }) },
  );
}

// --------------------------------------------------------------------------------------------- wire

export type WireKind = 'json' | 'unparsed' | 'no-body' | 'malformed' | 'primitive' | 'charset' | 'root-array' | 'huge';
export interface Wire {
  kind: WireKind;
  contentType?: string;
}

export const wireArb: fc.Arbitrary<Wire> = fc.oneof(
  { weight: 30, arbitrary: fc.constantFrom('application/json', 'application/json; charset=utf-8', 'application/merge-patch+json', 'application/vnd.api+json').map<Wire>((contentType) => ({ kind: 'json', contentType })) },
  { weight: 3, arbitrary: fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'application/octet-stream', 'multipart/form-data; boundary=x', 'application/xml', 'text/html', 'application/jsonx', 'json').map<Wire>((contentType) => ({ kind: 'unparsed', contentType })) },
  { weight: 1, arbitrary: fc.constant<Wire>({ kind: 'no-body' }) },
  { weight: 3, arbitrary: fc.constantFrom('application/json', 'application/merge-patch+json').map<Wire>((contentType) => ({ kind: 'malformed', contentType })) },
  { weight: 1, arbitrary: fc.constant<Wire>({ kind: 'primitive', contentType: 'application/json' }) },
  { weight: 1, arbitrary: fc.constantFrom('application/json; charset=latin1', 'application/json; charset=iso-8859-1', 'application/json; charset=us-ascii').map<Wire>((contentType) => ({ kind: 'charset', contentType })) },
  { weight: 2, arbitrary: fc.constant<Wire>({ kind: 'root-array', contentType: 'application/json' }) },
  { weight: 1, arbitrary: fc.constant<Wire>({ kind: 'huge', contentType: 'application/json' }) },
);

const MALFORMED = ['{', '{"a":', "{'a':1}", '{"a":1,}', '{"a":NaN}', '{"a":undefined}', '[1,2', '{"a":1}{"b":2}', '{"a" 1}', '{a:1}', '\u0000', '{"\u0000', '{"a":"\u0000"', '{"a":"\\x41"}', '{"a":"\\ud83"}', '[}', '{]', '{"a":01}', '{"a":.5}', '{"a":+1}', '{"a":Infinity}', '// comment\n{}', '<xml/>', 'a=1&b=2'];
const PRIMITIVES = ['"a string"', '123', '-1', 'true', 'false', 'null', '""', '1e999'];

// --------------------------------------------------------------------------------------------- cases

export interface HostileCase {
  endpoint: Endpoint;
  auth: AuthCase;
  segments: PathSegment[];
  wire: Wire;
  /** What JSON.parse on the server makes of the body (undefined when the body is not parsed). */
  body?: unknown;
  raw?: string;
  idempotencyKey?: { value: string; valid: boolean };
  /** Field-rule breaking mutations applied to the body (the key filter's ones are not counted here). */
  mutations: Mutation[];
  notes: string[];
}

export function pathOf(c: HostileCase): string {
  let i = 0;
  return c.endpoint.path.replace(/:(council|member|role|motion|token)/g, () => c.segments[i++].raw);
}

export function caseArb(endpoint: Endpoint, tokens: Tokens, admin: string): fc.Arbitrary<HostileCase> {
  const segments = endpoint.segments.length ? fc.tuple(...endpoint.segments.map(segmentArb)) : fc.constant([] as PathSegment[]);
  const firstField = Object.entries(endpoint.fields).find(([, f]) => 'required' in f && f.required && f.kind !== 'object' && f.kind !== 'strings')?.[0];
  return fc
    .record({
      auth: authArb(tokens, admin),
      segments,
      wire: wireArb,
      noise: noiseArb(endpoint),
      anomaly: fc.boolean(),
      invalid: fc.array(invalidMutationArb(endpoint), { minLength: 0, maxLength: 3 }),
      forced: invalidMutationArb(endpoint),
      // about one request in eight carries a key the filter refuses; one in six an Idempotency-Key
      middleware: fc.oneof({ weight: 7, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: middlewareMutationArb() }),
      idempotency: fc.oneof(
        { weight: 5, arbitrary: fc.constant(null) },
        {
          weight: 1,
          arbitrary: fc.oneof(
            fc.uuid().map((value) => ({ value, valid: true })),
            fc.constantFrom(' ', 'a b', '\u00e9t\u00e9', 'x'.repeat(201), '\t').map((value) => ({ value, valid: false })),
          ),
        },
      ),
      malformed: fc.oneof(fc.constantFrom(...MALFORMED), fc.string({ maxLength: 30 }), fc.nat()),
      primitive: fc.constantFrom(...PRIMITIVES),
      unparsedRaw: fc.oneof(fc.constant(undefined), fc.string({ maxLength: 50 })),
    })
    .map((g) => {
      const notes: string[] = [];
      let mutations: Mutation[] = [...g.invalid];
      const base = { ...endpoint.valid, ...g.noise, ...(g.anomaly && endpoint.method === 'post' && endpoint.access !== 'admin' ? { recordAnomaly: true } : {}) };
      const c: HostileCase = { endpoint, auth: g.auth, segments: g.segments, wire: g.wire, notes, mutations, idempotencyKey: g.idempotency ?? undefined };
      // Every request must be rejected: when nothing else rejects it, break the body on purpose.
      const draft = () => applyMutations(base, g.middleware ? [...mutations, g.middleware] : mutations, firstField);
      const build = () => {
        c.body = undefined;
        c.raw = undefined;
        const body = draft();
        switch (c.wire.kind) {
          case 'json':
            c.body = body;
            c.raw = JSON.stringify(body);
            break;
          case 'root-array':
            c.body = [body];
            c.raw = JSON.stringify([body]);
            break;
          case 'unparsed':
            c.raw = g.unparsedRaw ?? JSON.stringify(body);
            break;
          case 'no-body':
            break;
          case 'malformed': {
            const text = typeof g.malformed === 'number' ? JSON.stringify(body).slice(0, Math.max(1, g.malformed % Math.max(2, JSON.stringify(body).length))) : g.malformed;
            c.raw = isParsable(text) ? `${text}}` : text;
            // an empty body is no body at all (the parser leaves it alone): that is not malformed JSON
            if (isParsable(c.raw) || c.raw.trim() === '') c.raw = '{';
            break;
          }
          case 'primitive':
            c.raw = g.primitive;
            break;
          case 'charset':
            c.raw = JSON.stringify(body);
            break;
          case 'huge':
            c.raw = JSON.stringify({ ...body, note: 'x'.repeat(1024 * 1024 + 10) });
            break;
        }
      };
      build();
      if (!expectedStatuses(c).rejected) {
        // An empty body is valid where no field is required: send the body, so the forced field reaches the server.
        if (c.wire.kind === 'no-body' || c.wire.kind === 'unparsed') {
          c.wire = { kind: 'json', contentType: 'application/json' };
          notes.push(`sent as JSON: an empty body is valid for ${endpoint.name}`);
        }
        mutations = [...g.invalid, g.forced];
        c.mutations = mutations;
        notes.push('forced an invalid field');
        build();
      }
      notes.push(...mutations.map(describeMutation), ...(g.middleware ? [describeMutation(g.middleware)] : []));
      return c;
    });
}

function isParsable(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

function describeMutation(m: Mutation): string {
  switch (m.type) {
    case 'invalid':
      return `invalid ${m.field}=${short(m.value)}`;
    case 'missing':
      return `missing ${m.field}`;
    case 'unknown-key':
      return `unknown key ${JSON.stringify(m.key)}`;
    case 'dangerous':
      return `dangerous key ${m.key} at ${m.where}`;
    case 'too-deep':
      return `nested ${m.depth} deep`;
    case 'shallow-nest':
      return `nested ${m.depth} deep in a field`;
  }
}

function short(v: unknown): string {
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 80 ? `${s.slice(0, 80)}…(${s.length})` : s;
}

/** True when some object or array in the value has a forbidden key or is nested deeper than 32 levels. */
function hasDangerousKey(value: unknown, depth = 0): boolean {
  if (depth > 32) return true;
  if (Array.isArray(value)) return value.some((v) => hasDangerousKey(v, depth + 1));
  if (value && typeof value === 'object') {
    return Object.keys(value).some((k) => DANGEROUS.includes(k) || hasDangerousKey((value as Record<string, unknown>)[k], depth + 1));
  }
  return false;
}

/**
 * Whether the body, as parsed by the server, breaks a field rule of the endpoint. Mirrors the DTOs
 * loosely but soundly: it only says "valid" for bodies built from the endpoint's valid body plus
 * noise, which the server must accept.
 */
function requiresAField(endpoint: Endpoint): boolean {
  return Object.values(endpoint.fields).some((f) => 'required' in f && f.required === true);
}

function bodyBreaksRules(endpoint: Endpoint, c: HostileCase, mutated: boolean): boolean {
  if (endpoint.method === 'delete') return false;
  if (c.wire.kind === 'root-array') return true;
  // No body (or one the server does not parse) reads as {}: a rule is broken only when a field is required.
  // Since decision 41 some bodies have none (an election's date may be unknown).
  if (c.body === undefined) return requiresAField(endpoint);
  return mutated;
}

export interface Expectation {
  statuses: number[];
  /** False only for a request the server should accept (the generator never sends one). */
  rejected: boolean;
  reason: string;
}

export function expectedStatuses(c: HostileCase): Expectation {
  const e = c.endpoint;
  const yes = (statuses: number[], reason: string): Expectation => ({ statuses, rejected: true, reason });
  // 1. routing
  if (c.segments.some((s) => s.kind === 'undecodable')) return yes([400], 'undecodable path');
  if (c.segments.some((s) => s.kind === 'empty')) return yes([404], 'no such route');
  // 2. guards, before the body is read: token, role, and the council when the path names it
  const p = c.auth.principal;
  if (!p) return yes([401], `auth ${c.auth.kind}`);
  const scopedElsewhere = (council: string | undefined) => p.councilId !== undefined && p.role !== 'admin' && p.councilId !== council;
  if (e.access === 'admin') {
    if (p.role !== 'admin') return yes([403], 'not admin');
  } else {
    if (p.role === 'analyst') return yes([403], 'analyst writes');
    if (e.access === 'correction' && p.role === 'secretary') return yes([403], 'secretary needs historian');
    if (e.segments.includes('council') && scopedElsewhere(c.segments[0].decoded)) return yes([403], 'other council');
  }
  // 3. body parser and key filter: only once the token may make this request at all
  if (c.wire.kind === 'huge') return yes([413], 'body over the limit');
  if (c.wire.kind === 'charset') return yes([400, 415], 'unsupported charset');
  if (c.wire.kind === 'malformed' || c.wire.kind === 'primitive') return yes([400], 'malformed JSON');
  if ((c.wire.kind === 'json' || c.wire.kind === 'root-array') && hasDangerousKey(c.body)) return yes([400], 'dangerous key or nesting');
  // 4. the checks that need the body: recordAnomaly, and the council a founding body names
  const parsed = c.wire.kind === 'json' ? (c.body as Record<string, unknown>) : undefined;
  if (e.access !== 'admin') {
    if (parsed?.recordAnomaly === true && p.role === 'secretary') return yes([403], 'secretary needs historian');
    if (!e.segments.includes('council') && scopedElsewhere(typeof parsed?.councilId === 'string' ? parsed.councilId : undefined)) return yes([403], 'other council');
  }
  // 5. pipes: path ids (404, or 400 for a token id that is not a uuid) and body validation (400), in parallel
  const bodyInvalid = bodyBreaksRules(e, c, c.mutations.length > 0);
  const pathInvalid = c.segments.some((s) => s.kind === 'invalid');
  if (e.method === 'delete') return pathInvalid ? yes([400], 'token id not a uuid') : yes([404], 'unknown token');
  if (bodyInvalid && pathInvalid) return yes([400, 404], 'invalid body and path id');
  if (bodyInvalid) return yes([400], 'invalid body');
  if (pathInvalid) return yes([404], 'invalid path id');
  // 6. handler
  if (c.idempotencyKey && !c.idempotencyKey.valid && e.access !== 'admin') return yes(e.access === 'correction' ? [400, 404] : [400], 'invalid Idempotency-Key');
  if (c.segments.some((s) => s.kind === 'unknown') || e.alwaysUnknown) return yes([404], 'unknown id');
  if (e.name === 'found council' && (parsed?.councilId === 'main' || parsed?.councilId === OTHER_COUNCIL)) return yes([409], 'council exists');
  return { statuses: [201], rejected: false, reason: 'valid' };
}
