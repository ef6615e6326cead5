import { EmqxEdition } from '../versions/emqx-edition';
import { EmqxSpecError, EmqxSpecErrors } from '../validation/emqx-spec-error';
import { EmqxVersion } from '../versions/emqx-version';
import { FederationSpec, HubSpec, PlantSpec, Route } from './federation-spec';
import { SecretKeyRef } from '../model/secret-key-ref';
import { allKeys, knownKeys } from '../validation/validators';

/** One plant of an inventory (a line of a spreadsheet, a YAML list item). */
export interface PlantInventoryEntry {
  /** The plant's site name (DNS-safe). */
  readonly name: string;
  /** The EMQX release the plant runs. */
  readonly version: string;
  /** The edition. @default - the version's default edition */
  readonly edition?: 'open-source' | 'enterprise';
  /** The plant's core nodes. @default 3 */
  readonly cores?: number;
  /** The plant's replicant nodes. @default 0 */
  readonly replicants?: number;
}

/** A fleet: one hub, plants from an inventory, and what every plant shares. */
export interface FleetSpec {
  /** The federation's name. */
  readonly name: string;
  /** The hub. */
  readonly hub: HubSpec;
  /** What flows up and down. */
  readonly routes: Route[];
  /** The plants, from the inventory. */
  readonly plants: PlantInventoryEntry[];
  /** The parts every plant shares (listeners, monitoring, policies, ...); the inventory sets name, version and size. @default - the library defaults for every plant */
  readonly plantTemplate?: Omit<PlantSpec, 'name' | 'version' | 'license'>;
  /** The license Secret, given to the plants whose edition and version have a license setting (enterprise, or 5.9+). @default - none */
  readonly plantLicense?: SecretKeyRef;
}

const INVENTORY_KEYS = allKeys<PlantInventoryEntry>()(['name', 'version', 'edition', 'cores', 'replicants']);

/** Reads an inventory (the parsed YAML/JSON: a list of entries, or `{ plants: [...] }`), naming the entry at fault. */
export function parseInventory(data: unknown): PlantInventoryEntry[] {
  const list = Array.isArray(data) ? data : (data as { plants?: unknown })?.plants;
  if (!Array.isArray(list)) throw new EmqxSpecError('inventory', typeof data, 'is not a list of plants', 'write a YAML list of { name, version, cores? } entries, or { plants: [...] }');
  // every entry is checked, and their problems reported together
  return EmqxSpecErrors.collect(list.map((e, i) => () => {
    if (typeof e?.name !== 'string' || typeof e?.version !== 'string') {
      throw new EmqxSpecError(`inventory[${i}]`, e, 'needs a name and a version', "e.g. { name: 'plant-lyon', version: '5.8.9' }");
    }
    knownKeys(`inventory[${i}]`, e, INVENTORY_KEYS);
    if (e.edition !== undefined && e.edition !== 'open-source' && e.edition !== 'enterprise') {
      throw new EmqxSpecError(`inventory[${i}].edition`, e.edition, 'is not open-source or enterprise', 'use one of them, or leave it out');
    }
    return { name: e.name, version: e.version, edition: e.edition, cores: e.cores, replicants: e.replicants } as PlantInventoryEntry;
  }));
}

/** The federation of a fleet: each inventory entry becomes a plant built on the template. */
export function fleetFederation(fleet: FleetSpec): FederationSpec {
  return {
    name: fleet.name,
    hub: fleet.hub,
    routes: fleet.routes,
    plants: fleet.plants.map((p) => {
      const version = EmqxVersion.of(p.version, `inventory.${p.name}.version`);
      const edition = p.edition === undefined ? version.defaultEdition : p.edition === 'enterprise' ? EmqxEdition.ENTERPRISE : EmqxEdition.OPEN_SOURCE;
      return {
      ...(fleet.plantTemplate ?? {}),
      name: p.name,
      namespace: p.name,
      version,
      edition,
      license: version.hasLicenseRoot(edition) ? fleet.plantLicense : undefined,
      cores: p.cores ?? fleet.plantTemplate?.cores ?? 3,
      replicants: p.replicants ?? fleet.plantTemplate?.replicants ?? 0,
      };
    }),
  };
}
