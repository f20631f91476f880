import { envDbOptions } from '@/db/client';
import { withDb } from './db';
import { reportFailure, writeLines, type CliIo } from './io';

/** npm run db:migrate — applies db/migrations to the configured database (DATABASE_URL, else PGlite in DATA_DIR). */
export async function main(_argv: string[], io: CliIo): Promise<number> {
  try {
    return await withDb(io, async (handle) => {
      // Opening the database already ran the migrations.
      writeLines(io.stdout, [`数据库已是最新结构（${handle.driver === 'postgres' ? 'PostgreSQL' : `PGlite：${envDbOptions(io.env).dataDir}`}）`]);
      return 0;
    });
  } catch (e) {
    return reportFailure(e, io);
  }
}
