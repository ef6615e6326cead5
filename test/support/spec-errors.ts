import { EmqxSpecError } from '../../lib/validation/emqx-spec-error';

/** The EmqxSpecError `run` throws; any other outcome (another exception, or none) fails the test. */
export function specErrorOf(run: () => unknown): EmqxSpecError {
  try {
    run();
  } catch (e) {
    if (e instanceof EmqxSpecError) return e;
    throw e;
  }
  throw new Error('no EmqxSpecError was thrown');
}
