import { SMALL_ORG } from './small-org.ts';

/**
 * A small deal book whose insight rows are worked out by hand in
 * insight-cases.test.ts, as of 2026-11-26 (Q = 2026-10-01 … 12-31;
 * the quarter window starts at the end of 2026-09-30, the week window at the
 * end of 2026-11-19). The people and accounts of small-org.ts: A1 and A2
 * in team M; A1 on account 001A, A2 on 001C.
 *
 * A1's deals: D1 pushed, pulled, pushed (2 pushes) and back in Prospecting
 * after Qualification; D2 created in Q, `Forecast` on the Opportunity;
 * D4 won and D5 lost in Q; D6 pushed to next quarter; D7 raised, D8 cut;
 * D9 out of Q and back in; D10 reopened; D11 deleted; D12 open in the
 * history but marked won on the Opportunity. A2's: D3 an old deal pulled
 * into Q and shrinking; D13 and D14 in Discovery, whose six completed visits
 * (2, 4, 6, 8, 10, 12 days; a 100-day visit ended before the last 4
 * quarters) have the median 7; V0 … V6 are those visits.
 */
const opportunities = `Id,AccountId,OwnerId,Amount,StageName,IsClosed,IsWon,CloseDate,CreatedDate,IsDeleted,Name,ForecastCategoryName
006D1,001A,005A1,1000,Prospecting,false,false,2026-12-15,2026-08-01T09:00:00Z,false,D1,Pipeline
006D2,001A,005A1,2000,Negotiation,false,false,2026-12-01,2026-10-10T09:00:00Z,false,D2,Forecast
006D3,001C,005A2,2300,Prospecting,false,false,2026-12-20,2026-06-01T09:00:00Z,false,D3,
006D4,001A,005A1,4000,Closed Won,true,true,2026-10-20,2026-09-01T09:00:00Z,false,D4,Closed
006D5,001A,005A1,1500,Closed Lost,true,false,2026-11-22,2026-09-05T09:00:00Z,false,D5,Omitted
006D6,001A,005A1,5000,Proposal,false,false,2027-01-15,2026-09-15T09:00:00Z,false,D6,
006D7,001A,005A1,1800,Qualification,false,false,2026-12-05,2026-09-20T09:00:00Z,false,D7,
006D8,001A,005A1,1000,Qualification,false,false,2026-12-05,2026-09-20T09:00:00Z,false,D8,
006D9,001A,005A1,700,Proposal,false,false,2026-12-20,2026-09-10T09:00:00Z,false,D9,
006DA,001A,005A1,900,Negotiation,false,false,2026-12-28,2026-08-01T09:00:00Z,false,D10,
006DB,001A,005A1,8000,Prospecting,false,false,2026-12-01,2026-10-05T09:00:00Z,true,D11,
006DC,001A,005A1,600,Closed Won,true,true,2026-11-15,2026-10-02T09:00:00Z,false,D12,Closed
006DD,001C,005A2,100,Discovery,false,false,2026-12-30,2026-11-15T09:00:00Z,false,D13,
006DE,001C,005A2,200,Discovery,false,false,2026-12-30,2026-11-16T09:00:00Z,false,D14,
006V0,001C,005A2,10,Closed Lost,true,false,2025-12-20,2025-09-11T09:00:00Z,false,V0,
006V1,001C,005A2,10,Closed Lost,true,false,2026-02-03,2026-02-01T09:00:00Z,false,V1,
006V2,001C,005A2,10,Closed Lost,true,false,2026-02-05,2026-02-01T09:00:00Z,false,V2,
006V3,001C,005A2,10,Closed Lost,true,false,2026-02-07,2026-02-01T09:00:00Z,false,V3,
006V4,001C,005A2,10,Closed Lost,true,false,2026-02-09,2026-02-01T09:00:00Z,false,V4,
006V5,001C,005A2,10,Closed Lost,true,false,2026-02-11,2026-02-01T09:00:00Z,false,V5,
006V6,001C,005A2,10,Closed Lost,true,false,2026-02-13,2026-02-01T09:00:00Z,false,V6,
`;

const history = `Id,OpportunityId,CreatedDate,StageName,Amount,CloseDate,Probability,ForecastCategory
008H101,006D1,2026-08-01T09:00:00Z,Prospecting,1000,2026-11-30,10,
008H102,006D1,2026-08-20T09:00:00Z,Qualification,1000,2026-12-10,20,
008H103,006D1,2026-09-10T09:00:00Z,Prospecting,1000,2026-11-20,10,
008H104,006D1,2026-10-05T09:00:00Z,Prospecting,1000,2026-12-15,10,Best Case
008H201,006D2,2026-10-10T09:00:00Z,Negotiation,2000,2026-12-01,60,
008H301,006D3,2026-06-01T09:00:00Z,Prospecting,3000,2027-02-15,10,
008H302,006D3,2026-11-22T09:00:00Z,Prospecting,2300,2026-12-20,10,
008H401,006D4,2026-09-01T09:00:00Z,Negotiation,4000,2026-10-20,60,
008H402,006D4,2026-10-20T09:00:00Z,Closed Won,4000,2026-10-20,100,
008H501,006D5,2026-09-05T09:00:00Z,Proposal,1500,2026-11-10,40,
008H502,006D5,2026-11-22T09:00:00Z,Closed Lost,1500,2026-11-22,0,
008H601,006D6,2026-09-15T09:00:00Z,Proposal,5000,2026-12-01,40,
008H602,006D6,2026-11-25T09:00:00Z,Proposal,5000,2027-01-15,40,Commit
008H701,006D7,2026-09-20T09:00:00Z,Qualification,1000,2026-12-05,20,
008H702,006D7,2026-11-01T09:00:00Z,Qualification,1800,2026-12-05,20,
008H801,006D8,2026-09-20T09:00:00Z,Qualification,2000,2026-12-05,20,
008H802,006D8,2026-11-24T09:00:00Z,Qualification,1000,2026-12-05,20,
008H901,006D9,2026-09-10T09:00:00Z,Proposal,700,2026-11-30,40,
008H902,006D9,2026-10-15T09:00:00Z,Proposal,700,2027-01-10,40,
008H903,006D9,2026-11-10T09:00:00Z,Proposal,700,2026-12-20,40,
008HA01,006DA,2026-08-01T09:00:00Z,Negotiation,900,2026-09-15,60,
008HA02,006DA,2026-09-15T09:00:00Z,Closed Lost,900,2026-09-15,0,
008HA03,006DA,2026-11-05T09:00:00Z,Negotiation,900,2026-12-28,60,
008HB01,006DB,2026-10-05T09:00:00Z,Prospecting,8000,2026-12-01,10,
008HC01,006DC,2026-10-02T09:00:00Z,Negotiation,600,2026-11-15,70,
008HD01,006DD,2026-11-15T09:00:00Z,Discovery,100,2026-12-30,10,Omitted
008HE01,006DE,2026-11-16T09:00:00Z,Discovery,200,2026-12-30,10,best case
008HV01,006V0,2025-09-11T09:00:00Z,Discovery,10,2025-12-20,10,
008HV02,006V0,2025-12-20T09:00:00Z,Closed Lost,10,2025-12-20,0,
${[1, 2, 3, 4, 5, 6]
  .map((n) => `008HV${n}1,006V${n},2026-02-01T09:00:00Z,Discovery,10,2026-02-20,10,\n008HV${n}2,006V${n},2026-02-${String(1 + 2 * n).padStart(2, '0')}T09:00:00Z,Closed Lost,10,2026-02-${String(1 + 2 * n).padStart(2, '0')},0,`)
  .join('\n')}
`;

export const DEAL_ORG: Record<string, string> = {
  ...SMALL_ORG,
  'crm/Opportunity.csv': opportunities,
  'crm/OpportunityHistory.csv': history,
  'crm/OpportunityLineItem.csv': 'Id,OpportunityId,Product2Id\n',
  'crm/ForecastingQuota.csv': 'Id,QuotaOwnerId,StartDate,QuotaAmount\n0J9Q1,005A1,2026-10-01,10000\n',
  // on 001A by A1 (counts for A1's deals there); on D2 by A2 (counts: any owner); on 001A by A2 (does not);
  // on D1 after D (ignored)
  'crm/Task.csv': 'Id,OwnerId,ActivityDate,AccountId,WhatId\n00TT1,005A1,2026-11-20,001A,\n00TT2,005A2,2026-11-25,,006D2\n',
  'crm/Event.csv': 'Id,OwnerId,ActivityDate,AccountId,WhatId,Type\n00UE1,005A2,2026-11-24,001A,,Call\n00UE2,005A1,2026-11-30,001A,006D1,Call\n',
};
