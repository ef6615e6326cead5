import * as semver from 'semver';
import { EmqxEdition } from './emqx-edition';
import { EmqxSpecError } from '../validation/emqx-spec-error';
import { KNOWN_RELEASES, releasesOfLine, ReleaseEditions } from './known-releases';

/** The release lines this library renders configuration for, oldest first. */
export const SUPPORTED_LINES = ['5.1', '5.2', '5.3', '5.4', '5.5', '5.6', '5.7', '5.8', '5.9', '5.10', '6.0', '6.1', '6.2', '6.3'] as const;

/** A supported release line, e.g. `5.8`. */
export type EmqxLine = (typeof SUPPORTED_LINES)[number];

/** Discovery strategies this library can render. */
export type DiscoveryStrategyName = 'dns' | 'k8s' | 'static';

/**
 * An exact EMQX release, and what that release calls things.
 *
 * Every version-dependent decision of the library is a method here, so the rest of the
 * code asks "does this version have X / what is X called" instead of comparing numbers.
 * Sources for each rule: `shared/reference/emqx-facts.md` §2–§3 (EMQX's own source, per tag).
 *
 * @example EmqxVersion.of('5.8.9')
 */
export class EmqxVersion {
  /** EMQX 5.1.6 (open source and enterprise). */
  public static readonly V5_1_6 = EmqxVersion.of('5.1.6');
  /** EMQX 5.4.1. */
  public static readonly V5_4_1 = EmqxVersion.of('5.4.1');
  /** EMQX 5.8.9, the last open-source release. */
  public static readonly V5_8_9 = EmqxVersion.of('5.8.9');
  /** EMQX Enterprise 5.10.4, the last 5.x enterprise release. */
  public static readonly V5_10_4 = EmqxVersion.of('5.10.4');
  /** EMQX Enterprise 6.0.1. */
  public static readonly V6_0_1 = EmqxVersion.of('6.0.1');
  /** EMQX Enterprise 6.3.1, the newest release (2026-09-17). */
  public static readonly V6_3_1 = EmqxVersion.of('6.3.1');

  /**
   * Parses an exact release such as `5.8.9`. Ranges, `latest` and unsupported lines are refused:
   * the image tag and the configuration keys both follow from this one value.
   */
  public static of(version: string, field = 'version'): EmqxVersion {
    const v = typeof version === 'string' ? semver.valid(version.trim()) : null;
    if (!v || semver.prerelease(v)) {
      throw new EmqxSpecError(field, version, 'not an exact EMQX release', "give a full release number such as '5.8.9' or '6.0.1' (no 'latest', ranges or pre-releases)");
    }
    const major = semver.major(v);
    const minor = semver.minor(v);
    const line = `${major}.${minor}`;
    if (!(SUPPORTED_LINES as readonly string[]).includes(line)) {
      throw new EmqxSpecError(field, version, `EMQX ${line} is not supported`, `use a release of ${SUPPORTED_LINES[0]} to ${SUPPORTED_LINES[SUPPORTED_LINES.length - 1]} (e.g. '5.8.9' or '6.0.1')`);
    }
    if (!KNOWN_RELEASES.has(v)) {
      const known = releasesOfLine(line);
      throw new EmqxSpecError(field, version, `is not a known EMQX ${line} release (its image tag would not exist)`, `use one of ${known.join(', ')}`);
    }
    return new EmqxVersion(v, major, minor, semver.patch(v));
  }

  /**
   * A deliberate opt-in for a patch release newer than the newest this library lists for its line (e.g. `6.3.2`
   * before the library knows it): rendered with that line's rules, and reported by the warning check
   * `EMQX-UnlistedRelease` until a library release lists it. Check the release's changelog for new keys.
   */
  public static unlistedPatch(version: string, field = 'version'): EmqxVersion {
    const v = typeof version === 'string' ? semver.valid(version.trim()) : null;
    const line = v ? `${semver.major(v)}.${semver.minor(v)}` : undefined;
    if (!v || semver.prerelease(v) || !line || !(SUPPORTED_LINES as readonly string[]).includes(line)) {
      throw new EmqxSpecError(field, version, 'is not a release of a supported line', `give a newer patch of a line from ${SUPPORTED_LINES[0]} to ${SUPPORTED_LINES[SUPPORTED_LINES.length - 1]}, e.g. '6.3.2'`);
    }
    const known = releasesOfLine(line);
    const newest = known[known.length - 1];
    // every line's releases run from .0 without gaps, so an unlisted patch is newer than the newest listed one
    if (KNOWN_RELEASES.has(v)) throw new EmqxSpecError(field, version, 'is a release the library lists', `use EmqxVersion.of('${v}')`);
    return new EmqxVersion(v, semver.major(v), semver.minor(v), semver.patch(v), newest);
  }

  private constructor(
    /** The release, e.g. `5.8.9`; also the image tag. */
    public readonly version: string,
    /** Major number, e.g. 5. */
    public readonly major: number,
    /** Minor number, e.g. 8. */
    public readonly minor: number,
    /** Patch number, e.g. 9. */
    public readonly patch: number,
    /** For an unlisted patch ({@link EmqxVersion.unlistedPatch}): the newest listed release of its line, whose rules apply. */
    public readonly newestListed?: string,
  ) {}

  /** Whether the library lists this release (false only for {@link EmqxVersion.unlistedPatch}). */
  public get listed(): boolean {
    return this.newestListed === undefined;
  }

  /** The release line, e.g. `5.8`. */
  public get line(): EmqxLine {
    return `${this.major}.${this.minor}` as EmqxLine;
  }

  /** Whether this release is `major.minor[.patch]` or newer. */
  public atLeast(major: number, minor: number, patch = 0): boolean {
    // semver order of release versions (prereleases are refused), without parsing two strings per question
    if (this.major !== major) return this.major > major;
    if (this.minor !== minor) return this.minor > minor;
    return this.patch >= patch;
  }

  /** The release, e.g. `5.8.9`. */
  public toString(): string {
    return this.version;
  }

  /** The editions this release shipped in (open source ends with 5.8.9; enterprise 5.8 LTS continues). */
  public get releaseEditions(): ReleaseEditions {
    return KNOWN_RELEASES.get(this.newestListed ?? this.version)!;
  }

  /** Whether this exact release shipped in an edition (e.g. open source 5.8.10 never did). */
  public shippedIn(edition: EmqxEdition): boolean {
    const e = this.releaseEditions;
    return e === 'both' || (edition.isEnterprise ? e === 'enterprise' : e === 'open-source');
  }

  /** Open source ends with 5.8.x; from 5.9.0 there is one (enterprise, BSL) edition. */
  public get hasOpenSourceEdition(): boolean {
    return !this.atLeast(5, 9);
  }

  /** The edition used when the spec names none: open source up to 5.8, enterprise after. */
  public get defaultEdition(): EmqxEdition {
    return this.shippedIn(EmqxEdition.OPEN_SOURCE) ? EmqxEdition.OPEN_SOURCE : EmqxEdition.ENTERPRISE;
  }

  /** Replicant nodes: both editions up to 5.7; enterprise only from 5.8.0 (breaking-13526). */
  public hasReplicants(edition: EmqxEdition): boolean {
    return edition.isEnterprise || !this.atLeast(5, 8);
  }

  /** From 5.9.0 a cluster of more than one node needs a license key. */
  public get clusterNeedsLicense(): boolean {
    return this.atLeast(5, 9);
  }

  /**
   * What an enterprise node of this release runs on without a license key (`license.key = default`):
   * from 5.9 a built-in community key (one node only: a clustered node stops with SINGLE_NODE_LICENSE;
   * 10,000,000 sessions; emqx_license.hrl @e5.9.0 … @release-63, emqx-facts §10.11); before, a trial key
   * capped at 25 connections (observed on 5.8.9, emqx-facts §9b.19; the cap of releases before 5.8 is not
   * confirmed).
   */
  public get defaultLicenseLimits(): string {
    if (this.atLeast(5, 9)) return "EMQX's built-in community license: a single node only (a second node stops with SINGLE_NODE_LICENSE), 10,000,000 sessions";
    if (this.atLeast(5, 8)) return "EMQX's built-in trial license: 25 connections";
    return "EMQX's built-in trial license, whose small connection cap (25 on 5.8.9) is not confirmed for this release";
  }

  /** The `license` root exists in the enterprise schema and in every release from 5.9. */
  public hasLicenseRoot(edition: EmqxEdition): boolean {
    return edition.isEnterprise || this.atLeast(5, 9);
  }

  /** The gen_rpc listening port key: `rpc.tcp_server_port` up to 5.7, `rpc.server_port` from 5.8.0. */
  public get rpcServerPortKey(): 'tcp_server_port' | 'server_port' {
    return this.atLeast(5, 8) ? 'server_port' : 'tcp_server_port';
  }

  /** `cluster.discovery_strategy = singleton` exists from 5.8.0. */
  public get hasSingletonDiscovery(): boolean {
    return this.atLeast(5, 8);
  }

  /** Authorization `no_match` default: `allow` in 5.x, `deny` from 6.0 (#15820). */
  public get authorizationNoMatchDefault(): 'allow' | 'deny' {
    return this.atLeast(6, 0) ? 'deny' : 'allow';
  }

  /**
   * `node.dist_net_ticktime`'s default on this release, for writing it explicitly: 2m up to 6.1, 60s from 6.2.0
   * (#16534; emqx-facts §10.2.9). Undefined where the (hidden) key is not confirmed: before 5.8.
   */
  public get distNetTicktimeDefault(): string | undefined {
    if (!this.atLeast(5, 8)) return undefined;
    return this.atLeast(6, 2) ? '60s' : '2m';
  }

  /**
   * Whether the node-local authentication and authorization caches exist (`authentication_settings.node_cache`,
   * `authorization.node_cache`, 5.9.0+, #14286); their `enable` default is false up to 6.1 and true from 6.2.0
   * (#16794; emqx-facts §4, §10.5.20).
   */
  public get hasAuthNodeCaches(): boolean {
    return this.atLeast(5, 9);
  }

  /**
   * `mqtt.strict_mode`'s default on this release, for writing it explicitly: false up to 6.2, true from 6.3.0
   * (#17185; emqx_schema.erl @6.3.0-beta.1; emqx-facts §10.4.17). The key exists in every supported release.
   */
  public get strictModeDefault(): boolean {
    return this.atLeast(6, 3);
  }

  /**
   * Security profiles (`EMQX_SECURITY_PROFILE`, `legacy` or `hardened`), documented from 6.3.0 (facts §10.13 52-53;
   * the code exists undocumented in 6.2.1). Read at boot only, never from HOCON.
   */
  public get hasSecurityProfiles(): boolean {
    return this.atLeast(6, 3);
  }

  /**
   * Rule SQL regular expressions (`regex_match/regex_replace/regex_extract`) are PCRE2 from 6.1.0 (OTP 28, #16368):
   * stricter escapes, no duplicate or empty group names (facts §10.7 30).
   */
  public get hasPcre2Regex(): boolean {
    return this.atLeast(6, 1);
  }

  /** Feature gates (`EMQX_FEATURES`), from 6.3.0 (facts §10.14 56; emqx_machine_features.erl@release-63). */
  public get hasFeatureGates(): boolean {
    return this.atLeast(6, 3);
  }

  /** The REST data export (`POST /api/v5/data/export`) the backup job calls exists from 5.4.0. */
  public get hasDataExportApi(): boolean {
    return this.atLeast(5, 4);
  }

  /** `/api/v5/prometheus/data_integration` exists from 5.5.0 (emqx-facts §7). */
  public get hasDataIntegrationMetrics(): boolean {
    return this.atLeast(5, 5);
  }

  /**
   * The `emqx_cert_expiry_at` and `emqx_license_expiry_at` gauges the expiry alerts read. Confirmed @e6.0.1
   * (emqx-facts §7); the library has assumed them from 5.5.0 since 0.1, and their first release is not confirmed.
   */
  public get hasExpiryGauges(): boolean {
    return this.atLeast(5, 5);
  }

  /** Built-in database users from `bootstrap_file` exist from 5.8.0. */
  public get hasBuiltInDatabaseBootstrap(): boolean {
    return this.atLeast(5, 8);
  }

  /** The library renders durable sessions from 5.8.0 (5.4–5.7 had experimental, incompatible storage). */
  public get hasDurableSessions(): boolean {
    return this.atLeast(5, 8);
  }

  /** The durable storage layout: `n_sites` inside `durable_storage.messages` up to 5.10, top-level from 6.0 (emqx_ds_schema.erl @e6.0.1). */
  public get durableStorageLayout(): '5.8' | '6.0' {
    return this.atLeast(6, 0) ? '6.0' : '5.8';
  }

  /** Kafka and InfluxDB integrations: enterprise only before 5.9, in the one edition from 5.9. */
  public hasIntegrations(edition: EmqxEdition): boolean {
    return edition.isEnterprise || this.atLeast(5, 9);
  }

  /**
   * The S3 action's aggregated upload (`actions.s3.*.parameters.mode = aggregated`): enterprise from 5.7.0, the one
   * edition from 5.9 (emqx_bridge_s3_upload.erl at v5.7.0; `is_community_umbrella_app("apps/emqx_bridge_s3") -> false`
   * in rebar.config.erl at v5.7.0 and v5.8.9).
   */
  public hasS3AggregatedUpload(edition: EmqxEdition): boolean {
    return (edition.isEnterprise && this.atLeast(5, 7)) || this.atLeast(5, 9);
  }

  /** The aggregated uploads' `json_lines` container, from 5.9.0 (emqx_connector_aggregator_schema:container/1 at e5.9.0; CSV only at v5.8.9). */
  public get hasS3JsonLinesContainer(): boolean {
    return this.atLeast(5, 9);
  }

  /** The S3 client's `access_method` (path | vhost), from 5.8.3 (emqx_s3_schema.erl: absent at v5.8.2, present at v5.8.3 and every later tag). */
  public get hasS3AccessMethod(): boolean {
    return this.atLeast(5, 8, 3);
  }

  /**
   * The EMQX Operator API that fully supports this release: `apps.emqx.io/v2` (Operator 2.3, "fully compatible" with
   * 5.9, 5.10 and 6.0+) from 5.9; `apps.emqx.io/v2beta1` (Operator 2.2: 5.1.1–5.8.x, and 5.9+ only "with limited
   * support", without durable-storage replica management) before (emqx-facts §10.16 66).
   */
  public get emqxOperatorApiVersion(): 'apps.emqx.io/v2' | 'apps.emqx.io/v2beta1' {
    return this.atLeast(5, 9) ? 'apps.emqx.io/v2' : 'apps.emqx.io/v2beta1';
  }

  /**
   * ACL topic templates refuse substituted values with `/`, `+` or `#` from 6.3.0 (`authorization.topic_template_allow`,
   * hidden, all false; emqx_authz_schema.erl at release-63, #17596; emqx-facts §10.6 28).
   */
  public get hasStrictAclTopicTemplates(): boolean {
    return this.atLeast(6, 3);
  }

  /** Per-listener `*_burst` rate-limit keys exist from 5.9.0. */
  public get hasListenerBurstKeys(): boolean {
    return this.atLeast(5, 9);
  }

  /**
   * How data integrations are laid out: `bridges.*` before 5.4; `connectors` + `actions` from 5.4;
   * plus `sources` (and MQTT/InfluxDB as actions) from 5.5; the `bridges` root is removed in 6.0.
   */
  public get dataIntegrationLayout(): 'bridges' | 'actions' | 'actions-sources' {
    if (!this.atLeast(5, 4)) return 'bridges';
    if (!this.atLeast(5, 5)) return 'actions';
    return 'actions-sources';
  }

  /**
   * The topic a rule reads a data-integration source from (`SELECT … FROM "<topic>"`).
   * `$bridges/<type>:<name>` is routed to rules on every release that has sources (5.5+) and by the
   * 5.1–5.4 `bridges.*` ingress; `$sources/<type>:<name>` only from e5.8.10, e5.9.3, e5.10.3 and 6.0.0:
   * before those it is an ordinary topic filter that never matches, so the rule never fires
   * (`emqx_rule_events:event_name/1` at v5.8.9, e5.9.0–e5.9.2, e5.10.0–e5.10.2; observed on real 5.8.9
   * nodes: shared/reference/emqx-facts.md §5.2, §9e.29). The library therefore always writes `$bridges/`.
   */
  public ruleSourceTopic(type: string, name: string): string {
    return `$bridges/${type}:${name}`;
  }

  /** The Prometheus config layout: flat before 5.4; `enable_basic_auth` + `push_gateway` + `collectors` from 5.4. */
  public get hasPrometheusBasicAuth(): boolean {
    return this.atLeast(5, 4);
  }
}
