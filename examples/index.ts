// Every example, by folder name; `npm run synth` writes each to dist/<name>/ and the tests snapshot them.
import { App, Chart } from 'cdk8s';
import * as enterprise54 from './enterprise-5.4-static-seeds/main';
import * as enterprise from './enterprise-cluster/main';
import * as durable from './durable-sessions/main';
import * as releaseLines from './release-lines/main';
import * as federation from './federation/main';
import * as fleet from './fleet/main';
import * as helmMigration from './helm-migration/main';
import * as pipeline from './iiot-pipeline/main';
import * as legacy51 from './legacy-5.1-k8s-discovery/main';
import * as mtls from './mtls-devices/main';
import * as openSource from './open-source-cluster/main';
import * as operator from './operator-cluster/main';

export const EXAMPLES: Record<string, (app: App) => Chart> = {
  'enterprise-cluster': enterprise.build,
  'open-source-cluster': openSource.build,
  'operator-cluster': operator.build,
  'legacy-5.1-k8s-discovery': legacy51.build,
  'enterprise-5.4-static-seeds': enterprise54.build,
  'mtls-devices': mtls.build,
  'durable-sessions': durable.build,
  'helm-migration': helmMigration.build,
  'release-lines': releaseLines.build,
  'iiot-pipeline': pipeline.build,
  federation: federation.build,
  fleet: fleet.build,
};
