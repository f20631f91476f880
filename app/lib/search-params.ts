import type { ColumnSort, SortingState } from '@tanstack/react-table';
import { createLoader, createParser, parseAsInteger, parseAsString, parseAsStringLiteral } from 'nuqs/server';

/**
 * Every query parameter the pages read, in one schema (nuqs parsers, shared by the server pages and
 * the browser's tables), so a filtered, sorted, paged view can be shared as a link:
 *
 *   /rounds/2021?group=乡镇&sort=total.desc&q=镇&page=2&size=25
 *   /rounds/2021/review?status=returned
 *
 * - `group`: the comparison group (server: which units a page shows).
 * - `publication`: an earlier publication of a published round (server).
 * - `sort`, `q`, `page`, `size`: the page's main table (browser; defaults are left out of the URL).
 * - `status`: the review list's filter by submission status.
 * A malformed value is ignored (the default applies), never an error.
 */

/** `sort=<column>.<asc|desc>`: one column and its direction. */
export const parseAsSort = createParser<SortingState>({
  parse: (v) => {
    const m = /^([\w.-]+)\.(asc|desc)$/.exec(v);
    return m ? [{ id: m[1]!, desc: m[2] === 'desc' }] : null;
  },
  serialize: (s) => (s[0] ? `${s[0].id}.${s[0].desc ? 'desc' : 'asc'}` : ''),
  eq: (a, b) => a.length === b.length && a.every((x, i) => x.id === b[i]?.id && x.desc === b[i]?.desc),
});

export const PAGE_SIZES = [25, 50, 100, 200] as const;

/** The main table's state; `sort` and `size` default per table. */
export function tableParams(defaults: { sort: ColumnSort | null; size: number }) {
  return {
    sort: parseAsSort.withDefault(defaults.sort ? [defaults.sort] : []),
    q: parseAsString.withDefault(''),
    page: parseAsInteger.withDefault(1),
    size: parseAsInteger.withDefault(defaults.size),
  };
}

export const SUBMISSION_FILTERS = ['none', 'submitted', 'returned', 'accepted'] as const;
export type SubmissionFilter = (typeof SUBMISSION_FILTERS)[number];

export const reviewParams = { status: parseAsStringLiteral(SUBMISSION_FILTERS) };

/** What the server pages of a round read. */
export const roundParams = { group: parseAsString, publication: parseAsInteger };
export const loadRoundParams = createLoader(roundParams);
export const loadReviewParams = createLoader(reviewParams);

/** Parameters that follow the viewer from one round to another (the round selector): everything but an earlier publication. */
export const KEPT_ACROSS_ROUNDS = ['group', 'sort', 'q', 'page', 'size', 'status'] as const;
