// Attachment metadata for a comment, derived from its id (files are served as placeholders).
import { ATTACHMENT_ID_BASE, AUDIT_ID_BASE } from '../constants';
import { Rng } from '../random/prng';
import type { DemoAttachment } from './types';
import { attachmentUrl } from './urls';

const FILES: readonly { name: string; type: string; image: boolean }[] = [
  { name: 'photo.jpg', type: 'image/jpeg', image: true },
  { name: 'damage.jpg', type: 'image/jpeg', image: true },
  { name: 'screenshot.png', type: 'image/png', image: true },
  { name: 'receipt.pdf', type: 'application/pdf', image: false },
  { name: 'invoice.pdf', type: 'application/pdf', image: false },
  { name: 'app-log.txt', type: 'text/plain', image: false },
];

export function attachmentsFor(seed: number, commentId: number, baseUrl: string): DemoAttachment[] {
  const rng = Rng.derive(seed, 'attachments', commentId);
  const count = rng.chance(0.75) ? 1 : 2;
  const out: DemoAttachment[] = [];
  for (let k = 0; k < count; k++) {
    const file = rng.pick(FILES);
    const token = rng.token(25);
    const url = attachmentUrl(baseUrl, token, file.name);
    out.push({
      // Comment ids are spaced by the audit stride, so this never collides.
      id: ATTACHMENT_ID_BASE + (commentId - AUDIT_ID_BASE) + k,
      file_name: file.name,
      content_url: url,
      mapped_content_url: url,
      content_type: file.type,
      size: file.image ? rng.range(80_000, 2_400_000) : rng.range(2_000, 300_000),
      width: file.image ? 1280 : null,
      height: file.image ? 960 : null,
      inline: false,
      deleted: false,
      thumbnails: [],
    });
  }
  return out;
}

/** Token of the inline image embedded in a rich e-mail. */
export function inlineImageToken(seed: number, commentId: number): string {
  return Rng.derive(seed, 'inline-image', commentId).token(25);
}
