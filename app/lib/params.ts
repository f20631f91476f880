export type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** The first value of a query parameter; repeated parameters do not change the view. */
export function one(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}
