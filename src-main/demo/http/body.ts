// Reading JSON request bodies (ticket updates, admin routes) with a size cap.
import type { IncomingMessage } from 'node:http';

export class BodyTooLargeError extends Error {}
export class InvalidJsonError extends Error {}

/** The parsed JSON body, or undefined when the body is empty. */
export async function readJsonBody(req: IncomingMessage, maxBytes: number): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > maxBytes) throw new BodyTooLargeError(`body larger than ${maxBytes} bytes`);
    chunks.push(buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new InvalidJsonError('The request body is not valid JSON');
  }
}
