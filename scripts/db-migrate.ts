// npm run db:migrate — see scripts/cli/migrate.ts.
import { runCli } from './cli/io';
import { main } from './cli/migrate';

runCli(main);
