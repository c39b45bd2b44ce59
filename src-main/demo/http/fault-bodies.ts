// How faults damage a response body.
import type { ActiveFault } from './faults';

const COLLECTION_KEYS = ['tickets', 'users', 'ticket_events', 'comments', 'results', 'groups', 'organizations', 'orders'];
const ENTITY_KEYS = ['ticket', 'user', 'group', 'organization'];

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Records of the body: the items of its collection, or its single entity. */
function records(body: Json): Json[] {
  for (const key of COLLECTION_KEYS) {
    const value = body[key];
    if (Array.isArray(value)) return value.filter(isObject);
  }
  for (const key of ENTITY_KEYS) {
    const value = body[key];
    if (isObject(value)) return [value];
  }
  return [];
}

/** Field values of the wrong JSON type: ids become objects, statuses numbers, and so on. */
export function withWrongTypes(body: unknown): unknown {
  if (!isObject(body)) return body;
  const copy = structuredClone(body);
  for (const record of records(copy)) {
    if ('id' in record) record.id = { $numberLong: String(record.id) };
    if ('status' in record) record.status = 3;
    if ('created_at' in record) record.created_at = 1_700_000_000;
    if ('public' in record) record.public = 'yes';
    if ('tags' in record) record.tags = 'refund billing';
    if ('timestamp' in record) record.timestamp = String(record.timestamp);
  }
  if ('end_of_stream' in copy) copy.end_of_stream = 'false';
  if ('count' in copy) copy.count = String(copy.count);
  return copy;
}

/** Missing fields: the records lose their ids, or the named top-level field disappears. */
export function withMissingFields(body: unknown, field: string | undefined): unknown {
  if (!isObject(body)) return body;
  const copy = structuredClone(body);
  if (field) {
    delete copy[field];
    return copy;
  }
  for (const record of records(copy)) delete record.id;
  return copy;
}

/** The serialized body a fault turns the response into (null: no body change). */
export function damagedText(fault: ActiveFault, body: unknown): string | null {
  switch (fault.kind) {
    case 'wrong-types':
      return JSON.stringify(withWrongTypes(body));
    case 'missing-fields':
      return JSON.stringify(withMissingFields(body, fault.field));
    case 'truncated-json': {
      const text = JSON.stringify(body);
      return text.slice(0, Math.floor(text.length / 2));
    }
    case 'malformed-json': {
      // A trailing comma and a stray token: invalid JSON that still looks plausible.
      const text = JSON.stringify(body);
      return `${text.slice(0, -1)},,"oops"}`;
    }
    default:
      return null;
  }
}
