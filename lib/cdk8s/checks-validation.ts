import * as fs from 'node:fs';
import * as path from 'node:path';
import { ApiObject, App } from 'cdk8s';
import { Construct, IValidation } from 'constructs';
import { ManifestObject, Finding } from '../checks/emqx-check';
import { findingsJson, formatFindingsTable } from '../checks/findings-report';
import { blockingFindings, runChecks } from '../checks/run-checks';
import { ResolvedEmqxCluster } from '../spec/emqx-cluster-spec';

/** Context key: `false` stops writing the findings JSON next to the manifests. */
export const FINDINGS_FILE_CONTEXT = 'emqx-constructs:findingsFile';
/** Context key: `false` stops printing the findings table on stderr (a host such as Pulumi logs the findings itself). */
export const FINDINGS_TABLE_CONTEXT = 'emqx-constructs:findingsTable';
/** Environment variable: `off` silences the findings table on stderr. */
export const REPORT_ENV = 'EMQX_CONSTRUCTS_REPORT';

/**
 * Runs the named checks over one cluster whenever its app or chart is synthesized (`app.synth()`,
 * `cdk8s synth`, `Testing.synth`, `chart.toJson()`): unacknowledged errors fail synthesis with the
 * check id, message and fix; every finding goes to a table on stderr and to
 * `<outdir>/emqx-findings.<namespace>.<name>.json`. The checks run once per cluster and see the
 * rendered objects, escape hatches included.
 */
export class ChecksValidation implements IValidation {
  private findings?: Finding[];
  private reported = false;

  constructor(private readonly scope: Construct, private readonly cluster: ResolvedEmqxCluster) {}

  /**
   * Gives the checks the cluster's rendered objects when the caller has them already (the fleet path
   * renders each object once), instead of rendering them again.
   */
  public useObjects(objects: ManifestObject[]): void {
    this.findings ??= runChecks({ cluster: this.cluster, objects });
  }

  /** The findings (computed on first use). */
  public results(): Finding[] {
    if (!this.findings) {
      const objects = this.scope.node.findAll().filter(ApiObject.isApiObject).map((o) => o.toJson() as ManifestObject);
      this.findings = runChecks({ cluster: this.cluster, objects });
    }
    return this.findings;
  }

  public validate(): string[] {
    const findings = this.results();
    this.report(findings);
    return blockingFindings(findings).map((f) => `${f.id}: ${f.message}. ${f.summary} Fix: ${f.fix} (or acknowledge it with a reason: acknowledgements: [{ id: '${f.id}', reason: '...' }])`);
  }

  private report(findings: Finding[]): void {
    if (this.reported) return;
    this.reported = true;
    if (process.env[REPORT_ENV] !== 'off' && this.scope.node.tryGetContext(FINDINGS_TABLE_CONTEXT) !== false) {
      const table = formatFindingsTable(findings);
      if (table) process.stderr.write(table);
    }
    const app = appOf(this.scope);
    if (app && this.scope.node.tryGetContext(FINDINGS_FILE_CONTEXT) !== false && fs.existsSync(app.outdir)) {
      fs.writeFileSync(path.join(app.outdir, `emqx-findings.${this.cluster.namespace}.${this.cluster.name}.json`), findingsJson(findings));
    }
  }
}

function appOf(c: Construct): App | undefined {
  try {
    return App.of(c);
  } catch {
    return undefined;
  }
}
