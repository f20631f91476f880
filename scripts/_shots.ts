import { chromium } from 'playwright-core';
const base = `http://127.0.0.1:${process.argv[2]}`;
const USERS = { admin: ['admin', 'demo-caizheng-2021'], leader: ['leader', 'demo-lingdao-2021'], department: ['xiaolvzhai', 'demo-bumen-2021'] } as const;
const shots: [keyof typeof USERS, string, string, number?, string?][] = JSON.parse(process.argv[3]!);
(async () => {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
  const contexts = new Map<string, any>();
  for (const [who, path, name, width, selector] of shots) {
    const key = `${who}|${width ?? 1400}`;
    let ctx = contexts.get(key);
    if (!ctx) {
      ctx = await browser.newContext({ viewport: { width: width ?? 1400, height: 900 } });
      if (process.env.LOCALE) await ctx.addCookies([{ name: 'locale', value: process.env.LOCALE, url: base }]);
      const p = await ctx.newPage();
      await p.goto(`${base}/login`);
      await p.getByLabel(process.env.LOCALE === 'en' ? 'Username' : '用户名').fill(USERS[who][0]);
      await p.getByLabel(process.env.LOCALE === 'en' ? 'Password' : '密码').fill(USERS[who][1]);
      await p.getByTestId('login-form').getByRole('button', { name: process.env.LOCALE === 'en' ? 'Sign in' : '登录' }).click();
      await p.waitForURL((u: URL) => !u.pathname.startsWith('/login'));
      await p.close();
      contexts.set(key, ctx);
    }
    const page = await ctx.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e: Error) => errors.push(e.message));
    page.on('console', (m: any) => { if (m.type() === 'error') errors.push(m.text()); });
    const res = await page.goto(`${base}${path}`, { waitUntil: 'networkidle' });
    await page.evaluate(() => document.fonts.ready);
    await page.waitForTimeout(500);
    if (selector) await page.locator(selector).first().screenshot({ path: `/tmp/sens-shots/${name}.png` });
    else await page.screenshot({ path: `/tmp/sens-shots/${name}.png`, fullPage: true });
    const sideways = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
    console.log(name, res?.status(), errors.length ? errors.join(' | ') : 'no errors', sideways ? 'SCROLLS SIDEWAYS' : '');
    await page.close();
  }
  await browser.close();
})();
