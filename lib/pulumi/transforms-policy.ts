import * as pulumi from '@pulumi/pulumi';

/**
 * Refuses Pulumi `transforms`/`transformations` on a component of this package: they rewrite the objects after
 * the named checks ran, so a transform could undo what a check guarantees (a PSS field, a bind address, a
 * Secret reference) unseen. Changes to the rendered objects go through the component's `customize` callback
 * instead, which runs on the cdk8s constructs before the checks (docs/PULUMI.md, "Changing the rendered objects").
 * Called in the `super(...)` arguments: a component registered with transforms could not be taken back.
 */
export function refuseTransforms(component: string, opts: pulumi.ComponentResourceOptions): pulumi.ComponentResourceOptions {
  const given = (['transforms', 'transformations'] as const).filter((k) => (opts[k]?.length ?? 0) > 0);
  if (given.length) {
    throw new Error(`${component}: ${given.join(' and ')} would change the rendered objects after the checks ran; `
      + 'pass customize: (construct) => { ... } instead (escape hatches such as addJsonPatch on .resource), which the checks then see');
  }
  return opts;
}
