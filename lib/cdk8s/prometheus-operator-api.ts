// The fields of the Prometheus Operator's `monitoring.coreos.com/v1` resources the library writes, typed from the
// CRDs in shared/crds/prometheus-operator (monitoring.coreos.com_{servicemonitors,podmonitors,prometheusrules}.yaml;
// SOURCES.txt says which release), which kube-strict checks every manifest against.
import type { LabelSelector, ObjectMeta } from 'kubernetes-types/meta/v1';

/** A `SecretKeySelector` (`basicAuth.username`, `.password`). */
export interface SecretKeySelector {
  readonly name: string;
  readonly key: string;
}

/** A `RelabelConfig` of an endpoint's `relabelings`. */
export interface RelabelConfig {
  readonly sourceLabels?: string[];
  readonly targetLabel?: string;
  readonly replacement?: string;
}

/** An `Endpoint` (ServiceMonitor) or `PodMetricsEndpoint` (PodMonitor): the fields both have. */
export interface ScrapeEndpoint {
  readonly port: string;
  readonly path: string;
  readonly interval?: string;
  readonly scrapeTimeout?: string;
  readonly relabelings?: RelabelConfig[];
  readonly basicAuth?: { readonly username: SecretKeySelector; readonly password: SecretKeySelector };
}

/** `monitoring.coreos.com/v1` `ServiceMonitor` (the fields written). */
export interface ServiceMonitor {
  readonly apiVersion?: 'monitoring.coreos.com/v1';
  readonly kind?: 'ServiceMonitor';
  readonly metadata?: ObjectMeta;
  readonly spec: { readonly selector: LabelSelector; readonly namespaceSelector?: { readonly matchNames?: string[] }; readonly endpoints: ScrapeEndpoint[] };
}

/** `monitoring.coreos.com/v1` `PodMonitor` (the fields written). */
export interface PodMonitor {
  readonly apiVersion?: 'monitoring.coreos.com/v1';
  readonly kind?: 'PodMonitor';
  readonly metadata?: ObjectMeta;
  readonly spec: { readonly selector: LabelSelector; readonly namespaceSelector?: { readonly matchNames?: string[] }; readonly podMetricsEndpoints: ScrapeEndpoint[] };
}

/** An alerting `Rule` of a `PrometheusRule` group (`expr` is int-or-string in the CRD; the library writes strings). */
export interface AlertingRule {
  readonly alert: string;
  readonly expr: string;
  readonly for?: string;
  readonly labels?: Record<string, string>;
  readonly annotations?: Record<string, string>;
}

/** `monitoring.coreos.com/v1` `PrometheusRule` (the fields written). */
export interface PrometheusRule {
  readonly apiVersion?: 'monitoring.coreos.com/v1';
  readonly kind?: 'PrometheusRule';
  readonly metadata?: ObjectMeta;
  readonly spec: { readonly groups: { readonly name: string; readonly rules: AlertingRule[] }[] };
}
