// npm run import — see scripts/cli/import.ts.
import { main } from './cli/import';
import { runCli } from './cli/io';

runCli(main);
