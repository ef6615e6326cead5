import { EmqxCheck } from './emqx-check';
import { containers, ref } from './manifest-queries';

/** Config keys are rendered for one exact version; the image must be that version. */
export const ImageNotPinned: EmqxCheck = {
  id: 'EMQX-ImageNotPinned',
  severity: 'error',
  summary: "The EMQX image is not pinned to the cluster's version.",
  explanation:
    'The generated emqx.conf uses the keys of one EMQX release (5.1 → 6.0 renamed many). An image tagged latest, or another release, boots with keys it does not know (fatal inside known structs) or silently ignores them, and pods of one StatefulSet may run different releases after a reschedule.',
  fix: "Set version (the image tag is always the version); use imageRepository for a mirror without a tag.",
  run: ({ cluster, objects }) =>
    containers(objects)
      .filter(({ container }) => container.name === 'emqx' && !String(container.image).endsWith(`:${cluster.version.version}`))
      .map(({ workload, container }) => `${ref(workload)}: image ${container.image}, version ${cluster.version.version}`),
};
