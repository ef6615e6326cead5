import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { EmqxClusterSpec, resolveClusterSpec, ResolvedEmqxCluster } from '../model/emqx-cluster-spec';
import { renderOperatorEmqxConfig } from '../hocon/emqx-config';
import { listenerServiceShapes, operatorListenerServicePlan } from '../model/listener-service-shape';
import { AlertRules } from './alert-rules';
import { BackupCronJob } from './backup-cron-job';
import { ChecksValidation } from './checks-validation';
import { ClusterNetworkPolicies } from './cluster-network-policies';
import { CoreNodes } from './core-nodes';
import { DashboardService } from './dashboard-service';
import { DevCertificateAuthority } from './dev-certificate-authority';
import { DiscoveryService } from './discovery-service';
import { EmqxConfigMap } from './emqx-config-map';
import { GrafanaDashboardConfigMap } from './grafana-dashboard-config-map';
import { ListenerCertificate } from './listener-certificate';
import { ListenerService } from './listener-service';
import { MetricsScrape } from './metrics-scrape';
import { MetricsService } from './metrics-service';
import { EmqxOperatorResource } from './emqx-operator-resource';
import { NodeServiceAccount } from './node-service-account';
import { ReplicantNodes } from './replicant-nodes';
import { UniqueObjectsValidation } from './unique-objects-validation';

/** Props of {@link EmqxCluster}: the framework-free {@link EmqxClusterSpec}. */
export interface EmqxClusterProps extends EmqxClusterSpec {}

/**
 * One production EMQX cluster on Kubernetes.
 *
 * Renders: the emqx.conf ConfigMap (per role, in the version's own keys), the headless discovery
 * Service, the dashboard and listener Services (ClusterIP and AWS NLB), cert-manager Certificates
 * for TLS listeners (and a development CA chain on request), a ServiceAccount (+ discovery Role for
 * k8s discovery), the core StatefulSet with PVCs and PDB, and the replicant Deployment with PDB.
 * Every name is explicit and stable (`<name>-core`, `<name>-headless`, ...), and every selector
 * uses `app.kubernetes.io/*` labels only.
 *
 * The spec is resolved in the constructor: an impossible spec throws {@link EmqxSpecError} here,
 * before anything is synthesized. At synthesis the named checks (docs/CHECKS.md) run over the spec
 * and the rendered objects: unacknowledged errors fail it, every finding is reported.
 */
export class EmqxCluster extends Construct {
  /** The resolved spec: every default applied, every name and port decided. */
  public readonly spec: ResolvedEmqxCluster;
  /**
   * The ConfigMap: each role's emqx.conf and the ACL file (native); with the operator only the ACL
   * file, and no ConfigMap at all without one (the operator keeps emqx.conf in its own).
   */
  public readonly config?: EmqxConfigMap;
  /** The headless discovery Service (native; the operator creates `<name>-headless`). */
  public readonly discoveryService?: DiscoveryService;
  /** The dashboard Service (native; the operator creates `<name>-dashboard` from its template). */
  public readonly dashboardService?: DashboardService;
  /**
   * Our client listener Services: the in-cluster one (`<name>-mqtt`) and one per NLB exposure. With the
   * operator, none when its listener Service template carries the only one.
   */
  public readonly listenerServices: ListenerService[] = [];
  /** The cert-manager Certificates of the listeners that end TLS in the pod, by listener port name. */
  public readonly certificates: Record<string, ListenerCertificate> = {};
  /** The development CA chain, when a listener uses `Tls.selfSignedCa()`. */
  public readonly devCa?: DevCertificateAuthority;
  /** The pods' ServiceAccount (and the discovery Role with k8s discovery). */
  public readonly serviceAccount: NodeServiceAccount;
  /** The core StatefulSet and PDB (native backend). */
  public readonly cores?: CoreNodes;
  /** The replicants, when the spec has any (native backend). */
  public readonly replicants?: ReplicantNodes;
  /** The EMQX Operator's `EMQX` resource (operator backend). */
  public readonly operatorResource?: EmqxOperatorResource;
  /** Monitoring objects, when the spec asks for them. */
  public readonly monitoring?: {
    /** The headless metrics Service over every node (ServiceMonitor scraping). */
    metricsService?: MetricsService;
    /** The ServiceMonitor or PodMonitor. */
    scrape: MetricsScrape;
    /** The PrometheusRule, unless alerts are off. */
    alerts?: AlertRules;
    /** The Grafana dashboard ConfigMap, when asked for. */
    dashboard?: GrafanaDashboardConfigMap;
  };
  /** The data-export CronJob, when the spec asks for backups. */
  public readonly backup?: BackupCronJob;
  /** The NetworkPolicies (none when disabled with a reason). */
  public readonly networkPolicies: ClusterNetworkPolicies;
  /** The named checks, run at synthesis (see docs/CHECKS.md). */
  public readonly checks: ChecksValidation;

  constructor(scope: Construct, id: string, props: EmqxClusterProps) {
    super(scope, id);
    this.spec = resolveClusterSpec(props, { namespace: chartNamespace(this) });
    const operator = this.spec.operator !== undefined;
    if (!operator || this.spec.authorization.aclFile) this.config = new EmqxConfigMap(this, 'Config', this.spec);
    this.serviceAccount = new NodeServiceAccount(this, 'ServiceAccount', this.spec);
    if (!operator) {
      this.discoveryService = new DiscoveryService(this, 'Discovery', this.spec);
      this.dashboardService = new DashboardService(this, 'Dashboard', this.spec);
    }
    const shapes = listenerServiceShapes(this.spec);
    const plan = operator ? operatorListenerServicePlan(shapes) : { template: undefined, own: shapes };
    for (const shape of plan.own) {
      this.listenerServices.push(new ListenerService(this, shape.type === 'ClusterIP' ? 'Listeners' : `Nlb-${shape.name}`, this.spec, shape));
    }
    if (this.spec.usesDevCa) this.devCa = new DevCertificateAuthority(this, 'DevCa', this.spec);
    for (const l of this.spec.listeners) {
      if (l.tls?.terminatesAt === 'pod' && l.tls.certificate) {
        this.certificates[l.portName] = new ListenerCertificate(this, `Certificate-${l.portName}`, this.spec, l.tls.certificate);
      }
    }
    if (operator) {
      this.operatorResource = new EmqxOperatorResource(this, 'Operator', this.spec, renderOperatorEmqxConfig(this.spec), plan.template);
    } else {
      this.cores = new CoreNodes(this, 'Cores', this.spec, this.config!);
      if (this.spec.replicants > 0) this.replicants = new ReplicantNodes(this, 'Replicants', this.spec, this.config!);
    }
    const m = this.spec.monitoring;
    if (m) {
      this.monitoring = {
        metricsService: m.scrape === 'ServiceMonitor' ? new MetricsService(this, 'MetricsService', this.spec) : undefined,
        scrape: new MetricsScrape(this, 'Scrape', this.spec),
        alerts: m.alerts || m.extraAlertRules.length ? new AlertRules(this, 'Alerts', this.spec) : undefined,
        dashboard: m.grafanaDashboard ? new GrafanaDashboardConfigMap(this, 'GrafanaDashboard', this.spec) : undefined,
      };
    }
    if (this.spec.backup) this.backup = new BackupCronJob(this, 'Backup', this.spec);
    this.networkPolicies = new ClusterNetworkPolicies(this, 'NetworkPolicies', this.spec);
    this.checks = new ChecksValidation(this, this.spec);
    this.node.addValidation(this.checks);
    this.node.addValidation(new UniqueObjectsValidation(Chart.of(this)));
  }
}

function chartNamespace(c: Construct): string | undefined {
  try {
    return Chart.of(c).namespace;
  } catch {
    return undefined;
  }
}
