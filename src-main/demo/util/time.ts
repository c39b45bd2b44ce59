// Zendesk timestamps: ISO 8601 in UTC without milliseconds ("2026-11-20T10:11:12Z"),
// and unix seconds for generated_timestamp / start_time.

export const MINUTE = 60;
export const HOUR = 3600;
export const DAY = 86_400;

// Formatting a million timestamps through Date is slow; the date part is cached per day.
const dayPrefixCache = new Map<number, string>();

function two(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** Unix seconds to "YYYY-MM-DDTHH:MM:SSZ". */
export function isoFromUnix(seconds: number): string {
  const whole = Math.floor(seconds);
  const day = Math.floor(whole / DAY);
  let prefix = dayPrefixCache.get(day);
  if (prefix === undefined) {
    prefix = new Date(day * DAY * 1000).toISOString().slice(0, 11);
    if (dayPrefixCache.size > 5000) dayPrefixCache.clear();
    dayPrefixCache.set(day, prefix);
  }
  const rest = whole - day * DAY;
  const h = Math.floor(rest / HOUR);
  const m = Math.floor((rest % HOUR) / MINUTE);
  return `${prefix}${two(h)}:${two(m)}:${two(rest % MINUTE)}Z`;
}

export function unixFromMs(ms: number): number {
  return Math.floor(ms / 1000);
}

/** Parses an ISO timestamp into unix seconds. */
export function unixFromIso(iso: string): number {
  return Math.floor(Date.parse(iso) / 1000);
}

export function floorToMinuteMs(ms: number): number {
  return Math.floor(ms / 60_000) * 60_000;
}

/** Unix seconds to "YYYY-MM-DD", for dates mentioned in message bodies. */
export function dateFromUnix(seconds: number): string {
  return isoFromUnix(seconds).slice(0, 10);
}
