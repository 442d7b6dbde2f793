import { describe, expect, it } from 'vitest';
import { latestPagePath, navPath, pageInVersion, sitePrefix, teamPath } from '../../../functions/report/routes.ts';

describe('routes', () => {
  it('finds a page inside its version, the same in every version', () => {
    expect(pageInVersion('2026-11-26', teamPath('2026-11-26', 'x'))).toBe('team/x/');
    expect(pageInVersion('2026-11-26', 'v/2026-11-26/')).toBe('');
    expect(() => pageInVersion('2026-11-26', 'v/2026-11-25/')).toThrow(/not a page/);
  });

  it('puts version links and latest/ outside v/, so older versions never change', () => {
    expect(navPath('2026-11-26', 'next', 'team/x/')).toBe('nav/2026-11-26/next/team/x/');
    expect(latestPagePath('ae/y/')).toBe('latest/ae/y/');
  });

  it.each([
    ['http://localhost:4321', '/'],
    ['https://reports.example.com/sales', '/sales/'],
    ['https://reports.example.com/sales/', '/sales/'],
  ])('serves %s under %s', (base, prefix) => {
    expect(sitePrefix(base)).toBe(prefix);
  });
});
