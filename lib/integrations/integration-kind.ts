// What one kind of data integration (a sink rules send to: Kafka, InfluxDB, S3, ...) tells the library.
// Each kind is one file that exports an `IntegrationKind` and one registration in integrations.ts
// (`INTEGRATION_KINDS` and a field of `IntegrationsSpec`); resolution, rendering in the release's layout,
// rule-action references, Secrets, CA mounts, egress and buffer bounds are then generic.
import { NetworkEndpoint } from '../model/authentication';
import { BufferNeed } from '../model/buffer-budget';
import { SecretKeyRef } from '../model/secret-key-ref';
import { EmqxSpecError } from '../validation/emqx-spec-error';
import { caSource, SYSTEM_CA_BUNDLE } from '../validation/validators';
import { Size } from '../validation/size';
import { EmqxEdition } from '../versions/emqx-edition';
import { EmqxVersion } from '../versions/emqx-version';
import { HoconObject } from '../hocon/hocon';

/** TLS from EMQX to an external service (InfluxDB, S3). */
export interface IntegrationTls {
  /** The CA that signed the server's certificate: a Secret key, or `'system'` (the image's public CA bundle). @default 'system' */
  readonly ca?: SecretKeyRef | 'system';
  /** SNI and the name verified. @default - the server's host */
  readonly serverName?: string;
  /** Verify the server's certificate. @default true */
  readonly verify?: boolean;
}

/** A Secret value EMQX reads from an `EMQX_<PATH>` environment variable (never written to emqx.conf). */
export interface ConfigSecret {
  /** The config path, e.g. `connectors.kafka_producer.raw.authentication.password`. */
  readonly path: string;
  /** The Secret key. */
  readonly ref: SecretKeyRef;
}

/** A Secret key mounted as a file the config names (CA bundles). */
export interface ConfigFileMount {
  /** The pod volume. */
  readonly volumeName: string;
  /** Where it is mounted (a directory). */
  readonly mountPath: string;
  /** The file name the config names. */
  readonly fileName: string;
  /** The Secret key. */
  readonly ref: SecretKeyRef;
}

/** An egress destination the config talks to. */
export type ConfigEndpoint = NetworkEndpoint;

/** A Secret value of one sink, by its path below the sink's connector (or bridge) config. */
export interface SinkSecret {
  /** `connector` (also the pre-5.4 bridge) or `action`: the config root the path is below. */
  readonly under: 'connector' | 'action';
  /** The path below it, e.g. `authentication.password`. */
  readonly path: string;
  /** The Secret key. */
  readonly ref: SecretKeyRef;
}

/** One sink rendered in the release's layout. */
export interface SinkRendering {
  /** `bridges.<type>.<name>` before 5.4 (or for a kind that stays a bridge in 5.4); otherwise connector + action. */
  readonly bridge?: { readonly type: string; readonly body: HoconObject };
  /** `connectors.<type>.<name>`. */
  readonly connector?: { readonly type: string; readonly body: HoconObject };
  /** `actions.<type>.<name>`. */
  readonly action?: { readonly type: string; readonly body: HoconObject };
  /** Secret values, read from the environment. */
  readonly secrets: SinkSecret[];
  /** Secret files (CA bundles). */
  readonly files: ConfigFileMount[];
  /** Where the sink's service is, for the egress NetworkPolicy. */
  readonly endpoints: ConfigEndpoint[];
}

/** A kind of data integration: its spec type's validation, availability, rendering and rule-action reference. */
export interface IntegrationKind<S extends { readonly name: string }> {
  /** The `IntegrationsSpec` key and the rule action's `kind` (`'kafka'`). */
  readonly kind: string;
  /** What messages call one (`'Kafka producer'`). */
  readonly label: string;
  /** The spec's keys (unknown keys in plain-data specs are errors naming the closest). */
  readonly keys: readonly string[];
  /** Why the release and edition cannot run it, with the fix; undefined when they can. */
  unavailable(version: EmqxVersion, edition: EmqxEdition): { readonly reason: string; readonly fix: string } | undefined;
  /** Throws an `EmqxSpecError` naming the field when the spec is wrong for that release. */
  validate(field: string, spec: S, version: EmqxVersion): void;
  /** The connector/action (or bridge) config in the release's layout. */
  render(spec: S, version: EmqxVersion): SinkRendering;
  /** What a rule's `actions` list names it by (`kafka_producer:raw`). */
  actionReference(spec: S, version: EmqxVersion): string;
  /** The memory buffer it holds per node (undefined: none in memory), and its current bound. */
  bufferNeed?(spec: S): BufferNeed | undefined;
  /** The spec with the buffer bound the cluster's budget gave it. */
  withBufferBound?(spec: S, bound: Size | undefined): S;
}

/** `IntegrationKind.unavailable` of the integrations that were enterprise only before 5.9 (Kafka, InfluxDB; emqx-facts §5.1). */
export function enterpriseOnlyBefore59(what: string): IntegrationKind<{ readonly name: string }>['unavailable'] {
  return (version, edition) => (version.hasIntegrations(edition) ? undefined : {
    reason: `open-source EMQX ${version} has no ${what} integration (enterprise only before 5.9)`,
    fix: 'use edition: EmqxEdition.ENTERPRISE, or EMQX 5.9 or newer',
  });
}

/** Where CA bundles of integrations are mounted. */
export const INTEGRATION_CERTS_DIR = '/opt/emqx/etc/certs';

/** The directory (and pod volume) a sink's CA bundle is mounted at. */
export function caMountFor(kind: string, name: string, ref: SecretKeyRef): ConfigFileMount {
  const dir = `${kind}-${name.replace(/_/g, '-')}`;
  return { volumeName: dir.slice(0, 63), mountPath: `${INTEGRATION_CERTS_DIR}/${dir}`, fileName: 'ca.crt', ref };
}

/** Validates `tls: boolean | IntegrationTls`, naming the field. */
export function validateIntegrationTls(field: string, tls: unknown): void {
  if (tls === undefined || typeof tls === 'boolean') return;
  if (tls === null || typeof tls !== 'object' || Array.isArray(tls)) throw new EmqxSpecError(field, tls, 'is not true, false or TLS settings', "e.g. true, or { ca: { secretName: 'service-ca', key: 'ca.crt' } }");
  const t = tls as IntegrationTls;
  if (t.ca !== undefined) caSource(`${field}.ca`, t.ca);
  if (t.verify !== undefined && typeof t.verify !== 'boolean') throw new EmqxSpecError(`${field}.verify`, t.verify, 'is not true or false', 'leave it out to verify');
  if (t.serverName !== undefined && (typeof t.serverName !== 'string' || !t.serverName)) throw new EmqxSpecError(`${field}.serverName`, t.serverName, 'is not a host name', 'leave it out to use the host');
}

/**
 * The client `ssl` block of a sink with `tls: true | IntegrationTls`: it verifies the server (EMQX's client default is
 * `verify_none`, and without `cacertfile` it passes no CA at all), against the image's bundle unless a CA is given.
 */
export function integrationSsl(kind: string, name: string, host: string, tls: boolean | IntegrationTls | undefined): { ssl?: HoconObject; files: ConfigFileMount[] } {
  const t = tls === true ? {} : tls || undefined;
  if (!t) return { files: [] };
  const mount = t.ca && t.ca !== 'system' ? caMountFor(kind, name, t.ca) : undefined;
  return {
    ssl: {
      enable: true,
      verify: t.verify === false ? 'verify_none' : 'verify_peer',
      cacertfile: mount ? `${mount.mountPath}/${mount.fileName}` : SYSTEM_CA_BUNDLE,
      server_name_indication: t.serverName ?? host,
    },
    files: mount ? [mount] : [],
  };
}
