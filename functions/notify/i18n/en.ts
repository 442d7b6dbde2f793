import type { Messages } from './messages.ts';

export const en: Messages = {
  subject: {
    org: (asOf) => `Sales scorecard for the organisation, as of ${asOf}`,
    team: (name, asOf) => `Sales scorecard for team ${name}, as of ${asOf}`,
    ae: (name, asOf) => `Sales scorecard for ${name}, as of ${asOf}`,
  },
  greeting: (name) => (name ? `Hello ${name},` : 'Hello,'),
  intro: (asOf) => `The sales scorecard as of ${asOf} is published.`,
  heading: {
    org: 'Organisation',
    team: (name) => `Team ${name}`,
    ae: (name) => name,
  },
  period: (start, end) => `Quarter to date, ${start} to ${end}`,
  changesSince: (previousAsOf) => `Biggest changes since the version of ${previousAsOf}`,
  firstVersion: 'This is the first version: there is nothing to compare with yet.',
  noChanges: 'No change since the previous version.',
  openPage: 'Open the report',
  versionNote: (asOf) => `The link shows the version of ${asOf}; it keeps showing these numbers after later runs.`,
  footer: 'Sent by Scorecard after the nightly run. Reply to your sales-operations team with questions.',
};
