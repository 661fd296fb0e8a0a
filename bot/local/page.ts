// The local chat page: Bot Framework Web Chat from our own server (no CDN) on our local Direct Line.
import { randomBytes } from 'node:crypto';
import type { RequestHandler } from 'express';

/** Where the page's own script and style sheet are served (from page-assets.ts). */
export const CHAT_SCRIPT_PATH = '/local/chat.js';
export const CHAT_STYLE_PATH = '/local/chat.css';
export const WEBCHAT_BUNDLE_PATH = '/webchat/webchat.js';

/** A fresh nonce per page: Web Chat puts it on the <style> elements it writes at run time. */
export function newNonce(): string {
  return randomBytes(18).toString('base64');
}

/** The hash of an empty <style>: Web Chat 4.18 gives react-scroll-to-bottom no nonce, and it fills its empty one through CSSOM. */
const EMPTY_STYLE = "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='";

/**
 * Nothing but our own scripts, styles and Direct Line, card images inline (data:, which Web Chat
 * turns into blob:), and no framing. Web Chat writes <style> elements as it renders: allowed by the
 * nonce it is given and the empty-style hash, so no 'unsafe-inline'; the bundle needs no 'unsafe-eval'.
 */
export function pagePolicy(nonce: string): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    `style-src 'self' 'nonce-${nonce}' ${EMPTY_STYLE}`,
    "img-src 'self' data: blob:",
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "object-src 'none'",
  ].join('; ');
}

/** Every local chat response: no framing, no type sniffing, no referrer, and no content of its own unless the page says so. */
export const securityHeaders: RequestHandler = (_req, res, next) => {
  res.set({
    'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
    'x-frame-options': 'DENY',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
  });
  next();
};

export function chatPage(nonce: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>PMO Assistant — local chat</title>
<link rel="stylesheet" href="${CHAT_STYLE_PATH}">
</head>
<body>
<header>
  <h1>PMO Assistant</h1>
  <p>Local chat: the same bot and database as Teams and Slack. Type <b>help</b>, or <b>risk</b> to be guided.</p>
</header>
<main><div id="webchat" role="main"></div></main>
<div id="problem" role="alert"></div>
<script src="${WEBCHAT_BUNDLE_PATH}"></script>
<script src="${CHAT_SCRIPT_PATH}" nonce="${nonce}"></script>
</body>
</html>
`;
}
