import * as pulumi from '@pulumi/pulumi';
import { isS3BucketName } from '../validation/validators';

/** What a region stack deploys: one cluster, a federation's hub, or some of its plants. */
export type RegionRole = 'cluster' | 'hub' | 'plants';

/** What a region's deployment uses, which decides the config keys it needs (see {@link readRegionConfig}). */
export interface RegionNeeds {
  /** The role of the stack, when the program decides it. @default - `emqx:role` of the stack config, else `cluster` */
  readonly role?: RegionRole;
  /**
   * Whether a deployed site carries a license Secret (then `emqx:license` is required); a function gets the plants a
   * `plants` stack names. @default false
   */
  readonly license?: boolean | ((plants: readonly string[]) => boolean);
  /**
   * Whether a deployed site has an NLB with a public hostname (then `emqx:hostedZoneId` is required); a function gets
   * the plants a `plants` stack names. @default false
   */
  readonly dns?: boolean | ((plants: readonly string[]) => boolean);
  /** The plants of the federation (a `plants` stack may only name these). @default - any name */
  readonly federationPlants?: readonly string[];
  /**
   * The bucket a deployed cluster's own `backup` spec names: backups are then on without `emqx:backupBucket` (which,
   * when set, must name the same bucket). @default - none: backups only with `emqx:backupBucket`
   */
  readonly backupBucket?: string;
  /** Whether the plants of this stack bridge to a hub (then `emqx:bridgePasswords` is required). @default - true for hub and plants stacks */
  readonly bridges?: boolean;
}

/** The backup settings of a region (present when `emqx:backupBucket` is set). */
export interface RegionBackupConfig {
  /** The region's backup bucket (the stack creates it). */
  readonly bucket: string;
  /** The EKS cluster's IAM OIDC provider ARN (IRSA for the backup jobs). */
  readonly oidcProviderArn: string;
  /** The OIDC issuer, host and path without `https://`. */
  readonly oidcIssuer: string;
  /** The REST API key the backup job uses. */
  readonly apiKey: pulumi.Output<string>;
  /** Its secret. */
  readonly apiSecret: pulumi.Output<string>;
}

/** A region stack's configuration, read and checked by {@link readRegionConfig}. Secrets are Pulumi secret Outputs. */
export interface RegionConfig {
  /** The stack's name (`pulumi stack`), which names its config file `Pulumi.<stack>.yaml`. */
  readonly stack: string;
  /** What the stack deploys. */
  readonly role: RegionRole;
  /** The AWS region (`emqx:region`, else `aws:region`). @default - none: the stack creates no AWS resource */
  readonly region?: string;
  /** The kubeconfig context of the region's Kubernetes cluster. @default - the current context */
  readonly kubeContext?: string;
  /** A kubeconfig (secret). @default - the ambient kubeconfig */
  readonly kubeconfig?: pulumi.Output<string>;
  /** The namespace of a `cluster` stack. @default - the cluster spec's namespace, else `default` */
  readonly namespace?: string;
  /** Whether the stack creates (and owns) its sites' namespaces. @default false - deploy into existing namespaces */
  readonly createNamespaces: boolean;
  /** The Route53 hosted zone of the NLB hostnames. @default - none: no DNS records */
  readonly hostedZoneId?: string;
  /** Backups to S3 (`emqx:backupBucket`, or the bucket of a cluster's own backup spec). @default - none: no bucket, no backup jobs */
  readonly backup?: RegionBackupConfig;
  /** The plant sites a `plants` stack deploys. @default [] */
  readonly plants: readonly string[];
  /** The hub stack a `plants` stack reads (`<org>/<project>/<stack>`). @default - none */
  readonly hubStack?: string;
  /** The Erlang cookie. */
  readonly cookie: pulumi.Output<string>;
  /** The dashboard's admin password. */
  readonly dashboardPassword: pulumi.Output<string>;
  /** The EMQX license key. @default - none */
  readonly license?: pulumi.Output<string>;
  /** Bridge password per plant. @default - none */
  readonly bridgePasswords?: pulumi.Output<Record<string, string>>;
}

/** One problem of a stack's config: the key, what is wrong, and how to fix it. */
export interface RegionConfigProblem {
  /** The full key, e.g. `emqx:hubStack`. */
  readonly key: string;
  /** What is wrong. */
  readonly problem: string;
  /** The command or edit that fixes it. */
  readonly fix: string;
}

/** Every problem of a region stack's config, reported at once. */
export class RegionConfigError extends Error {
  /** Each problem. */
  public readonly problems: readonly RegionConfigProblem[];

  constructor(stackFile: string, problems: readonly RegionConfigProblem[]) {
    super(`${problems.length} problem${problems.length === 1 ? '' : 's'} in the config of ${stackFile}:\n`
      + problems.map((p) => `  - ${p.key}: ${p.problem}; ${p.fix}`).join('\n'));
    this.name = 'RegionConfigError';
    this.problems = problems;
  }
}

const ROLES: readonly RegionRole[] = ['cluster', 'hub', 'plants'];

/**
 * Whether the engine marks a config key as secret. `isConfigSecret` is exported at run time by @pulumi/pulumi's
 * `runtime/config` (it reads the secret keys the engine passes, `PULUMI_CONFIG_SECRET_KEYS`; `setAllConfig`
 * sets them under mocks) but its declaration is marked internal. Where it is missing, nothing is flagged.
 */
function isConfigSecret(fullKey: string): boolean {
  const fn = (pulumi.runtime as unknown as { isConfigSecret?: (k: string) => boolean }).isConfigSecret;
  return typeof fn === 'function' ? fn(fullKey) : true;
}
const SECRET_KEYS = ['cookie', 'dashboardPassword', 'license', 'backupApiKey', 'backupApiSecret', 'bridgePasswords', 'kubeconfig'];

/**
 * Reads and checks a region stack's config (namespace `emqx`, keys in the table of docs/PULUMI.md). A key is
 * required only when the deployment uses it ({@link RegionNeeds}): a `cluster` stack without `emqx:backupBucket`
 * needs no OIDC settings or API key, one without NLB hostnames no hosted zone. Every missing or wrong key is
 * reported at once, in a {@link RegionConfigError} naming the key, the stack file and the fix. Secret keys must
 * be stored as Pulumi secrets (`pulumi config set --secret`): one in plain text is an error naming it.
 */
export function readRegionConfig(needs: RegionNeeds = {}, configNamespace = 'emqx'): RegionConfig {
  const config = new pulumi.Config(configNamespace);
  const stack = pulumi.getStack();
  const stackFile = `Pulumi.${stack}.yaml`;
  const problems: RegionConfigProblem[] = [];
  const key = (k: string) => `${configNamespace}:${k}`;
  const problem = (k: string, what: string, fix: string) => problems.push({ key: key(k), problem: what, fix });
  const missing = (k: string, why: string, example: string, secret = false) =>
    problem(k, `is required ${why}`, `pulumi config set${secret ? ' --secret' : ''} ${key(k)} ${example} (stack ${stack})`);

  // secrets in plain text first: Config.get() of a plain value works, so without this they would pass unseen
  for (const k of SECRET_KEYS) {
    if (config.get(k) !== undefined && !isConfigSecret(key(k))) {
      problem(k, `is stored in plain text in ${stackFile}`, `remove it there and run: pulumi config set --secret ${key(k)} <value>`);
    }
  }
  const text = (k: string): string | undefined => {
    const v = config.get(k);
    return v === undefined || v === '' ? undefined : v;
  };
  const secret = (k: string): pulumi.Output<string> | undefined => (text(k) === undefined ? undefined : config.requireSecret(k));
  const json = <T>(k: string, check: (v: unknown) => v is T, expected: string): T | undefined => {
    const raw = text(k);
    if (raw === undefined) return undefined;
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      problem(k, `is not JSON (got ${raw})`, `set it to ${expected}`);
      return undefined;
    }
    if (!check(parsed)) {
      problem(k, `is not ${expected} (got ${raw})`, `set it to ${expected}`);
      return undefined;
    }
    return parsed;
  };
  const isNameList = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string' && x !== '');

  const roleText = needs.role ?? text('role') ?? 'cluster';
  const role = ROLES.includes(roleText as RegionRole) ? (roleText as RegionRole) : undefined;
  if (!role) problem('role', `is not a role (got ${roleText})`, `set it to cluster, hub or plants in ${stackFile}`);

  const plants = json('plants', isNameList, 'a JSON list of plant names, e.g. \'["plant-lyon","plant-porto"]\'') ?? [];
  const hubStack = text('hubStack');
  if (role === 'plants') {
    if (!text('plants')) missing('plants', 'for a plants stack (the plant sites this region runs)', '\'["plant-lyon","plant-porto"]\'');
    const unknown = needs.federationPlants ? plants.filter((p) => !needs.federationPlants!.includes(p)) : [];
    if (unknown.length) problem('plants', `names ${unknown.join(', ')}, not a plant of the federation (plants: ${needs.federationPlants!.join(', ')})`, `list only the federation's plants in ${stackFile}`);
    if (new Set(plants).size !== plants.length) problem('plants', 'names a plant twice', `list each plant once in ${stackFile}`);
    if (!hubStack) missing('hubStack', "for a plants stack (the hub stack whose outputs it reads)", '<org>/<project>/<hub stack>');
    else if (!/^[^/\s]+\/[^/\s]+\/[^/\s]+$/.test(hubStack)) problem('hubStack', `is not <org>/<project>/<stack> (got ${hubStack})`, 'give the fully qualified hub stack, e.g. acme/emqx/eu-west-1');
  }

  const known = needs.federationPlants ? plants.filter((p) => needs.federationPlants!.includes(p)) : plants;
  const uses = (n: RegionNeeds['dns']) => (typeof n === 'function' ? n(known) : n === true);
  const needsDns = uses(needs.dns);
  const configBucket = text('backupBucket');
  if (configBucket && needs.backupBucket && configBucket !== needs.backupBucket) {
    problem('backupBucket', `names ${configBucket}, and the cluster's backup spec names ${needs.backupBucket}`, 'remove emqx:backupBucket (the spec decides), or point the spec at the same bucket');
  }
  const bucket = configBucket ?? needs.backupBucket;
  const hostedZoneId = text('hostedZoneId');
  if (needsDns && !hostedZoneId) missing('hostedZoneId', 'for the DNS records of the NLB hostnames', 'Z0123456789ABCDEFGHIJ');
  if (hostedZoneId && !/^Z[A-Z0-9]{1,31}$/.test(hostedZoneId)) problem('hostedZoneId', `is not a Route53 hosted zone id (got ${hostedZoneId})`, 'give the zone id, e.g. Z0123456789ABCDEFGHIJ (aws route53 list-hosted-zones)');
  const region = text('region') ?? new pulumi.Config('aws').get('region');
  if (!region && ((needsDns && hostedZoneId) || bucket)) missing('region', 'for the AWS resources (DNS records, backup bucket)', 'eu-west-1');

  const backup = (() => {
    if (!bucket) return undefined;
    const why = configBucket ? `with ${key('backupBucket')} set (backups)` : `for the cluster's backup to ${bucket}`;
    const oidcProviderArn = text('oidcProviderArn');
    const oidcIssuer = text('oidcIssuer');
    if (!oidcProviderArn) missing('oidcProviderArn', why, 'arn:aws:iam::<account>:oidc-provider/<issuer>');
    else if (!/^arn:aws[a-z-]*:iam::\d{12}:oidc-provider\/.+/.test(oidcProviderArn)) problem('oidcProviderArn', `is not an IAM OIDC provider ARN (got ${oidcProviderArn})`, 'aws iam list-open-id-connect-providers');
    if (!oidcIssuer) missing('oidcIssuer', why, 'oidc.eks.<region>.amazonaws.com/id/<id>');
    else if (/^https?:\/\//.test(oidcIssuer)) problem('oidcIssuer', `starts with a scheme (got ${oidcIssuer})`, 'give the issuer without https://');
    if (!isS3BucketName(bucket)) problem('backupBucket', `is not an S3 bucket name (got ${bucket})`, 'use 3-63 lowercase letters, digits, dots and hyphens');
    const apiKey = secret('backupApiKey');
    const apiSecret = secret('backupApiSecret');
    if (!apiKey) missing('backupApiKey', why, '<key>', true);
    if (!apiSecret) missing('backupApiSecret', why, '<secret>', true);
    return oidcProviderArn && oidcIssuer && apiKey && apiSecret ? { bucket, oidcProviderArn, oidcIssuer, apiKey, apiSecret } : undefined;
  })();

  const cookie = secret('cookie');
  if (!cookie) missing('cookie', 'for every site (the Erlang cookie of its nodes)', '"$(openssl rand -hex 32)"', true);
  const dashboardPassword = secret('dashboardPassword');
  if (!dashboardPassword) missing('dashboardPassword', "for every site (the dashboard's admin password)", '<password>', true);
  const license = secret('license');
  if (uses(needs.license) && !license) missing('license', 'for the sites whose spec has a license Secret', '<license key>', true);
  const bridges = needs.bridges ?? (role === 'hub' || role === 'plants');
  let bridgePasswords: pulumi.Output<Record<string, string>> | undefined;
  if (bridges) {
    const raw = text('bridgePasswords');
    if (raw === undefined) missing('bridgePasswords', 'for the bridges between hub and plants', '\'{"plant-lyon":"..."}\'', true);
    else {
      let parsed: unknown;
      try {
        parsed = JSON.parse(raw);
      } catch {
        parsed = undefined;
      }
      const isMap = typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) && Object.values(parsed).every((v) => typeof v === 'string' && v !== '');
      // the value itself is never put in a message: it is a secret
      if (!isMap) problem('bridgePasswords', 'is not a JSON object of plant name to password', 'pulumi config set --secret emqx:bridgePasswords \'{"plant-lyon":"..."}\'');
      else {
        const wanted = role === 'plants' ? plants : (needs.federationPlants ?? []);
        const without = wanted.filter((p) => !(p in (parsed as Record<string, string>)));
        if (without.length) problem('bridgePasswords', `has no password for ${without.join(', ')}`, 'add them: pulumi config set --secret emqx:bridgePasswords \'{...}\'');
        bridgePasswords = config.requireSecretObject<Record<string, string>>('bridgePasswords');
      }
    }
  }
  const createNamespaces = text('createNamespaces');
  if (createNamespaces !== undefined && createNamespaces !== 'true' && createNamespaces !== 'false') problem('createNamespaces', `is not true or false (got ${createNamespaces})`, 'set it to true to have the stack create and own its namespaces');

  if (problems.length) throw new RegionConfigError(stackFile, problems);
  return {
    stack,
    role: role!,
    region,
    kubeContext: text('kubeContext'),
    kubeconfig: secret('kubeconfig'),
    namespace: text('namespace'),
    createNamespaces: createNamespaces === 'true',
    hostedZoneId,
    backup,
    plants,
    hubStack,
    cookie: cookie!,
    dashboardPassword: dashboardPassword!,
    license,
    bridgePasswords,
  };
}
