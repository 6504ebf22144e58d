import { randomUUID } from 'node:crypto';
import type { FieldIssue } from '../../server/errors.js';

/**
 * Segment's HTTP Tracking API message, checked by hand rather than by a schema library: at 150,000 events a
 * second, every microsecond per event is a tenth of the budget. Field names and shapes follow Segment's spec
 * (https://segment.com/docs/connections/spec/common/).
 */
export const MessageTypes = ['track', 'identify', 'group', 'page', 'screen', 'alias'] as const;
export type MessageType = (typeof MessageTypes)[number];

/** Segment's limits: 32 KB per call, 500 KB per batch request. */
export const MAX_EVENT_BYTES = 32 * 1024;
export const MAX_BATCH_BYTES = 500 * 1024;
const MAX_ID = 255;
const MAX_EVENT_NAME = 200;
const MAX_NUMERIC_PROPERTIES = 25;
const MAX_PROPERTY_NAME = 100;

export interface Message {
  messageId: string;
  type: MessageType;
  /** The rollup key: see eventKey(). null for identify, group and alias. */
  event: string | null;
  userId: string | null;
  anonymousId: string | null;
  /** The account the message names: group's groupId, else context.groupId or properties.groupId. */
  groupId: string | null;
  /** identify/group traits (identify: the user's; group: the account's). */
  traits: Record<string, unknown> | null;
  email: string | null;
  /** alias: the id the user had before. */
  previousId: string | null;
  /** When it happened, ISO UTC; its first 10 characters are the rollup day. */
  ts: string;
  /** Top-level numeric properties of track/page/screen calls, summed in the rollups. */
  numbers: Array<[string, number]>;
  /** The message as received, JSON. */
  payload: string;
}

export type Checked = { ok: true; message: Message } | { ok: false; issues: FieldIssue[] };

type Raw = Record<string, unknown>;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)?(?:Z|[+-]\d{2}:?\d{2})?$/i;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Text both engines store alike in a text column (PostgreSQL refuses NUL; lone surrogates differ). */
export function isStorableText(s: string): boolean {
  return !s.includes('\u0000') && !LONE_SURROGATE.test(s);
}

function isObject(v: unknown): v is Raw {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Segment accepts numeric ids and stores them as strings. */
function idOf(raw: Raw, key: string, field: string, issues: FieldIssue[]): string | null {
  const v = raw[key];
  if (v === undefined || v === null || v === '') return null;
  if (typeof v !== 'string' && !(typeof v === 'number' && Number.isFinite(v))) {
    issues.push({ field, rule: 'type', message: `${field}: must be a string` });
    return null;
  }
  const s = String(v);
  if (s.length > MAX_ID) issues.push({ field, rule: 'max_length', message: `${field}: must be at most ${MAX_ID} characters` });
  else if (s.includes('\u0000') || LONE_SURROGATE.test(s)) {
    issues.push({ field, rule: 'text', message: `${field}: must not contain the NUL character or unpaired surrogates` });
  }
  return s;
}

function timeOf(raw: Raw, key: string, field: string, issues: FieldIssue[]): number | null {
  const v = raw[key];
  if (v === undefined || v === null) return null;
  const ms = typeof v === 'string' && ISO_DATE.test(v) ? Date.parse(v) : Number.NaN;
  if (Number.isNaN(ms)) {
    issues.push({ field, rule: 'date_time', message: `${field}: must be an ISO-8601 date and time, e.g. 2026-11-22T10:15:00Z` });
    return null;
  }
  return ms;
}

function objectOf(raw: Raw, key: string, field: string, issues: FieldIssue[]): Raw | null {
  const v = raw[key];
  if (v === undefined || v === null) return null;
  if (!isObject(v)) {
    issues.push({ field, rule: 'type', message: `${field}: must be an object` });
    return null;
  }
  return v;
}

/** The name a call is counted under in the rollups and KPIs. */
export function eventKey(type: MessageType, name: string | null): string | null {
  if (type === 'page') return name ? `Viewed ${name} Page` : 'Loaded a Page';
  if (type === 'screen') return name ? `Viewed ${name} Screen` : 'Loaded a Screen';
  return null;
}

/** The numeric top-level properties a usage event's rollups sum (bounded in count and name length). */
export function numbersOf(properties: Raw | null): Array<[string, number]> {
  const out: Array<[string, number]> = [];
  if (!properties) return out;
  for (const key in properties) {
    const v = properties[key];
    if (typeof v === 'number' && Number.isFinite(v) && key.length <= MAX_PROPERTY_NAME && key !== '') {
      out.push([key, v]);
      if (out.length === MAX_NUMERIC_PROPERTIES) break;
    }
  }
  return out;
}

export interface CheckOptions {
  receivedAt: number;
  /** The type a single-call endpoint (/v1/track…) gives; null for /v1/batch, where each message says. */
  implied: MessageType | null;
  /** A batch request's own sentAt, for messages without one. */
  sentAt: number | null;
}

/** Checks one message and normalises it. `at` names it in errors (e.g. "batch.3"). */
export function checkMessage(value: unknown, at: string, options: CheckOptions): Checked {
  const { receivedAt, implied } = options;
  const issues: FieldIssue[] = [];
  if (!isObject(value)) return { ok: false, issues: [{ field: at, rule: 'type', message: `${at}: must be an object` }] };
  const payload = JSON.stringify(value);
  const bytes = payload.length * 3 > MAX_EVENT_BYTES ? Buffer.byteLength(payload) : payload.length;
  if (bytes > MAX_EVENT_BYTES) {
    return { ok: false, issues: [{ field: at, rule: 'max_size', message: `${at}: is ${bytes} bytes; one call may be at most 32 KB` }] };
  }
  const f = (key: string) => `${at}.${key}`;

  let type = implied;
  if (!type) {
    const t = value.type;
    if (typeof t === 'string' && (MessageTypes as readonly string[]).includes(t)) type = t as MessageType;
    else {
      issues.push({ field: f('type'), rule: 'enum', message: `${f('type')}: must be one of ${MessageTypes.join(', ')}` });
      return { ok: false, issues };
    }
  }

  const messageId = idOf(value, 'messageId', f('messageId'), issues) ?? `kw-${randomUUID()}`;
  const userId = idOf(value, 'userId', f('userId'), issues);
  const anonymousId = idOf(value, 'anonymousId', f('anonymousId'), issues);
  if (!userId && !anonymousId && !issues.some((i) => i.field === f('userId') || i.field === f('anonymousId'))) {
    issues.push({ field: f('userId'), rule: 'required', message: `${f('userId')}: a userId or an anonymousId is required` });
  }
  const context = objectOf(value, 'context', f('context'), issues);
  const properties = objectOf(value, 'properties', f('properties'), issues);
  const traits = objectOf(value, 'traits', f('traits'), issues);
  const timestamp = timeOf(value, 'timestamp', f('timestamp'), issues);
  const sentAt = timeOf(value, 'sentAt', f('sentAt'), issues) ?? options.sentAt;

  let event: string | null = null;
  let groupId: string | null = null;
  let previousId: string | null = null;
  if (type === 'track') {
    const name = value.event;
    if (typeof name !== 'string' || name.trim() === '') {
      issues.push({ field: f('event'), rule: 'required', message: `${f('event')}: the event name is required` });
    } else if (name.length > MAX_EVENT_NAME) {
      issues.push({ field: f('event'), rule: 'max_length', message: `${f('event')}: must be at most ${MAX_EVENT_NAME} characters` });
    } else if (name.includes('\u0000') || LONE_SURROGATE.test(name)) {
      issues.push({ field: f('event'), rule: 'text', message: `${f('event')}: must not contain the NUL character or unpaired surrogates` });
    } else event = name;
  } else if (type === 'page' || type === 'screen') {
    const name = idOf(value, 'name', f('name'), issues);
    event = eventKey(type, name && name.length <= MAX_EVENT_NAME - 20 ? name : null);
  } else if (type === 'group') {
    groupId = idOf(value, 'groupId', f('groupId'), issues);
    if (!groupId && !issues.some((i) => i.field === f('groupId'))) {
      issues.push({ field: f('groupId'), rule: 'required', message: `${f('groupId')}: the groupId (the account's external id) is required` });
    }
  } else if (type === 'alias') {
    previousId = idOf(value, 'previousId', f('previousId'), issues);
    if (!previousId && !issues.some((i) => i.field === f('previousId'))) {
      issues.push({ field: f('previousId'), rule: 'required', message: `${f('previousId')}: the previousId is required` });
    }
  }
  if (type !== 'group') {
    groupId =
      (context && idOf(context, 'groupId', f('context.groupId'), issues)) ||
      (properties && idOf(properties, 'groupId', f('properties.groupId'), issues)) ||
      null;
  }
  if (issues.length) return { ok: false, issues };

  // Segment corrects the sender's clock: timestamp = receivedAt - (sentAt - timestamp).
  const when = timestamp === null ? receivedAt : sentAt === null ? timestamp : receivedAt - (sentAt - timestamp);
  const ts = new Date(when);
  if (Number.isNaN(ts.getTime()) || ts.getUTCFullYear() < 1970 || ts.getUTCFullYear() > 9999) {
    return { ok: false, issues: [{ field: f('timestamp'), rule: 'range', message: `${f('timestamp')}: must fall between the years 1970 and 9999` }] };
  }
  const contextTraits = context && isObject(context.traits) ? context.traits : null;
  const emailValue = (type === 'identify' ? traits?.email : undefined) ?? contextTraits?.email;
  const email =
    typeof emailValue === 'string' && emailValue.length <= MAX_ID && emailValue.includes('@') && isStorableText(emailValue)
      ? emailValue.trim().toLowerCase()
      : null;

  return {
    ok: true,
    message: {
      messageId,
      type,
      event,
      userId,
      anonymousId,
      groupId,
      traits: type === 'identify' || type === 'group' ? (traits ?? {}) : null,
      email,
      previousId,
      ts: ts.toISOString(),
      numbers: type === 'track' || type === 'page' || type === 'screen' ? numbersOf(properties) : [],
      payload,
    },
  };
}
