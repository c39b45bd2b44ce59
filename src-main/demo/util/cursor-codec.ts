// Opaque pagination cursors. Like Zendesk's, they are base64 text; clients must treat them as
// opaque. Inside is a kind tag and a position, so a cursor from one endpoint is rejected by another.

export class InvalidCursorError extends Error {}

export function encodeCursor(kind: string, position: number, time = 0): string {
  return Buffer.from(`${time}.0|${kind}|${position}|`, 'utf8').toString('base64url');
}

export function decodeCursor(kind: string, cursor: string): number {
  let text: string;
  try {
    text = Buffer.from(cursor, 'base64url').toString('utf8');
  } catch {
    throw new InvalidCursorError('cursor is not valid');
  }
  const parts = text.split('|');
  const position = Number(parts[2]);
  if (parts.length !== 4 || parts[1] !== kind || !Number.isSafeInteger(position) || position < 0) {
    throw new InvalidCursorError('cursor is not valid');
  }
  return position;
}
