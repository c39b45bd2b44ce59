// Core reports a helpdesk refusal with the response body, e.g.
//   The helpdesk refused the change (422: {"error":"RecordInvalid","details":{"status":[{"description":"…"}]}})
// Agents get the helpdesk's own words instead of JSON; the full text stays available as a tooltip.

interface HelpdeskErrorBody {
  error?: unknown;
  description?: unknown;
  details?: Record<string, { description?: unknown }[] | undefined>;
}

export function readableError(message: string): string {
  const match = /^(.*?)\s*\((\d{3}): (\{.*\})\)\s*$/s.exec(message);
  if (!match) return message;
  try {
    const body = JSON.parse(match[3]!) as HelpdeskErrorBody;
    const details = Object.values(body.details ?? {})
      .flatMap((list) => list ?? [])
      .map((d) => d.description)
      .filter((d): d is string => typeof d === 'string' && d !== '');
    const reason = details.length > 0 ? details.join('; ') : typeof body.description === 'string' ? body.description : typeof body.error === 'string' ? body.error : null;
    return reason ? `${match[1]} (${match[2]}): ${reason}` : message;
  } catch {
    return message;
  }
}
