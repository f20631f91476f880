import { chromium } from 'playwright-core';
const base = `http://127.0.0.1:${process.argv[2]}`;
(async () => {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
  const ctx = await browser.newContext({ viewport: { width: 390, height: 900 } });
  const p = await ctx.newPage();
  await p.goto(`${base}/login`);
  await p.getByLabel('用户名').fill(process.argv[4]!);
  await p.getByLabel('密码').fill(process.argv[5]!);
  await p.getByTestId('login-form').getByRole('button', { name: '登录' }).click();
  await p.waitForURL((u: URL) => !u.pathname.startsWith('/login'));
  await p.goto(`${base}${process.argv[3]}`, { waitUntil: 'networkidle' });
  await p.waitForTimeout(800);
  const out = await p.evaluate(() => {
    const sw = document.documentElement.scrollWidth;
    const res: string[] = [];
    for (const el of Array.from(document.querySelectorAll('body *'))) {
      const r = el.getBoundingClientRect();
      if (r.right > window.innerWidth + 1) {
        let inScroll = false;
        for (let a = el.parentElement; a; a = a.parentElement) { const o = getComputedStyle(a).overflowX; if (o === 'auto' || o === 'hidden' || o === 'scroll') { inScroll = true; break; } }
        if (!inScroll) res.push(`${el.tagName}.${(el as HTMLElement).className} right=${Math.round(r.right)} ${(el.textContent ?? '').slice(0, 30)}`);
      }
    }
    return [`scrollWidth=${sw}`, ...res.slice(0, 15)];
  });
  console.log(out.join('\n'));
  await browser.close();
})();
