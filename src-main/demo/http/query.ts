// Query-string parsing with Zendesk-style 400 errors.
import { InvalidCursorError, decodeCursor } from '../util/cursor-codec';
import { badRequest } from './types';

export interface IntRange {
  fallback: number;
  min: number;
  /** Larger values are clamped to max, as Zendesk does with page sizes. */
  max: number;
}

export function intParam(query: URLSearchParams, name: string, range: IntRange): number {
  const raw = query.get(name);
  if (raw === null || raw === '') return range.fallback;
  if (!/^-?\d+$/.test(raw)) throw badRequest(`${name} must be an integer`, 'InvalidPaginationParameter');
  const value = Number(raw);
  if (value < range.min) throw badRequest(`${name} must be at least ${range.min}`, 'InvalidPaginationParameter');
  return Math.min(value, range.max);
}

/** Required unix-seconds parameter such as start_time. */
export function unixParam(query: URLSearchParams, name: string): number | null {
  const raw = query.get(name);
  if (raw === null) return null;
  if (!/^\d+$/.test(raw)) throw badRequest(`${name} must be a unix timestamp in seconds`);
  return Number(raw);
}

/** An optional boolean flag such as exclude_deleted: true/false (default false). */
export function booleanParam(query: URLSearchParams, name: string): boolean {
  const raw = query.get(name);
  if (raw === null || raw === '' || raw === 'false') return false;
  if (raw === 'true') return true;
  throw badRequest(`${name} must be true or false`);
}

export function includes(query: URLSearchParams, sideload: string): boolean {
  return (query.get('include') ?? '')
    .split(',')
    .map((s) => s.trim())
    .includes(sideload);
}

export function cursorParam(query: URLSearchParams, name: string, kind: string): number | null {
  const raw = query.get(name);
  if (raw === null || raw === '') return null;
  try {
    return decodeCursor(kind, raw);
  } catch (error) {
    if (error instanceof InvalidCursorError) throw badRequest(`${name} is not a valid cursor`, 'InvalidPaginationParameter');
    throw error;
  }
}

/** Builds an absolute URL to `path` with the given query parameters (skipping nulls). */
export function buildUrl(baseUrl: string, path: string, params: Record<string, string | number | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== null && value !== undefined) search.set(key, String(value));
  const text = search.toString();
  return `${baseUrl}${path}${text ? `?${text}` : ''}`;
}

/** Zendesk's show_many endpoints take at most 100 ids. */
export const SHOW_MANY_LIMIT = 100;

/** The `ids` of a show_many request: comma-separated numbers, at most SHOW_MANY_LIMIT. */
export function showManyIds(query: URLSearchParams): number[] {
  const raw = query.get('ids');
  if (!raw) throw badRequest('ids is required');
  const ids = raw
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (ids.length > SHOW_MANY_LIMIT) throw badRequest(`at most ${SHOW_MANY_LIMIT} ids`);
  if (!ids.every((s) => /^\d+$/.test(s))) throw badRequest('ids must be numbers');
  return ids.map(Number);
}
