// Reads the `ticket` object of PUT /api/v2/tickets/{id} (and of the teammate hook) into typed
// fields. Only the shape and types are checked here (400); whether the values are acceptable
// for this ticket is update-validation's job (422). Unknown properties are ignored, as Zendesk
// ignores read-only and unknown ticket properties.
import { invalidType } from './update-rejected';

export interface RawComment {
  body: string | null;
  htmlBody: string | null;
  /** Zendesk's default is a public comment. */
  public: boolean;
  authorId: number | null;
}

export interface UpdateRequest {
  status?: string;
  priority?: string | null;
  type?: string | null;
  assignee_id?: number | null;
  group_id?: number | null;
  tags?: string[];
  additional_tags?: string[];
  remove_tags?: string[];
  comment: RawComment | null;
  /** True when safe_update is true or "true" (false/"false" and omitted mean a forced update). */
  safeUpdate: boolean;
  /** updated_stamp in unix seconds. */
  updatedStamp: number | null;
  metadataCustom: Record<string, unknown> | null;
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringOrNull(o: Json, key: string): string | null | undefined {
  const v = o[key];
  if (v === undefined || v === null || typeof v === 'string') return v;
  throw invalidType(`${key} must be a string`);
}

function idOrNull(o: Json, key: string): number | null | undefined {
  const v = o[key];
  if (v === undefined || v === null) return v;
  if (typeof v === 'number' && Number.isSafeInteger(v) && v > 0) return v;
  throw invalidType(`${key} must be a positive integer or null`);
}

function tagList(o: Json, key: string): string[] | undefined {
  const v = o[key];
  if (v === undefined) return undefined;
  if (!Array.isArray(v) || !v.every((t) => typeof t === 'string')) throw invalidType(`${key} must be an array of strings`);
  // Trimmed, blanks dropped, duplicates removed; Zendesk's further normalisation is not modelled.
  return [...new Set((v as string[]).map((t) => t.trim()).filter((t) => t !== ''))];
}

function booleanish(v: unknown, key: string): boolean | undefined {
  if (v === undefined) return undefined;
  if (v === true || v === 'true') return true;
  if (v === false || v === 'false') return false;
  throw invalidType(`${key} must be a boolean`);
}

function readComment(v: unknown): RawComment | null {
  if (v === undefined || v === null) return null;
  if (!isObject(v)) throw invalidType('comment must be an object');
  const body = stringOrNull(v, 'body') ?? null;
  const htmlBody = stringOrNull(v, 'html_body') ?? null;
  const isPublic = v.public;
  if (isPublic !== undefined && typeof isPublic !== 'boolean') throw invalidType('comment.public must be a boolean');
  const authorId = idOrNull(v, 'author_id') ?? null;
  return { body, htmlBody, public: isPublic ?? true, authorId };
}

function readStamp(v: unknown): number | null {
  if (v === undefined || v === null) return null;
  const ms = typeof v === 'string' ? Date.parse(v) : NaN;
  if (!Number.isFinite(ms)) throw invalidType('updated_stamp must be an ISO 8601 date-time string');
  return Math.floor(ms / 1000);
}

/** Parses a request body `{"ticket": {...}}`. */
export function parseUpdateBody(body: unknown): UpdateRequest {
  if (!isObject(body) || !isObject(body.ticket)) throw invalidType('The request body must be a JSON object with a "ticket" object');
  return parseTicketObject(body.ticket);
}

/** Parses the ticket object itself. */
export function parseTicketObject(t: Json): UpdateRequest {
  const request: UpdateRequest = {
    comment: readComment(t.comment),
    safeUpdate: booleanish(t.safe_update, 'safe_update') ?? false,
    updatedStamp: readStamp(t.updated_stamp),
    metadataCustom: null,
  };
  if (t.status !== undefined) {
    if (typeof t.status !== 'string') throw invalidType('status must be a string');
    request.status = t.status;
  }
  for (const key of ['priority', 'type'] as const) {
    const value = stringOrNull(t, key);
    if (value !== undefined) request[key] = value;
  }
  for (const key of ['assignee_id', 'group_id'] as const) {
    const value = idOrNull(t, key);
    if (value !== undefined) request[key] = value;
  }
  for (const key of ['tags', 'additional_tags', 'remove_tags'] as const) {
    const value = tagList(t, key);
    if (value !== undefined) request[key] = value;
  }
  if (t.metadata !== undefined && t.metadata !== null) {
    if (!isObject(t.metadata)) throw invalidType('metadata must be an object');
    const custom = t.metadata.custom;
    if (custom !== undefined && custom !== null && !isObject(custom)) throw invalidType('metadata.custom must be an object');
    request.metadataCustom = custom ?? null;
  }
  return request;
}
