import { EmqxCheck } from './emqx-check';

/** An enterprise cluster with no license key runs on EMQX's built-in trial or community license. */
export const EnterpriseWithoutLicense: EmqxCheck = {
  id: 'EMQX-EnterpriseWithoutLicense',
  severity: 'error',
  summary: 'An enterprise cluster has no license key, so EMQX runs it on its built-in trial or community license.',
  explanation:
    "Without license.key EMQX uses `default`: before 5.9 a trial license capped at 25 connections (seen on EMQX 5.8.9: a cluster sized for a million devices refuses the 26th), from 5.9 a community license for a single node (a second node stops with SINGLE_NODE_LICENSE). The manifests look fine and the cluster starts; it fails its users in production.",
  fix: "Reference your license key from a Secret: license: { secretName: 'emqx-license', key: 'license.key' } (kubectl create secret generic emqx-license --from-file=license.key). For an evaluation or development cluster, acknowledge this check with that reason.",
  run: ({ cluster }) =>
    cluster.edition.isEnterprise && cluster.license === undefined
      ? [`enterprise EMQX ${cluster.version} without license.key runs on ${cluster.version.defaultLicenseLimits}`]
      : [],
};
