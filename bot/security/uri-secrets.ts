/** Query parameters (and authMechanismProperties entries) whose value is a credential. */
const SECRET_NAME = /pass|pwd|secret|token|credential|api_?key|private_?key|signature|^sig$/i;
/** What may follow the `@` that ends the credentials: a host list, then a path, a query or the end. */
const HOSTS_THEN_END = /^[A-Za-z0-9._~%[\]:,-]+(?:[/?#]|$)/;
const MASK = '***';

interface UriParts {
  scheme: string;
  user?: string;
  password?: string;
  /** Hosts and path, up to the query. */
  hostsAndPath: string;
  params: { name: string; value?: string }[];
  fragment: string;
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * Splits a connection string leniently: a password may hold unescaped `@`, `:` or `?` (the
 * credentials end at the first `@` followed by a host list), so it is never split in two.
 */
function parse(uri: string): UriParts | undefined {
  const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(uri)?.[0];
  if (!scheme) return undefined;
  const rest = uri.slice(scheme.length);
  let at = -1;
  for (let i = rest.indexOf('@'); i !== -1; i = rest.indexOf('@', i + 1)) {
    if (HOSTS_THEN_END.test(rest.slice(i + 1))) {
      at = i;
      break;
    }
  }
  const userinfo = at === -1 ? undefined : rest.slice(0, at);
  const afterAt = rest.slice(at + 1);
  const hashAt = afterAt.indexOf('#');
  const beforeHash = hashAt === -1 ? afterAt : afterAt.slice(0, hashAt);
  const queryAt = beforeHash.indexOf('?');
  const query = queryAt === -1 ? '' : beforeHash.slice(queryAt + 1);
  const colon = userinfo?.indexOf(':') ?? -1;
  return {
    scheme,
    user: userinfo === undefined ? undefined : colon === -1 ? userinfo : userinfo.slice(0, colon),
    password: userinfo !== undefined && colon !== -1 ? userinfo.slice(colon + 1) : undefined,
    hostsAndPath: queryAt === -1 ? beforeHash : beforeHash.slice(0, queryAt),
    params: query
      ? query.split(/[&;]/).map((pair) => {
          const eq = pair.indexOf('=');
          return eq === -1 ? { name: pair } : { name: pair.slice(0, eq), value: pair.slice(eq + 1) };
        })
      : [],
    fragment: hashAt === -1 ? '' : afterAt.slice(hashAt),
  };
}

/** authMechanismProperties=AWS_SESSION_TOKEN:abc,SERVICE_NAME:mongodb: its secret entries. */
function propertyEntries(value: string): { name: string; value: string }[] {
  return decode(value)
    .split(',')
    .map((entry) => {
      const colon = entry.indexOf(':');
      return colon === -1 ? { name: entry, value: '' } : { name: entry.slice(0, colon), value: entry.slice(colon + 1) };
    });
}

const isProperties = (name: string): boolean => /^authMechanismProperties$/i.test(name);

/**
 * A connection string safe to log: the password masked whole (even one holding `@`), and every
 * query parameter that carries a credential masked, including AWS_SESSION_TOKEN and the like
 * inside authMechanismProperties. Strings that are not URIs come back unchanged.
 */
export function redactUri(uri: string): string {
  const parts = parse(uri);
  if (!parts) return uri;
  const credentials = parts.user === undefined ? '' : `${parts.user}${parts.password === undefined ? '' : `:${MASK}`}@`;
  const params = parts.params.map(({ name, value }) => {
    if (value === undefined) return name;
    if (SECRET_NAME.test(name)) return `${name}=${MASK}`;
    if (isProperties(name)) {
      return `${name}=${propertyEntries(value).map((e) => (SECRET_NAME.test(e.name) ? `${e.name}:${MASK}` : e.value ? `${e.name}:${e.value}` : e.name)).join(',')}`;
    }
    return `${name}=${value}`;
  });
  return `${parts.scheme}${credentials}${parts.hostsAndPath}${params.length ? `?${params.join('&')}` : ''}${parts.fragment}`;
}

/** The secret values inside a connection string (password, credential parameters), as written and decoded. */
export function uriSecrets(uri: string): string[] {
  const parts = parse(uri);
  if (!parts) return [];
  const values = [parts.password ?? ''];
  for (const { name, value } of parts.params) {
    if (value === undefined) continue;
    if (SECRET_NAME.test(name)) values.push(value);
    else if (isProperties(name)) values.push(...propertyEntries(value).filter((e) => SECRET_NAME.test(e.name)).map((e) => e.value));
  }
  return [...new Set(values.flatMap((v) => [v, decode(v)]).filter(Boolean))];
}
