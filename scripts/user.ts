// npm run user — see scripts/cli/user.ts.
import { runCli } from './cli/io';
import { main } from './cli/user';

runCli(main);
