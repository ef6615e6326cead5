import { EmqxSpecError } from '../validation/emqx-spec-error';
import { wholeNumber } from '../validation/spec-numbers';
import { HoconObject } from '../hocon/hocon';
import { Peer } from '../network/network-peer';
import { SecretKeyRef } from './secret-key-ref';
import { caSource, emqxDuration, secretKeyRef, SYSTEM_CA_BUNDLE } from '../validation/validators';
import { createHash } from 'node:crypto';

/** Options of {@link Authenticator.http}. */
export interface HttpAuthenticatorOptions {
  /** The auth service URL, e.g. `http://device-auth.iam.svc:8080/mqtt/auth`. No credentials in it. */
  readonly url: string;
  /** The HTTP method. @default 'post' */
  readonly method?: 'get' | 'post';
  /**
   * The request body (post) or query (get), with EMQX placeholders.
   * @default { username: '${username}', password: '${password}', clientid: '${clientid}' }
   */
  readonly body?: Record<string, string>;
  /** Extra request headers (not secrets: they are written to emqx.conf). @default - EMQX's defaults */
  readonly headers?: Record<string, string>;
  /**
   * Request headers whose values are secrets (e.g. `{ authorization: { secretName: 'auth-svc', key: 'bearer' } }`
   * with the Secret holding `Bearer <token>`). Each becomes an `EMQX_AUTHENTICATION__<n>__HEADERS__<NAME>`
   * variable from the Secret, never emqx.conf. Names: letters, digits and `_` (they are part of an
   * environment variable name, and EMQX reads them lowercased).
   * @default - none
   */
  readonly secretHeaders?: Record<string, SecretKeyRef>;
  /** How long EMQX waits for the answer before the client is refused. @default '5s' */
  readonly requestTimeout?: string;
  /** How long EMQX waits to connect to the service. @default '15s' (EMQX's default) */
  readonly connectTimeout?: string;
  /** Connections per node to the auth service. @default 8 (EMQX's default) */
  readonly poolSize?: number;
  /** Where the service runs, for the egress NetworkPolicy (e.g. `Peer.namespace('iam')`). @default - anywhere, on the URL's port only */
  readonly networkPeer?: Peer;
  /**
   * For an `https` URL: the CA that signed the service's certificate, a Secret key or `'system'` (the image's public CA
   * bundle). EMQX then verifies the service (`verify_peer`, SNI from the URL's host).
   * @default 'system' for https URLs
   */
  readonly ca?: SecretKeyRef | 'system';
}

/** Options of {@link Authenticator.jwt}. Set exactly one of `secret` and `jwksEndpoint`. */
export interface JwtAuthenticatorOptions {
  /** Where the token is: the MQTT password or username. @default 'password' */
  readonly from?: 'password' | 'username';
  /** HMAC secret (hmac-based JWTs), read from a Secret through the environment. @default - none */
  readonly secret?: SecretKeyRef;
  /** The JWKS endpoint of public-key JWTs. @default - none */
  readonly jwksEndpoint?: string;
  /** Claims that must match, with placeholders, e.g. `{ clientid: '${clientid}' }`. @default - none */
  readonly verifyClaims?: Record<string, string>;
  /** Where the JWKS endpoint is, for the egress NetworkPolicy. @default - anywhere, on its port only */
  readonly networkPeer?: Peer;
}

/** Options of {@link Authenticator.builtInDatabase}. */
export interface BuiltInDatabaseOptions {
  /** Which client field is the user id. @default 'username' */
  readonly userIdType?: 'username' | 'clientid';
  /**
   * Users to import when the database is empty (`bootstrap_file`, EMQX 5.8+): a Secret key holding CSV
   * `user_id,password,is_superuser` lines with plain passwords, mounted as a file.
   * @default - none (manage users through the REST API)
   */
  readonly bootstrapUsers?: SecretKeyRef;
}

/** A Secret key an authenticator reads as a file. */
export interface AuthenticatorFile {
  /** Where it is mounted (directory) and the file name the config names. */
  readonly mountPath: string;
  /** The file name the config names. */
  readonly fileName: string;
  /** The Secret key. */
  readonly ref: SecretKeyRef;
}

const URL_RE = /^https?:\/\/[^\s/@]+(:\d+)?(\/[^\s]*)?$/;

function checkUrl(field: string, url: unknown): string {
  if (typeof url !== 'string' || !URL_RE.test(url)) {
    throw new EmqxSpecError(field, url, 'is not an http(s) URL without credentials', "use e.g. 'http://device-auth.iam.svc:8080/mqtt/auth'; secrets never go into URLs (they would be written to emqx.conf)");
  }
  return url;
}

function checkDuration(field: string, v: unknown): void {
  if (v !== undefined) emqxDuration(field, v, { units: ['ms', 's', 'm', 'h'] });
}

/** EMQX's default headers of an HTTP authenticator (the schema defaults of `http_get`/`http_post`, 5.1–5.8). */
function defaultHttpHeaders(method: 'get' | 'post'): Record<string, string> {
  return {
    accept: 'application/json',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
    ...(method === 'post' ? { 'content-type': 'application/json' } : {}),
    'keep-alive': 'timeout=30, max=1000',
  };
}

/** An egress destination: where, and on which ports. */
export interface NetworkEndpoint {
  /** What it is, for the policy's purpose annotation. */
  readonly description: string;
  /** Where it is. */
  readonly peer: Peer;
  /** Its TCP ports. */
  readonly ports: number[];
}

/** The egress destination of an http(s) URL: its port, at the given peer (default anywhere). */
export function urlEndpoint(url: string, description: string, peer?: Peer): NetworkEndpoint {
  const u = new URL(url);
  return { description, peer: peer ?? Peer.anywhere(), ports: [u.port ? Number(u.port) : u.protocol === 'https:' ? 443 : 80] };
}

/** A secret EMQX reads from the environment (`EMQX_<PATH>` from a Secret), so it never enters emqx.conf. */
export interface SecretEnv {
  /** The config path under the authenticator, e.g. `secret`. */
  readonly path: string;
  /** The Secret key. */
  readonly ref: SecretKeyRef;
}

/** One authenticator of an `authentication` chain (cluster-wide or per listener). */
export class Authenticator {
  /** Password-based authentication against an HTTP service (`backend = http`). */
  public static http(options: HttpAuthenticatorOptions): Authenticator {
    checkUrl('authentication.url', options.url);
    const method = options.method ?? 'post';
    if (method !== 'get' && method !== 'post') throw new EmqxSpecError('authentication.method', method, 'is not get or post', "use 'post' (default) or 'get'");
    checkDuration('authentication.requestTimeout', options.requestTimeout);
    checkDuration('authentication.connectTimeout', options.connectTimeout);
    if (options.poolSize !== undefined) wholeNumber('authentication.poolSize', options.poolSize, 1, 'omit it for 8');
    for (const h of Object.keys(options.headers ?? {})) {
      if (/authorization|token|secret|api-key|password/i.test(h)) {
        throw new EmqxSpecError(`authentication.headers.${h}`, h, 'looks like a credential, and headers are written to emqx.conf', `move it to secretHeaders ({ ${h.toLowerCase().replace(/[^a-z0-9_]/g, '_')}: { secretName, key } }), which EMQX reads from a Secret`);
      }
    }
    const secretHeaders = Object.entries(options.secretHeaders ?? {}).map(([h, ref]) => {
      if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(h)) {
        throw new EmqxSpecError(`authentication.secretHeaders.${h}`, h, 'is not usable in an environment variable name', "use letters, digits and '_' (e.g. 'authorization'); EMQX reads the name lowercased");
      }
      const name = h.toLowerCase();
      if (Object.keys(options.headers ?? {}).some((x) => x.toLowerCase() === name)) {
        throw new EmqxSpecError(`authentication.secretHeaders.${h}`, h, 'is also in headers', 'give each header once: in headers (written to emqx.conf) or in secretHeaders (from a Secret)');
      }
      return { path: `headers.${name}`, ref: secretKeyRef(`authentication.secretHeaders.${h}`, ref) };
    });
    const https = options.url.startsWith('https://');
    if (options.ca !== undefined && !https) throw new EmqxSpecError('authentication.ca', options.ca, 'is given for an http URL, which has no TLS', 'use an https URL, or remove ca');
    const ca = https ? caSource('authentication.ca', options.ca ?? 'system') : undefined;
    const host = new URL(options.url).hostname;
    const caDir = `/opt/emqx/etc/certs/authn-http-${createHash('sha256').update(options.url).digest('hex').slice(0, 8)}`;
    return new Authenticator('http', {
      mechanism: 'password_based',
      backend: 'http',
      method,
      url: options.url,
      body: options.body ?? { username: '${username}', password: '${password}', clientid: '${clientid}' },
      // a header EMQX reads from the environment is merged into this map: written out, so EMQX's
      // defaults (content-type, ...) are not lost to the one key the environment sets
      headers: options.headers ?? (secretHeaders.length ? defaultHttpHeaders(method) : undefined),
      request_timeout: options.requestTimeout ?? '5s',
      connect_timeout: options.connectTimeout,
      pool_size: options.poolSize,
      // EMQX's HTTP client speaks TLS only with ssl.enable; the service is verified against the CA given
      ssl: ca ? { enable: true, verify: 'verify_peer', server_name_indication: host, cacertfile: ca === 'system' ? SYSTEM_CA_BUNDLE : `${caDir}/ca.crt` } : undefined,
    }, secretHeaders, [urlEndpoint(options.url, `HTTP authentication ${options.url}`, options.networkPeer)],
    ca && ca !== 'system' ? [{ mountPath: caDir, fileName: 'ca.crt', ref: ca }] : []);
  }

  /** JWT in the password (or username), HMAC secret from a Secret or keys from a JWKS endpoint. */
  public static jwt(options: JwtAuthenticatorOptions): Authenticator {
    if ((options.secret === undefined) === (options.jwksEndpoint === undefined)) {
      throw new EmqxSpecError('authentication.secret', { secret: options.secret, jwksEndpoint: options.jwksEndpoint }, 'needs exactly one of secret (HMAC) and jwksEndpoint (public keys)', "set secret: { secretName: 'jwt', key: 'hmac' } or jwksEndpoint: 'https://idp.example.com/.well-known/jwks.json'");
    }
    const from = options.from ?? 'password';
    if (from !== 'password' && from !== 'username') throw new EmqxSpecError('authentication.from', from, 'is not password or username', "use 'password' (default) or 'username'");
    const base: HoconObject = { mechanism: 'jwt', from, verify_claims: options.verifyClaims };
    if (options.jwksEndpoint !== undefined) {
      checkUrl('authentication.jwksEndpoint', options.jwksEndpoint);
      return new Authenticator('jwt', { ...base, use_jwks: true, endpoint: options.jwksEndpoint }, [], [urlEndpoint(options.jwksEndpoint, `JWKS ${options.jwksEndpoint}`, options.networkPeer)]);
    }
    // the secret itself comes from EMQX_AUTHENTICATION__<n>__SECRET
    return new Authenticator('jwt', { ...base, use_jwks: false, algorithm: 'hmac-based', secret_base64_encoded: false }, [{ path: 'secret', ref: secretKeyRef('authentication.secret', options.secret) }], []);
  }

  /** Users stored in EMQX's own database (managed through the REST API or dashboard). */
  public static builtInDatabase(options: BuiltInDatabaseOptions = {}): Authenticator {
    const userIdType = options.userIdType ?? 'username';
    if (userIdType !== 'username' && userIdType !== 'clientid') throw new EmqxSpecError('authentication.userIdType', userIdType, 'is not username or clientid', "use 'username' (default) or 'clientid'");
    const bootstrap = options.bootstrapUsers === undefined ? undefined : secretKeyRef('authentication.bootstrapUsers', options.bootstrapUsers);
    const dir = '/opt/emqx/etc/bootstrap-users';
    return new Authenticator('built_in_database', {
      mechanism: 'password_based',
      backend: 'built_in_database',
      user_id_type: userIdType,
      password_hash_algorithm: { name: 'sha256', salt_position: 'suffix' },
      bootstrap_file: bootstrap ? `${dir}/users.csv` : undefined,
      bootstrap_type: bootstrap ? 'plain' : undefined,
    }, [], [], bootstrap ? [{ mountPath: dir, fileName: 'users.csv', ref: bootstrap }] : []);
  }

  private constructor(
    /** `http`, `jwt` or `built_in_database`. */
    public readonly kind: 'http' | 'jwt' | 'built_in_database',
    /** The authenticator's emqx.conf fields (no secrets). */
    public readonly config: HoconObject,
    /** Secrets EMQX reads from the environment. */
    public readonly secrets: SecretEnv[],
    /** Network endpoints it talks to (egress NetworkPolicies). */
    public readonly endpoints: NetworkEndpoint[],
    /** Secret keys it reads as files. */
    public readonly files: AuthenticatorFile[] = [],
  ) {}
}

/** The node-local authentication cache (`authentication_settings.node_cache`, EMQX 5.9+). */
export interface AuthenticationCacheSpec {
  /** How long a result is reused. Short TTLs on a large fleet turn a reconnect storm into an auth-service storm. @default '1m' */
  readonly ttl?: string;
  /** Results kept per node. @default 1000000 (EMQX's default) */
  readonly maxCount?: number;
}

/** Checks an authenticator chain (cluster-wide or one listener's). */
export function validateAuthenticators(field: string, chain: Authenticator[] | undefined): Authenticator[] {
  if (chain === undefined) return [];
  if (!Array.isArray(chain) || chain.some((a) => !(a instanceof Authenticator))) {
    throw new EmqxSpecError(field, chain, 'is not a list of authenticators', 'use Authenticator.http({...}), Authenticator.jwt({...}) or Authenticator.builtInDatabase()');
  }
  const seen = new Set<string>();
  chain.forEach((a, i) => {
    const id = `${a.config.mechanism}:${a.config.backend ?? ''}`;
    if (seen.has(id)) throw new EmqxSpecError(`${field}[${i}]`, a.kind, 'repeats a mechanism and backend already in the chain (EMQX rejects duplicates)', 'keep one authenticator per mechanism/backend');
    seen.add(id);
  });
  return chain;
}

/** Checks the node cache against the version (5.9+). */
export function resolveAuthenticationCache(spec: AuthenticationCacheSpec | undefined, version: { readonly hasAuthNodeCaches: boolean; readonly version: string }): Required<AuthenticationCacheSpec> | undefined {
  if (spec === undefined) return undefined;
  if (!version.hasAuthNodeCaches) {
    throw new EmqxSpecError('authenticationCache', version.version, `EMQX ${version.version} has no authentication node cache (authentication_settings.node_cache exists from 5.9.0)`, 'remove authenticationCache, or use EMQX 5.9 or newer');
  }
  const ttl = spec.ttl ?? '1m';
  checkDuration('authenticationCache.ttl', ttl);
  const maxCount = spec.maxCount ?? 1000000;
  wholeNumber('authenticationCache.maxCount', maxCount, 1, 'omit it for 1000000');
  return { ttl, maxCount };
}
