import { EmqxCheck } from './emqx-check';
import { containers, ref } from './manifest-queries';

const SECRET_NAME = /COOKIE|PASSWORD|PASSWD|LICENSE__KEY|TOKEN|SECRET|API_KEY/;

/** A literal secret in a manifest ends up in Git, in CI logs and in every `kubectl get -o yaml`. */
export const SecretLiteralInEnv: EmqxCheck = {
  id: 'EMQX-SecretLiteralInEnv',
  severity: 'error',
  summary: 'An EMQX container has a secret-looking environment variable with a literal value.',
  explanation:
    "The cookie, dashboard password and license must come from Secrets: a literal value is readable by anyone with read access to the workload or the Git repository, and EMQX's default dashboard password ('public') and the images' default cookie are public knowledge.",
  fix: 'Reference a Secret (the library does this through secrets.cookie / secrets.dashboardPassword / license); do not patch literal env values in.',
  run: ({ objects }) =>
    containers(objects).flatMap(({ workload, container }) =>
      (container.env ?? []).filter((e: any) => SECRET_NAME.test(e.name) && e.value !== undefined).map((e: any) => `${ref(workload)} container ${container.name}: ${e.name}`)),
};
