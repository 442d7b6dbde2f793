import { chromium } from 'playwright-core';
import { serveStatic } from './functions/publish/static-server.ts';
const { url, close } = await serveStatic('/tmp/ws1/site');
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage({ viewport: { width: 390, height: 900 } });
await page.goto(url + '/v/2026-11-26/team/005Hs0000000002AAA/');
console.log(await page.evaluate(`(() => {
  const out = [];
  function clipped(el) { for (let e = el; e; e = e.parentElement) { const o = getComputedStyle(e).overflowX; if (o === 'auto' || o === 'hidden' || o === 'scroll') return true; } return false; }
  for (const el of document.querySelectorAll('body *')) {
    const r = el.getBoundingClientRect();
    if (r.right > 395 && !clipped(el.parentElement)) out.push(el.tagName + '.' + el.className + ' ' + getComputedStyle(el).position + ' ' + Math.round(r.left) + '-' + Math.round(r.right));
  }
  return document.documentElement.scrollWidth + '\\n' + out.slice(0, 15).join('\\n');
})()`));
await browser.close(); await close();
