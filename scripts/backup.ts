// npm run backup — see scripts/cli/backup.ts.
import { main } from './cli/backup';
import { runCli } from './cli/io';

runCli(main);
