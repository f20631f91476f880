// npm run template — see scripts/cli/template.ts.
import { main } from './cli/template';
import { runCli } from './cli/io';

runCli(main);
