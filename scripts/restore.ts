// npm run restore — see scripts/cli/restore.ts.
import { main } from './cli/restore';
import { runCli } from './cli/io';

runCli(main);
