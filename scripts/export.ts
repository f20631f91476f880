// npm run export — see scripts/cli/export.ts.
import { main } from './cli/export';
import { runCli } from './cli/io';

runCli(main);
