import type { Decimal, Department } from '@/lib/scoring';

/**
 * Equal values shared between departments. A decimal.js value takes about 250 bytes and is never
 * changed in place, so one instance per distinct value can serve every department that has it:
 * 200,000 departments × 25 figures then fit in well under half the memory (see `npm run bench`).
 */
export class DecimalPool {
  private readonly values = new Map<string, Decimal>();

  take(d: Decimal): Decimal {
    const key = d.toString();
    const known = this.values.get(key);
    if (known) return known;
    this.values.set(key, d);
    return d;
  }

  private shareAll(record: Partial<Record<string, Decimal>> | undefined): void {
    if (!record) return;
    for (const k of Object.keys(record)) {
      const v = record[k];
      if (v) record[k] = this.take(v);
    }
  }

  /** The department with its figures shared (changed in place and returned). */
  department(d: Department): Department {
    this.shareAll(d.inputs);
    this.shareAll(d.judgements);
    this.shareAll(d.self_scores);
    return d;
  }
}
