// Stands in for cli-table3 in the CommonJS bundle: loads the real one from dist/vendor the first time a table is drawn.

type TableConstructor = new (options?: Record<string, unknown>) => { push(row: unknown): void; toString(): string };
let real: TableConstructor | undefined;

/** Creates a cli-table3 table; called with `new`, it returns the real table object. */
export default function Table(options?: Record<string, unknown>): InstanceType<TableConstructor> {
  real ??= require("glossary-vendor:cli-table3") as TableConstructor;
  return new real(options);
}
