// npm run score — see scripts/cli/score.ts.
import { main } from './cli/score';
import { runCli } from './cli/io';

runCli(main);
