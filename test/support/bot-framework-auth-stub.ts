import { createHmac, createPublicKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { selfSignedCertificate } from './tls-cert';

/** What the bot sent to the login stub for its own token (client credentials). */
export interface TokenRequest {
  tenant: string;
  grantType?: string;
  clientId?: string;
  clientSecret?: string;
  scope?: string;
}

export interface AuthStubUrls {
  /** BOTFRAMEWORK_OPENID_METADATA_URL: where channel → bot tokens' signing keys are found. */
  openIdMetadataUrl: string;
  /** BOTFRAMEWORK_EMULATOR_OPENID_METADATA_URL: the same for emulator tokens (no keys here: none is trusted). */
  emulatorOpenIdMetadataUrl: string;
  /** BOTFRAMEWORK_LOGIN_URL: the authority the bot gets its own token from. */
  loginUrl: string;
}

const b64url = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

export const BOT_FRAMEWORK_ISSUER = 'https://api.botframework.com';

/**
 * Bot Framework's identity endpoints on this machine, over https (MSAL only talks to an https
 * authority): the OpenID metadata and signing keys a channel's tokens are checked against, and the
 * login endpoint the bot gets its own token from. Signs real RS256 tokens with its own key.
 */
export class BotFrameworkAuthStub {
  readonly tokenRequests: TokenRequest[] = [];
  readonly issuedTokens: string[] = [];
  /** Every request it served, as `METHOD /path`. */
  readonly requests: string[] = [];
  readonly kid = 'stub-signing-key';
  /** The certificate it serves: trust it for https to reach the stub. */
  readonly ca: string;
  private readonly tls: { key: string; cert: string };
  private readonly signingKey: KeyObject;
  private readonly publicJwk: Record<string, unknown>;
  private server?: https.Server;
  private base = '';

  constructor(
    private readonly options: { appId: string; appPassword: string; endorsements?: string[] },
  ) {
    this.tls = selfSignedCertificate();
    this.ca = this.tls.cert;
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    this.signingKey = privateKey;
    // Bot Framework lists, with each key, the channels it may sign for.
    this.publicJwk = { ...publicKey.export({ format: 'jwk' }), kid: this.kid, use: 'sig', endorsements: options.endorsements ?? ['msteams'] };
  }

  async start(): Promise<AuthStubUrls> {
    const app = express();
    app.use((req, _res, next) => {
      this.requests.push(`${req.method} ${req.path}`);
      next();
    });
    app.get('/v1/.well-known/openidconfiguration', (_req, res) => {
      res.json({
        issuer: BOT_FRAMEWORK_ISSUER,
        authorization_endpoint: 'https://invalid.botframework.com',
        jwks_uri: `${this.base}/v1/.well-known/keys`,
        id_token_signing_alg_values_supported: ['RS256'],
        token_endpoint_auth_methods_supported: ['private_key_jwt'],
      });
    });
    app.get('/v1/.well-known/keys', (_req, res) => {
      res.json({ keys: [this.publicJwk] });
    });
    // The Azure AD side: the bot's login authority (MSAL reads this first) and the emulator's metadata.
    app.get('/:tenant/v2.0/.well-known/openid-configuration', (req, res) => {
      const t = `${this.base}/${req.params.tenant}`;
      res.json({
        issuer: `${t}/v2.0`,
        authorization_endpoint: `${t}/oauth2/v2.0/authorize`,
        token_endpoint: `${t}/oauth2/v2.0/token`,
        jwks_uri: `${t}/discovery/v2.0/keys`,
        response_types_supported: ['code', 'id_token', 'token'],
        subject_types_supported: ['pairwise'],
        id_token_signing_alg_values_supported: ['RS256'],
      });
    });
    app.get('/:tenant/discovery/v2.0/keys', (_req, res) => {
      res.json({ keys: [] });
    });
    app.post('/:tenant/oauth2/v2.0/token', express.urlencoded({ extended: false }), (req, res) => {
      const body = req.body as Record<string, string | undefined>;
      this.tokenRequests.push({
        tenant: String(req.params.tenant),
        grantType: body.grant_type,
        clientId: body.client_id,
        clientSecret: body.client_secret,
        scope: body.scope,
      });
      if (body.client_id !== this.options.appId || body.client_secret !== this.options.appPassword) {
        res.status(401).json({ error: 'invalid_client', error_description: 'AADSTS7000215: Invalid client secret provided.' });
        return;
      }
      const accessToken = `stub-access-token-${this.issuedTokens.length + 1}`;
      this.issuedTokens.push(accessToken);
      res.json({ token_type: 'Bearer', expires_in: 3600, ext_expires_in: 3600, access_token: accessToken });
    });
    this.server = https.createServer({ key: this.tls.key, cert: this.tls.cert }, app);
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', () => resolve()));
    this.base = `https://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return {
      openIdMetadataUrl: `${this.base}/v1/.well-known/openidconfiguration`,
      emulatorOpenIdMetadataUrl: `${this.base}/common/v2.0/.well-known/openid-configuration`,
      loginUrl: `${this.base}/botframework.com`,
    };
  }

  /** A token as a Bot Framework channel signs it for this bot, with `claims` added or overriding. */
  channelToken(serviceUrl: string, claims: Record<string, unknown> = {}, header: Record<string, unknown> = {}, key?: KeyObject): string {
    return BotFrameworkAuthStub.rs256({ typ: 'JWT', kid: this.kid, ...header }, { ...this.claimsFor(serviceUrl), ...claims }, key ?? this.signingKey);
  }

  /** The claims a channel token carries for this bot, to forge others with. */
  claimsFor(serviceUrl: string): Record<string, unknown> {
    const now = Math.floor(Date.now() / 1000);
    return { serviceurl: serviceUrl, nbf: now - 60, exp: now + 3600, iss: BOT_FRAMEWORK_ISSUER, aud: this.options.appId };
  }

  /** The public signing key as PEM: what an algorithm-confusion forgery uses as an HMAC secret. */
  get publicKeyPem(): string {
    return createPublicKey(this.signingKey).export({ type: 'spki', format: 'pem' }).toString();
  }

  static rs256(header: Record<string, unknown>, payload: Record<string, unknown>, key: KeyObject): string {
    const input = `${b64url({ ...header, alg: 'RS256' })}.${b64url(payload)}`;
    return `${input}.${sign('RSA-SHA256', Buffer.from(input), key).toString('base64url')}`;
  }

  static hs256(header: Record<string, unknown>, payload: Record<string, unknown>, secret: string | Buffer): string {
    const input = `${b64url({ ...header, alg: 'HS256' })}.${b64url(payload)}`;
    return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
  }

  /** `alg: none`: no signature at all. */
  static unsigned(header: Record<string, unknown>, payload: Record<string, unknown>): string {
    return `${b64url({ ...header, alg: 'none' })}.${b64url(payload)}.`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
