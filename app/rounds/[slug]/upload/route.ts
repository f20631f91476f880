import { NextResponse } from 'next/server';
import { importFile } from '@/db/import-file';
import { getRound } from '@/db/queries';
import type { UploadResponse } from '@/app/lib/upload-response';
import { can } from '@/lib/auth/roles';
import { guardRoute } from '@/app/lib/auth/guard';

export const dynamic = 'force-dynamic';

const reply = (body: UploadResponse, status = 200) => NextResponse.json(body, { status });

/**
 * The web import of a submission file into an existing round: the same validation and the same
 * all-or-nothing import as `npm run import`, answering with its problem list.
 */
export const POST = guardRoute<{ slug: string }>(
  (viewer) => can(viewer, 'round:import'),
  async (req, { viewer, params: { slug }, address }) => {
    // The web imports into rounds that exist; creating a round (and choosing its system) is the CLI's job.
    if (!(await getRound(slug))) return reply({ ok: false, problems: [{ message: `没有评价轮次 ${slug}` }] }, 404);
    let file: FormDataEntryValue | null;
    try {
      file = (await req.formData()).get('file');
    } catch {
      return reply({ ok: false, problems: [{ message: '请求不是文件上传（multipart/form-data）' }] }, 400);
    }
    if (!file || typeof file === 'string') return reply({ ok: false, problems: [{ message: '没有收到文件（表单字段 file）' }] }, 400);
    const result = await importFile({ roundSlug: slug, actor: viewer.username, actorId: viewer.id, address, fileName: file.name, buffer: Buffer.from(await file.arrayBuffer()) });
    if (!result.ok) return reply({ ok: false, problems: result.problems }, 422);
    return reply({ ok: true, departments: result.departments, newDepartments: result.newDepartments, ...(result.warnings?.length ? { warnings: result.warnings } : {}) });
  },
);
