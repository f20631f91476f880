/** npm run db:migrate — applies db/migrations to the configured database (DATABASE_URL, else PGlite in DATA_DIR). */
import { runWithDb } from '@/db/cli';
import { envDbOptions } from '@/db/client';

void runWithDb(async (handle) => {
  const where = envDbOptions();
  // Opening the database already ran the migrations.
  process.stdout.write(`数据库已是最新结构（${handle.driver === 'postgres' ? 'PostgreSQL' : `PGlite：${where.dataDir}`}）\n`);
});
