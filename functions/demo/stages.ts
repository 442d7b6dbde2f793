/** The opportunity stages, with Salesforce's default probability and forecast category of each. */
export interface Stage {
  name: string;
  probability: number;
  forecastCategory: string;
  closed: boolean;
  won: boolean;
}

const open = (name: string, probability: number, forecastCategory: string): Stage => ({
  name,
  probability,
  forecastCategory,
  closed: false,
  won: false,
});

export const PROSPECTING = 0;
export const QUALIFICATION = 1;
export const PROPOSAL = 2;
export const NEGOTIATION = 3;
export const CLOSED_WON = 4;
export const CLOSED_LOST = 5;

export const STAGES: readonly Stage[] = [
  open('Prospecting', 10, 'Pipeline'),
  open('Qualification', 20, 'Pipeline'),
  open('Proposal', 50, 'Best Case'),
  open('Negotiation', 75, 'Commit'),
  { name: 'Closed Won', probability: 100, forecastCategory: 'Closed', closed: true, won: true },
  { name: 'Closed Lost', probability: 0, forecastCategory: 'Omitted', closed: true, won: false },
];

export function stage(index: number): Stage {
  const found = STAGES[index];
  if (!found) throw new RangeError(`no stage ${index}`);
  return found;
}
