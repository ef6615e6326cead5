import { EmqxSpecError } from './emqx-spec-error';

const UNITS = { B: 1, KB: 1024, MB: 1024 ** 2, GB: 1024 ** 3 } as const;

/**
 * A byte size, rendered the way EMQX writes it (`64KB`, `1MB`; EMQX's KB/MB/GB are powers of 1024).
 * @example Size.mebibytes(1)
 */
export class Size {
  /** A size in bytes. */
  public static bytes(n: number): Size {
    return new Size(n, 'B');
  }
  /** A size in KiB (EMQX `KB`). */
  public static kibibytes(n: number): Size {
    return new Size(n, 'KB');
  }
  /** A size in MiB (EMQX `MB`). */
  public static mebibytes(n: number): Size {
    return new Size(n, 'MB');
  }
  /** A size in GiB (EMQX `GB`). */
  public static gibibytes(n: number): Size {
    return new Size(n, 'GB');
  }

  private constructor(
    private readonly amount: number,
    private readonly unit: keyof typeof UNITS,
  ) {
    if (!Number.isInteger(amount) || amount < 0) {
      throw new EmqxSpecError('size', amount, 'a size must be a whole, non-negative number of its unit', 'use e.g. Size.kibibytes(512) instead of Size.mebibytes(0.5)');
    }
  }

  /** The size in bytes. */
  public toBytes(): number {
    return this.amount * UNITS[this.unit];
  }

  /** EMQX's notation, e.g. `1MB` (bytes are written as a bare number). */
  public toEmqx(): string {
    return this.unit === 'B' ? String(this.amount) : `${this.amount}${this.unit}`;
  }

  /** EMQX's notation, e.g. `64MB`. */
  public toString(): string {
    return this.toEmqx();
  }
}
