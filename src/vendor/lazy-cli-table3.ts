// Stands in for cli-table3 inside the bundle: loads the real one the first time a table is drawn.

import { createRequire } from "node:module";

type TableConstructor = new (options?: Record<string, unknown>) => { push(row: unknown): void; toString(): string };
let real: TableConstructor | undefined;

/** Creates a cli-table3 table; called with `new`, it returns the real table object. */
export default function Table(options?: Record<string, unknown>): InstanceType<TableConstructor> {
  real ??= createRequire(import.meta.url)("./vendor/cli-table3.cjs") as TableConstructor;
  return new real(options);
}
