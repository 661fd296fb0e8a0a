/** The values substituted for the manifest's `${{NAME}}` placeholders. */
export interface PackageValues {
  MicrosoftAppId: string;
  /** https origin plus optional path, without a trailing slash (the manifest appends `/privacy`). */
  PUBLIC_URL: string;
  /** Host (and port, if any) of PUBLIC_URL, for validDomains. */
  PUBLIC_URL_DOMAIN: string;
  APP_VERSION: string;
}

/** Everything wrong with one packaging attempt, one line each. */
export class PackageError extends Error {
  constructor(readonly problems: string[]) {
    super(`Cannot build the Teams app package:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'PackageError';
  }
}

type Env = Record<string, string | undefined>;

// Same shape as the manifest schema's guid definition.
const GUID = /^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/;
// Teams wants major.minor.patch, numbers only (no pre-release or build suffix).
const TEAMS_VERSION = /^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)$/;

/**
 * Reads MicrosoftAppId (required GUID), PUBLIC_URL (required https URL) and APP_VERSION (default
 * `defaultVersion`, the package.json version); throws one PackageError naming every bad value.
 */
export function readPackageEnv(env: Env, defaultVersion: string): PackageValues {
  const problems: string[] = [];
  const get = (name: string): string | undefined => env[name]?.trim() || undefined;

  const appId = get('MicrosoftAppId');
  if (appId === undefined) {
    problems.push(
      'MicrosoftAppId is required: the Microsoft App ID of the bot\'s Azure Bot registration, a GUID like 00000000-0000-0000-0000-000000000000',
    );
  } else if (!GUID.test(appId)) {
    problems.push(`MicrosoftAppId must be a GUID like 00000000-0000-0000-0000-000000000000, got "${appId}"`);
  }

  const publicUrl = parsePublicUrl(get('PUBLIC_URL'), problems);

  const version = get('APP_VERSION') ?? defaultVersion;
  if (!TEAMS_VERSION.test(version)) {
    const source = get('APP_VERSION') ? 'APP_VERSION' : 'the package.json version (APP_VERSION unset)';
    problems.push(`${source} must be major.minor.patch with numbers only, e.g. 1.4.0; got "${version}"`);
  }

  if (problems.length > 0 || appId === undefined || publicUrl === undefined) {
    throw new PackageError(problems);
  }
  return {
    MicrosoftAppId: appId,
    PUBLIC_URL: publicUrl.href.replace(/\/+$/, ''),
    PUBLIC_URL_DOMAIN: publicUrl.host,
    APP_VERSION: version,
  };
}

function parsePublicUrl(raw: string | undefined, problems: string[]): URL | undefined {
  if (raw === undefined) {
    problems.push('PUBLIC_URL is required: the bot\'s public https base URL, e.g. https://pmo.example.com');
    return undefined;
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    problems.push(`PUBLIC_URL must be an absolute https URL like https://pmo.example.com, got "${raw}"`);
    return undefined;
  }
  if (url.protocol !== 'https:') {
    problems.push(`PUBLIC_URL must use https (Teams only loads https content), got "${raw}"`);
  } else if (url.search || url.hash || url.username || url.password) {
    problems.push(`PUBLIC_URL must be a plain base URL without credentials, query or fragment, got "${raw}"`);
  } else {
    return url;
  }
  return undefined;
}
