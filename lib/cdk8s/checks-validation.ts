import { ApiObject } from 'cdk8s';
import { Construct, IValidation } from 'constructs';
import { ManifestObject, Finding } from '../checks/emqx-check';
import { formatFindingsTable } from '../checks/findings-report';
import { blockingFindings, runChecks } from '../checks/run-checks';
import { ResolvedEmqxCluster } from '../model/emqx-cluster-spec';

/** Context key: `false` stops printing the findings table on stderr (a host such as Pulumi logs the findings itself). */
export const FINDINGS_TABLE_CONTEXT = 'emqx-constructs:findingsTable';
/** Environment variable: `off` silences the findings table on stderr. */
export const REPORT_ENV = 'EMQX_CONSTRUCTS_REPORT';

/**
 * Runs the named checks over one cluster whenever its app or chart is synthesized (`app.synth()`,
 * `cdk8s synth`, `Testing.synth`, `chart.toJson()`): unacknowledged errors fail synthesis with the
 * check id, message and fix; every finding goes to a table on stderr. Nothing is written to files
 * here: `writeReports()` writes the findings JSON where the caller chooses. The checks run once per
 * cluster and see the rendered objects, escape hatches included.
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

  /** Runs at synthesis: the unacknowledged errors, each with its fix; reports every finding. */
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
  }
}
