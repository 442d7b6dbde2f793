/**
 * A small organisation for the account book, worked out by hand in
 * account-book.test.ts. As of 2024-05-15: Q = Q2 2024 (qs 2024-04-01, the
 * day before 2024-03-31), PQ = Q1 (pqs 2024-01-01), the last 4 quarters =
 * 2024-04-01 − 9 months = 2023-07-01 … 2024-05-15, D − 89 = 2024-02-16.
 *
 * - M manages A1 and A2 (team M); M also owns an open opportunity (not an AE).
 * - 001A (A1): C1 from 2023-06-15 with no EndDate and a 12-month term (ends
 *   2024-06-14), ARR 1000; C2 from 2024-04-10 to 2025-04-09, ARR 500: ARR
 *   1000 at qs, 1500 at D; renewal 2024-06-14 (from the term).
 * - 001B (A1): one contract ending 2024-04-30: a customer at qs, not at D
 *   (churned this quarter, ARR lost 2000).
 * - 001C (A2): one contract ending 2024-02-15: a customer at pqs, not at
 *   2024-03-31 (churned last quarter, ARR lost 300).
 * - 001D (A2): a draft contract (never counts) and an open-ended one from
 *   2024-05-01 without ARR: a customer at D with ARR 0 and no renewal date.
 * - Wins: O1 on 001A in 2023-03 (Legacy: sold only before the last 4
 *   quarters), O2 on 001C in 2023-09 (Core), O4 on 001D in 2024-04 (Core,
 *   Analytics), O3 on 001A after D (Analytics: neither owned nor sold yet).
 *   Families sold in the last 4 quarters: Analytics, Core.
 * - Open at D: O5 (A1, 001A, 800) and O6 (M, 001B, 200, any owner counts).
 */
export const ACCOUNT_ORG: Record<string, string> = {
  'crm/User.csv': `Id,Name,Email,IsActive,ManagerId
005M,Em,m@x.example,true,
005A1,Ann,a1@x.example,true,005M
005A2,Bea,a2@x.example,true,005M
`,
  'crm/Account.csv': `Id,Name,OwnerId,BillingCountry,BillingState,Industry
001A,Acme,005A1,Thailand,,Retail
001B,Bolt,005A1,,,
001C,Cato,005A2,Germany,Berlin,Technology
001D,Dune,005A2,Thailand,Bangkok,
001E,Eon,005M,Thailand,,
`,
  'crm/Product2.csv': `Id,Name,Family
01tCore,Core Platform,Core
01tAna,Analytics Add-on,Analytics
01tOld,Legacy Suite,Legacy
01tMisc,Misc,
`,
  'crm/Opportunity.csv': `Id,AccountId,OwnerId,Amount,StageName,IsClosed,IsWon,CloseDate,CreatedDate
006O1,001A,005A1,900,Closed Won,true,true,2023-03-10,2023-02-01T09:00:00Z
006O2,001C,005A2,300,Closed Won,true,true,2023-09-01,2023-08-01T09:00:00Z
006O3,001A,005A1,100,Closed Won,true,true,2024-05-20,2024-05-01T09:00:00Z
006O4,001D,005A2,700,Closed Won,true,true,2024-04-02,2024-03-01T09:00:00Z
006O5,001A,005A1,800,Prospecting,false,false,2024-06-30,2024-04-01T09:00:00Z
006O6,001B,005M,200,Qualification,false,false,2024-06-30,2024-05-01T09:00:00Z
`,
  'crm/OpportunityLineItem.csv': `Id,OpportunityId,Product2Id
00kL1,006O1,01tOld
00kL2,006O2,01tCore
00kL3,006O3,01tAna
00kL4,006O4,01tCore
00kL5,006O4,01tAna
00kL6,006O4,01tMisc
`,
  'crm/OpportunityHistory.csv': `Id,OpportunityId,CreatedDate,StageName,Amount,CloseDate,Probability
008H1,006O5,2024-04-01T09:00:00Z,Prospecting,800,2024-06-30,10
008H2,006O6,2024-05-01T09:00:00Z,Qualification,200,2024-06-30,20
008H3,006O3,2024-05-01T09:00:00Z,Prospecting,100,2024-05-20,10
`,
  'crm/Task.csv': `Id,OwnerId,ActivityDate,AccountId
00TT1,005A1,2024-05-01,001A
00TT2,005A2,2024-05-10,001A
00TT3,005A2,2024-03-01,001C
`,
  'crm/Event.csv': `Id,OwnerId,ActivityDate,AccountId,Type
00UE1,005A1,2024-05-16,001A,Visit
00UE2,005A2,2024-04-20,001C,Call
`,
  'crm/Case.csv': `Id,AccountId,CreatedDate,IsClosed,ClosedDate
500K1,001A,2024-05-01T10:00:00Z,false,
500K2,001A,2024-04-01T10:00:00Z,true,2024-05-10T09:00:00Z
500K3,001A,2024-05-10T10:00:00Z,true,2024-05-20T09:00:00Z
500K4,001A,2024-05-16T10:00:00Z,false,
500K5,001C,2024-01-10T10:00:00Z,true,
`,
  'crm/Contract.csv': `Id,AccountId,StartDate,EndDate,Status,ContractTerm,ARR__c
800C1,001A,2023-06-15,,Activated,12,1000
800C2,001A,2024-04-10,2025-04-09,Activated,12,500
800C3,001B,2023-01-01,2024-04-30,Expired,,2000
800C4,001C,2023-01-01,2024-02-15,Expired,,300
800C5,001D,2024-01-01,2025-01-01,Draft,,5000
800C6,001D,2024-05-01,,Activated,,
`,
  'surveys/csat.csv': `ResponseId,SubmittedAt,AccountId,Score
R1,2024-02-16T00:10:00Z,001A,2
R2,2024-02-15T23:50:00Z,001A,5
R3,2024-05-15T23:00:00Z,001A,4
R4,2024-05-16T00:30:00Z,001A,1
`,
};
