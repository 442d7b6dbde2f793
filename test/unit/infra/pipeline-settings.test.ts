import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../../functions/config.ts';
import { siteBuildSpec } from '../../../infra/constructs/site-build.ts';
import { checkSchedule, senderAddress } from '../../../infra/stacks/pipeline.ts';

describe('pipeline settings', () => {
  it.each([
    ['Scorecard <scorecard@reports.example.com>', 'scorecard@reports.example.com'],
    ['scorecard@example.com', 'scorecard@example.com'],
  ])('sends %j from %s', (from, address) => {
    expect(senderAddress(from)).toBe(address);
  });

  it.each([
    [{ cron: '0 2 * * ? *', timeZone: 'Asia/Bangkok' }, undefined],
    [{ cron: '0 2 * * ? *', timeZone: 'UTC' }, undefined],
    [{ cron: '0 2 * * *', timeZone: 'UTC' }, /6 fields/],
    [{ cron: '0 2 * * ? *', timeZone: 'Bangkok' }, /IANA time zone/],
  ])('checks schedule %j', (schedule, error) => {
    const run = () => checkSchedule(resolveConfig({ schedule }));
    if (error) expect(run).toThrow(error);
    else expect(run).not.toThrow();
  });

  it('refuses a malformed date before building anything', () => {
    const commands = (siteBuildSpec() as { phases: { build: { commands: string[] } } }).phases.build.commands;
    expect(commands[0]).toMatch(/^\[\[ "\$AS_OF" =~/);
  });
});
