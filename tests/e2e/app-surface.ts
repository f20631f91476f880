import fs from 'node:fs';
import path from 'node:path';

/**
 * Everything the app answers, found by scanning app/: pages by route pattern, route handler
 * methods as `METHOD pattern`, and server actions as `file#export`. The authorization matrix and
 * the fuzz test both start from these lists, so a new page, route or action is covered by both
 * the day it is added.
 */
const root = path.resolve(__dirname, '../..');
function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}
const appFiles = walk(path.join(root, 'app')).map((f) => path.relative(root, f).split(path.sep).join('/'));
const routeOf = (file: string) => `/${file.replace(/^app\/?/, '').replace(/\/?(page\.tsx|route\.ts)$/, '')}`.replace(/\/$/, '') || '/';

export const pagesInApp = appFiles.filter((f) => f.endsWith('/page.tsx')).map(routeOf).sort();
export const routesInApp = appFiles
  .filter((f) => f.endsWith('/route.ts'))
  .flatMap((f) => {
    const src = fs.readFileSync(path.join(root, f), 'utf8');
    const methods = [...src.matchAll(/export\s+(?:async\s+function|const)\s+(GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS)\b/g)].map((m) => m[1]!);
    return methods.map((m) => `${m} ${routeOf(f)}`);
  })
  .sort();
export const actionsInApp = appFiles
  .filter((f) => /\.(ts|tsx)$/.test(f) && /^\s*['"]use server['"]/.test(fs.readFileSync(path.join(root, f), 'utf8')))
  .flatMap((f) => [...fs.readFileSync(path.join(root, f), 'utf8').matchAll(/export\s+(?:async\s+function|const)\s+(\w+)/g)].map((m) => `${f}#${m[1]}`))
  .sort();
