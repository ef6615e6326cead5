// An independent HOCON parser (not our writer) to read back what the library renders.
// eslint-disable-next-line @typescript-eslint/no-var-requires
const parser = require('@pushcorn/hocon-parser');

/** Parses HOCON text into plain data. */
export async function parseHocon(text: string): Promise<any> {
  return parser.parse({ text, strict: false });
}
