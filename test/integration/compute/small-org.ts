import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/**
 * A small organisation whose KPIs are worked out by hand in
 * edge-cases.test.ts. As of 2024-02-29 (a leap day):
 *
 * - V (VP) manages M, who manages A1 and A2 (team M) and S, an SDR who owns
 *   only a lead (not an AE). A3 has no manager (org only) and is inactive.
 *   A2 owns no opportunity, only quota rows, and has no activity at all.
 * - Accounts: ACC1 (A1, Thailand, no state), ACC2 (A1, no country),
 *   ACC3 (A2, Germany / Berlin), ACC4 (A3, Thailand / Bangkok).
 * - Opportunities on ACC1: O0 won 2023-12-15 (Core, new business); O1 won
 *   on the leap day (Core: upsell); O2 lost, no amount, no line item
 *   (upsell); O3 open (Analytics: cross-sell) with two history rows at the
 *   same instant; O4 won but deleted; O6 won 2024-02-20 (Analytics and a
 *   product without family: cross-sell, the pair's first win). O7 won on
 *   ACC2 in January. O5 (A3) closed five days before it was created.
 * - Contracts: ACC1 has one ending by term on 2024-02-29 and one starting
 *   2024-02-20 (and a draft that never counts); ACC2's expired one ends
 *   2024-01-30; ACC3's is open-ended without ARR.
 */
export const SMALL_ORG: Record<string, string> = {
  'crm/User.csv': `Id,Name,Email,IsActive,ManagerId
005V,Vee,v@x.example,true,
005M,Em,m@x.example,true,005V
005A1,Ann,A1@X.example,true,005M
005A2,Bea,a2@x.example,true,005M
005A3,Cy,a3@x.example,false,
005S,Sid,s@x.example,true,005M
`,
  'crm/Account.csv': `Id,Name,OwnerId,BillingCountry,BillingState
001A,Acme,005A1,Thailand,
001B,Bolt,005A1,,
001C,Cato,005A2,Germany,Berlin
001D,Dune,005A3,Thailand,Bangkok
`,
  'crm/Product2.csv': `Id,Name,Family
01tCore,Core Platform,Core
01tAna,Analytics Add-on,Analytics
01tMisc,Misc,
`,
  'crm/Opportunity.csv': `Id,AccountId,OwnerId,Amount,StageName,IsClosed,IsWon,CloseDate,CreatedDate,IsDeleted
006O0,001A,005A1,2000,Closed Won,true,true,2023-12-15,2023-11-01T09:00:00Z,false
006O1,001A,005A1,1000,Closed Won,true,true,2024-02-29,2024-01-30T23:30:00Z,false
006O2,001A,005A1,,Closed Lost,true,false,2024-02-10,2024-02-01T08:00:00Z,false
006O3,001A,005A1,500,Prospecting,false,false,2024-03-15,2024-02-15T10:00:00Z,false
006O4,001A,005A1,99999,Closed Won,true,true,2024-02-05,2024-01-10T00:00:00Z,true
006O5,001D,005A3,300,Closed Won,true,true,2024-02-20,2024-02-25T12:00:00Z,false
006O6,001A,005A1,700,Closed Won,true,true,2024-02-20,2024-02-10T12:00:00Z,false
006O7,001B,005A1,400,Closed Won,true,true,2024-01-15,2024-01-02T12:00:00Z,false
`,
  'crm/OpportunityLineItem.csv': `Id,OpportunityId,Product2Id
00kL0,006O0,01tCore
00kL1,006O1,01tCore
00kL3,006O3,01tAna
00kL4,006O4,01tAna
00kL6,006O6,01tAna
00kL7,006O6,01tMisc
`,
  'crm/OpportunityHistory.csv': `Id,OpportunityId,CreatedDate,StageName,Amount,CloseDate,Probability
008H01,006O0,2023-11-01T09:00:00Z,Prospecting,2000,2023-12-20,50
008H02,006O0,2023-12-15T09:00:00Z,Closed Won,2000,2023-12-15,100
008H03,006O1,2024-01-30T23:30:00Z,Prospecting,1000,2024-02-20,10
008H04,006O1,2024-02-29T12:00:00Z,Closed Won,1000,2024-02-29,100
008H05,006O3,2024-02-15T10:00:00Z,Prospecting,500,2024-03-15,10
008H06,006O3,2024-02-15T10:00:00Z,Qualification,600,2024-03-20,20
008H07,006O4,2024-01-10T00:00:00Z,Prospecting,99999,2024-02-05,90
008H08,006O7,2024-01-02T12:00:00Z,Prospecting,400,2024-01-31,40
008H09,006O7,2024-01-15T12:00:00Z,Closed Won,400,2024-01-15,100
`,
  'crm/ForecastingQuota.csv': `Id,QuotaOwnerId,StartDate,QuotaAmount
0J9Q1,005A2,2024-02-01,5000
0J9Q2,005A2,2024-03-01,5000
`,
  'crm/Lead.csv': `Id,OwnerId,Status,CreatedDate,IsConverted,ConvertedDate,ConvertedOpportunityId
00QL1,005S,Closed - Converted,2024-01-20T10:00:00Z,true,2024-01-29,006O1
00QL2,005A1,Closed - Converted,2024-02-02T01:00:00Z,true,2024-02-05,006O2
00QL3,005A1,Qualified,2024-02-29T23:59:59Z,false,,
00QL4,005A1,Working,2024-02-10T08:00:00Z,true,2024-02-12,
00QL5,005A1,Open,2024-01-05T08:00:00Z,false,,
`,
  'crm/Task.csv': `Id,OwnerId,ActivityDate,AccountId
00TT1,005A1,2024-02-29,001A
00TT2,005A1,2024-02-10,
`,
  'crm/Event.csv': `Id,OwnerId,ActivityDate,AccountId,Type
00UE1,005A1,2024-02-15,001B,Visit
00UE2,005A1,2024-02-16,001C,Call
00UE3,005A1,2024-01-05,001A,Meeting
`,
  'crm/Case.csv': `Id,AccountId,CreatedDate,IsClosed,ClosedDate
500K1,001A,2024-02-01T10:00:00Z,true,2024-02-03T09:00:00Z
500K2,001A,2024-01-25T10:00:00Z,true,2024-02-02T10:00:00Z
500K3,001B,2024-02-10T10:00:00Z,false,
500K4,001A,2024-02-11T10:00:00Z,true,
`,
  'crm/Contract.csv': `Id,AccountId,StartDate,EndDate,Status,ContractTerm,ARR__c
800C1,001A,2023-03-01,,Activated,12,1200
800C2,001A,2024-02-20,2025-02-19,Activated,12,600
800C3,001A,2023-01-01,2025-01-01,Draft,,5000
800C4,001B,2023-01-01,2024-01-30,Expired,,1000
800C5,001C,2020-01-01,,Activated,,
`,
  'surveys/csat.csv': `ResponseId,SubmittedAt,AccountId,Score
R1,2024-02-29T23:00:00Z,001A,4
R2,2024-02-01T00:00:00Z,001A,2
R3,2024-02-05T12:00:00Z,001C,5
R4,2024-03-01T00:30:00Z,001A,1
`,
  'coaching/feedback.csv': `FeedbackId,GivenAt,GiverId,ReceiverId,Rating
FB1,2024-02-29T10:00:00Z,005M,005A1,5
FB2,2024-02-03T10:00:00Z,005M,005A1,3
FB3,2024-02-04T10:00:00Z,005V,005M,4
`,
  'lms/statements.jsonl': [
    statement('st-1', '2024-01-05T09:00:00Z', 'registered', 'course/C-1', { due: '2024-02-10' }),
    statement('st-2', '2024-02-01T09:00:00Z', 'registered', 'course/C-1', { due: '2024-02-29' }),
    statement('st-3', '2024-02-20T09:00:00Z', 'completed', 'course/C-1'),
    statement('st-4', '2024-02-25T09:00:00Z', 'completed', 'course/C-1'),
    statement('st-5', '2024-01-10T09:00:00Z', 'registered', 'course/C-2', { due: '2024-02-15' }),
    statement('st-6', '2024-02-01T09:00:00Z', 'completed', 'course/C-3'),
    statement('stmt-s1', '2024-01-10T09:00:00Z', 'passed', 'assess/neg', { skill: 'negotiation', score: { scaled: 0.8 } }),
    statement('stmt-s2', '2024-02-20T10:00:00Z', 'scored', 'assess/neg', { skill: 'negotiation', score: { raw: 3, max: 4 } }),
    statement('stmt-s3', '2024-02-20T10:00:00Z', 'failed', 'assess/neg', { skill: 'negotiation', score: { scaled: 0.5 } }),
    statement('stmt-s4', '2024-02-01T09:00:00Z', 'scored', 'assess/disc', {
      skill: 'discovery',
      score: { raw: 30, min: 10, max: 50 },
    }),
  ].join('\n'),
};

/** One xAPI statement of A1's, as an LRS exports it. */
function statement(
  id: string,
  timestamp: string,
  verb: string,
  object: string,
  extra: { due?: string; skill?: string; score?: Record<string, number> } = {},
): string {
  return JSON.stringify({
    id,
    timestamp,
    actor: { objectType: 'Agent', mbox: 'mailto:a1@x.example' },
    verb: { id: `http://adlnet.gov/expapi/verbs/${verb}` },
    object: {
      id: `https://lms.x.example/${object}`,
      definition: extra.skill ? { extensions: { 'https://scorecard.dev/xapi/skill': extra.skill } } : {},
    },
    ...(extra.due ? { context: { extensions: { 'https://scorecard.dev/xapi/due-date': extra.due } } } : {}),
    ...(extra.score ? { result: { score: extra.score } } : {}),
  });
}

/** Writes the files of a drop under `dir`. */
export async function writeDrop(dir: string, files: Record<string, string>): Promise<void> {
  for (const [name, text] of Object.entries(files)) {
    await mkdir(dirname(join(dir, name)), { recursive: true });
    await writeFile(join(dir, name), text);
  }
}
