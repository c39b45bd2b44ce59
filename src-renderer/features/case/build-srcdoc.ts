// The document shown in a message's sandboxed iframe. Its CSP blocks every fetch (scripts,
// styles, fonts, frames, remote images); images from the network are allowed only once the
// agent chose to load them for this sender. The frame cannot load our fonts, so it names
// the same families and falls back to the system's. An anchor whose address the sanitizer removed
// (javascript:, data:, …) is plain text: it must not look like something to click.

export function frameCsp(allowRemoteImages: boolean): string {
  return `default-src 'none'; img-src ${allowRemoteImages ? 'data: https: http:' : 'data:'}; style-src 'unsafe-inline'`;
}

const FRAME_CSS = `
html { color-scheme: light; }
body { margin: 0; padding: 12px 14px; background: #ffffff; color: #1d2129; font: 14px/1.55 Inter, "Noto Sans KR", "Noto Sans CJK KR", system-ui, sans-serif; overflow-wrap: anywhere; }
p { margin: 0 0 0.75em; }
a[href] { color: #1f5fbf; }
a:not([href]) { color: inherit; text-decoration: none; cursor: text; }
img[src] { max-width: 100%; height: auto; }
img:not([src]) { display: inline-block; max-width: 100%; background: #eef0f3; outline: 1px dashed #b9c0ca; outline-offset: -1px; }
blockquote { margin: 0.5em 0 0.5em 0.2em; padding-left: 0.8em; border-left: 3px solid #d5dae1; color: #4d5562; }
table { border-collapse: collapse; max-width: 100%; }
td, th { padding: 2px 6px; vertical-align: top; }
pre, code { white-space: pre-wrap; font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 13px; }
ul, ol { padding-left: 1.4em; margin: 0 0 0.75em; }
`;

export function buildSrcdoc(bodyHtml: string, allowRemoteImages: boolean): string {
  return (
    '<!doctype html><html><head><meta charset="utf-8">' +
    `<meta http-equiv="Content-Security-Policy" content="${frameCsp(allowRemoteImages)}">` +
    '<meta name="referrer" content="no-referrer">' +
    `<style>${FRAME_CSS}</style></head><body>${bodyHtml}</body></html>`
  );
}
