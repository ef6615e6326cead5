/**
 * The EMQX edition, which decides the image and which features exist.
 *
 * - `OPEN_SOURCE`: `emqx/emqx`, Apache-2.0, releases up to 5.8.x. From 5.8.0 it has no replicant role.
 * - `ENTERPRISE`: `emqx/emqx-enterprise`. From 5.9.0 it is the only edition (BSL 1.1): one node runs
 *   without a license, a cluster of more than one node needs a license key.
 */
export class EmqxEdition {
  /** The open-source edition, image `emqx/emqx` (5.1 – 5.8). */
  public static readonly OPEN_SOURCE = new EmqxEdition('open-source', 'emqx/emqx');
  /** The enterprise edition, image `emqx/emqx-enterprise` (every supported version; the only one from 5.9). */
  public static readonly ENTERPRISE = new EmqxEdition('enterprise', 'emqx/emqx-enterprise');

  private constructor(
    /** A short name, `open-source` or `enterprise`. */
    public readonly name: 'open-source' | 'enterprise',
    /** The Docker Hub repository of the edition's image. */
    public readonly repository: string,
  ) {}

  /** Whether this is the enterprise edition. */
  public get isEnterprise(): boolean {
    return this === EmqxEdition.ENTERPRISE;
  }

  /** The edition's name. */
  public toString(): string {
    return this.name;
  }
}
