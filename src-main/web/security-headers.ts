// The renderer's Content-Security-Policy and the other hardening headers (DESIGN §9). One policy for
// both shells; only `connect-src` differs (the web host's WebSocket; nothing for Electron's IPC).
//
// Deviations from a bare `'self'` policy, and why:
// - style-src 'unsafe-inline': React sets `style` attributes (virtualised list rows are positioned
//   that way); no script can run from a style.
// - img-src http: https:: customer e-mails are shown in a sandboxed srcdoc iframe whose own CSP
//   blocks remote images until the agent clicks "Load images from this sender". A srcdoc document
//   inherits this page's policy too, so this page must allow remote images or that button could
//   never work. Scripts stay 'self' only, so nothing can inject such an image in the page itself.
// - frame-src about: data:: the message iframes are srcdoc (about:srcdoc) documents.

export function contentSecurityPolicy(connectSrc: readonly string[]): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: https: http:",
    "font-src 'self' data:",
    `connect-src ${["'self'", ...connectSrc].join(' ')}`,
    "frame-src 'self' about: data:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Headers for every response of the web host. */
export function securityHeaders(connectSrc: readonly string[]): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(connectSrc),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'X-Frame-Options': 'DENY',
    // The page opens no other windows and is embedded nowhere.
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
  };
}
