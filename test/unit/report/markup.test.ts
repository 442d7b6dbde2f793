import { describe, expect, it } from 'vitest';
import { escapeHtml } from '../../../functions/html.ts';
import { changeHtml, numberHtml, sparklineHtml } from '../../../functions/report/markup.ts';
import { SiteView } from '../../../functions/report/view.ts';
import { smallSiteData } from '../../fixtures/site/site-data.ts';

const view = new SiteView(smallSiteData({ values: {} }));
const HOSTILE = '"><img src=x onerror=alert(1)><script>alert(1)</script>\'';

/** The tags and attribute names of markup, read as a browser would: an attribute value ends at its closing quote. */
function parse(html: string): { tags: string[]; attributes: string[] } {
  const tags: string[] = [];
  const attributes: string[] = [];
  for (const [, tag = '', rest = ''] of html.matchAll(/<([a-z]+)((?:\s+[a-zA-Z-]+(?:="[^"]*")?)*)\s*\/?>/g)) {
    tags.push(tag);
    for (const [, name = ''] of rest.matchAll(/\s([a-zA-Z-]+)(?:="[^"]*")?/g)) attributes.push(name);
  }
  return { tags, attributes };
}

describe('markup', () => {
  it('escapes every character that could end a text or an attribute', () => {
    expect(escapeHtml(`a&b<c>d"e'f`)).toBe('a&amp;b&lt;c&gt;d&quot;e&#39;f');
  });

  it('writes a number as a link to its definition with its raw value, and hostile ids and notes as text', () => {
    // Act
    const html = numberHtml(view, { kpi: 'bookings', value: 2500.5, text: '$2,501', entity: `ae:${HOSTILE}`, period: 'quarter:2026-10-01', note: HOSTILE }, 'big');

    // Assess
    expect(html.startsWith('<a class="num big" href="/v/2026-11-26/kpis/#kpi-bookings" data-kpi="bookings" data-entity="ae:&quot;&gt;')).toBe(true);
    expect(html).toContain('data-period="quarter:2026-10-01" data-value="2500.5">$2,501</a><span class="note"> &quot;&gt;&lt;img');
    expect(parse(html).tags).toEqual(['a', 'span']);
    expect(parse(html).attributes).toEqual(['class', 'href', 'data-kpi', 'data-entity', 'data-period', 'data-value', 'class']);
  });

  it('says "not available" to screen readers for a missing value', () => {
    const html = numberHtml(view, { kpi: 'win_rate_pct', value: null, text: '–' });
    expect(html).toBe(
      '<a class="num" href="/v/2026-11-26/kpis/#kpi-win_rate_pct" data-kpi="win_rate_pct" data-value=""><span aria-hidden="true">–</span><span class="sr">not available</span></a>',
    );
  });

  it('gives a change its arrow and its direction in words, never colour alone', () => {
    expect(changeHtml(view, { kpi: 'bookings', delta: -3, text: '−$3', tone: 'bad' })).toBe(
      '<span class="change bad"><span aria-hidden="true">▼ </span><span class="sr">down </span>−$3</span>',
    );
    expect(changeHtml(view, { kpi: 'bookings', delta: 0, text: '$0', tone: 'neutral' })).toBe('<span class="change neutral"><span aria-hidden="true"></span>$0</span>');
  });

  it('draws a sparkline with a gap for a missing month and a dot on the latest value', () => {
    // Prepare: three months
    const months = [{ start: '2026-09-01', end: '2026-09-30', running: false }, ...view.data.months];
    const threeMonths = new SiteView(smallSiteData({ values: {}, months }));

    // Act: 3 points over the 96 × 24 box, values 0..10 (the scale always includes 0)
    const html = sparklineHtml(threeMonths, [0, null, 10], `Bookings ${HOSTILE}`, 'count');

    // Assess: x = 2, 48, 94; y = 22 (0) and 2 (10); the null month lifts the pen
    expect(html).toContain('<path d="M2.0,22.0M94.0,2.0"');
    expect(html).toContain('<circle cx="94.0" cy="2.0" r="2"');
    expect(html).toMatch(/aria-label="Bookings &quot;&gt;&lt;img[^"]* from Sep 2026 0 to Nov 2026 10"/);
    expect(parse(html).tags).toEqual(['svg', 'path', 'circle']);
  });
});
