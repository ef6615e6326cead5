import { EmqxCheck } from './emqx-check';
import { ref } from './manifest-queries';

/** The dashboard and REST API administer the whole cluster. */
export const DashboardExposed: EmqxCheck = {
  id: 'EMQX-DashboardExposed',
  severity: 'error',
  summary: 'The dashboard/REST API port is reachable through a LoadBalancer or NodePort Service.',
  explanation:
    'Port 18083 serves the dashboard, the REST API (clients, rules, bridges, users) and the bootstrap admin login; published outside the cluster it invites credential stuffing against the account that controls every device connection.',
  fix: 'Keep the dashboard on the ClusterIP Service <name>-dashboard and reach it with kubectl port-forward, a VPN or an authenticated internal ingress.',
  run: ({ cluster, objects }) =>
    objects
      .filter((o) => o.kind === 'Service' && (o.spec?.type === 'LoadBalancer' || o.spec?.type === 'NodePort'))
      .filter((o) => (o.spec.ports ?? []).some((p: any) => p.targetPort === 'dashboard' || p.targetPort === cluster.ports.dashboard || p.port === cluster.ports.dashboard))
      .map((o) => `${ref(o)} (${o.spec.type})`),
};
