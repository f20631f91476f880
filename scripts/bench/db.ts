import { benchImports } from './imports';
import { benchSection, report } from './report';

export async function run() {
  benchSection('Import into a fresh on-disk PGlite (read, validate, write, rescore, snapshot), best of 3');
  for (const b of await benchImports(1000, 3)) report(b.label, b, b.departments, b.targetMs);
}
