import type { Problem } from '@/lib/scoring';

/** What the upload route answers, and the upload form reads. */
export type UploadResponse =
  | { ok: true; departments: number; newDepartments: number; warnings?: string[] }
  | { ok: false; problems: Problem[] };
