// Placeholder files behind attachment and inline-image URLs (/attachments/token/{token}/?name=),
// so a client can follow them. Like Zendesk's token URLs they need no API auth.
import type { ServerResponse } from 'node:http';

// A 1x1 grey PNG.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mO8e+fOfwAIDgNOQWxUqwAAAABJRU5ErkJggg==', 'base64');
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 100]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
  'latin1',
);

export function serveAttachment(res: ServerResponse, url: URL): void {
  const name = url.searchParams.get('name') ?? 'file.bin';
  let body: Buffer;
  let type: string;
  if (/\.(png|jpe?g|gif)$/i.test(name)) {
    body = PNG;
    type = 'image/png';
  } else if (/\.pdf$/i.test(name)) {
    body = PDF;
    type = 'application/pdf';
  } else {
    body = Buffer.from(`Placeholder content of ${name} (Shiftdesk demo helpdesk)\n`, 'utf8');
    type = 'text/plain; charset=utf-8';
  }
  res.writeHead(200, {
    'Content-Type': type,
    'Content-Length': String(body.length),
    'Content-Disposition': `attachment; filename="${name.replace(/["\\\r\n]/g, '_')}"`,
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(body);
}
