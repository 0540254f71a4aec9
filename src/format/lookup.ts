// Table lookups keyed by codes from other systems: a code such as
// "constructor" or "toString" must not find an inherited property.

/** The table's own entry for the key, else undefined. */
export function lookup<T>(table: Readonly<Record<string, T>>, key: string | undefined): T | undefined {
  return key !== undefined && Object.hasOwn(table, key) ? table[key] : undefined;
}
