import type { Problem } from '@/lib/scoring';

/** What the upload route answers, and the upload form reads. */
export type UploadResponse =
  | { ok: true; departments: number; newDepartments: number; warnings?: string[] }
  /** `more`: problems found beyond the listed ones (lib/interchange/limits MAX_PROBLEMS). */
  | { ok: false; problems: Problem[]; more?: number };
