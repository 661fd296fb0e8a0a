/** Shorter values are not scrubbed by value: masking every "abc" in the logs would hide more than it protects. */
export const MIN_SECRET_LENGTH = 4;
export const MASK = '***';

/** Secret shapes, whoever's they are: Slack tokens, bearer tokens, JWTs, Slack webhook and response URLs, credentials in URIs. */
const SHAPES: [RegExp, string][] = [
  [/\b(xox[a-z](?:\.xox[a-z])?-)[A-Za-z0-9-]+/g, `$1${MASK}`],
  [/\b(xapp-)[A-Za-z0-9-]+/g, `$1${MASK}`],
  [/\b(Bearer\s+)[A-Za-z0-9._~+/=-]{16,}/gi, `$1${MASK}`],
  [/\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/g, `${MASK}jwt${MASK}`],
  [/(https:\/\/hooks\.slack\.com\/)[^\s"'\\<>]+/g, `$1${MASK}`],
  // user:password@host in any URI; the password ends at the first `@` followed by a host list.
  [/\b([a-z][a-z0-9+.-]*:\/\/[^\s"'\\/:@?#]+):[^\s"'\\<>]*?@(?=[A-Za-z0-9._~%[\]:,-]+(?:[/?#\s"'\\]|$))/gi, `$1:${MASK}@`],
  // ?password=…, &tlsCertificateKeyFilePassword=…, &client_secret=…, &token=… in URLs and form bodies.
  [/([?&;]|\b)([\w.-]*(?:pass(?:word)?|pwd|secret|token|credential)[\w.-]*=)[^&\s"'\\#<>]+/gi, `$1$2${MASK}`],
  [/\b(AWS_SESSION_TOKEN[:=])[^,&\s"'\\]+/g, `$1${MASK}`],
];

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The forms a value takes once printed: as is, inside a JSON string (once and twice encoded), percent-encoded. */
function printedForms(value: string): string[] {
  const json = JSON.stringify(value).slice(1, -1);
  return [value, json, JSON.stringify(json).slice(1, -1), encodeURIComponent(value)];
}

/**
 * The logger's last line of defence: every line, whatever wrote it (our code, bolt's debug output,
 * an error message holding a URL), loses the configured secret values and anything shaped like a
 * token before it reaches the stream.
 */
export function createScrubber(secrets: readonly string[] = []): (line: string) => string {
  const forms = [...new Set(secrets.filter((s) => s.length >= MIN_SECRET_LENGTH).flatMap(printedForms))];
  // Longest first, so a value that contains another is masked whole.
  const known = forms.length ? new RegExp(forms.sort((a, b) => b.length - a.length).map(escapeRegExp).join('|'), 'g') : undefined;
  return (line) => {
    let out = known ? line.replace(known, MASK) : line;
    for (const [shape, replacement] of SHAPES) out = out.replace(shape, replacement);
    return out;
  };
}
