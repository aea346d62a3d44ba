/** The BFF's few HTML pages: a clear reason and a way forward, nothing echoed unescaped. */
import { createHash } from 'node:crypto';

const STYLE = `body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;color:#1b1f24}
h1{font-size:1.4rem}a{color:#0b57d0}.note{color:#555;font-size:.9rem}`;
/** The one inline style's CSP source: nothing else may style (or script) a BFF page. */
export const PAGE_STYLE_HASH = `sha256-${createHash('sha256').update(STYLE).digest('base64')}`;

const escape = (text: string) =>
  text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);

export function errorPage(title: string, detail: string, appUrl: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)} · Evo Sign-in Lab (Web app)</title>
<style>${STYLE}</style></head>
<body><main><h1>${escape(title)}</h1><p>${escape(detail)}</p>
<p><a href="${escape(appUrl)}">Back to the lab</a> · <a href="${escape(new URL('bff/login', appUrl).toString())}">Sign in again (Web app)</a></p>
<p class="note">Answered by the lab's backend-for-frontend (server/).</p></main></body></html>`;
}
