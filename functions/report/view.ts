import { FAMILIES, kpiDefinition, type FamilyId, type KpiDefinition } from './catalog.ts';
import { changeTone, formatter, type Formatter } from './format.ts';
import { messagesFor, type Messages } from './i18n/messages.ts';
import {
  aePath,
  dataQualityPath,
  kpiDefinitionsPath,
  latestPath,
  navPath,
  orgPath,
  pageInVersion,
  teamPath,
  versionsPath,
  type Direction,
} from './routes.ts';
import { entityKey, type Entity, type KpiSeries, type Level, type Period, type PeriodType, type SiteData } from './site-data.ts';

/** One number on a page: its KPI, whose value it is, and how it reads. */
export interface NumberCell {
  kpi: string;
  value: number | null;
  text: string;
  /** `level:id` of the entity the value belongs to; absent for derived numbers (a team's value per AE) */
  entity?: string;
  /** `month:2026-11-01`: the period of the value */
  period?: string;
  /** a short note after the number, e.g. "per AE" */
  note?: string;
}

/** A change between two values of one KPI, or why there is none. */
export interface ChangeCell {
  kpi: string;
  delta: number | null;
  text: string;
  tone: 'good' | 'bad' | 'neutral';
}

/** Everything a page needs to turn the site data into words and links; built once per build. */
export class SiteView {
  readonly m: Messages;
  readonly f: Formatter;
  readonly month: Period;
  readonly quarter: Period;
  private readonly byKey: Map<string, Entity>;

  constructor(readonly data: SiteData) {
    this.m = messagesFor(data.locale);
    this.f = formatter(this.m, data.currency);
    const month = data.months.at(-1);
    const quarter = data.quarters.at(-1);
    if (!month || !quarter) throw new Error(`version ${data.asOf} has no monthly or quarterly KPI rows`);
    this.month = month;
    this.quarter = quarter;
    this.byKey = new Map(data.entities.map((e) => [entityKey(e.level, e.id), e]));
  }

  // ---- links (root-relative, under the site's prefix) ----

  href(path: string): string {
    return `${this.data.sitePrefix}${path}`;
  }
  orgHref = (): string => this.href(orgPath(this.data.asOf));
  teamHref = (id: string): string => this.href(teamPath(this.data.asOf, id));
  aeHref = (id: string): string => this.href(aePath(this.data.asOf, id));
  entityHref(entity: Entity): string {
    if (entity.level === 'org') return this.orgHref();
    return entity.level === 'team' ? this.teamHref(entity.id) : this.aeHref(entity.id);
  }
  /** the definitions page, at the KPI's entry */
  kpiHref = (kpi: string): string => `${this.href(kpiDefinitionsPath(this.data.asOf))}#${kpiAnchor(kpi)}`;
  definitionsHref = (): string => this.href(kpiDefinitionsPath(this.data.asOf));
  dataQualityHref = (): string => this.href(dataQualityPath(this.data.asOf));
  versionsHref = (): string => this.href(versionsPath);
  latestHref = (): string => this.href(latestPath);
  /** the same page in the previous or next version, through its redirect stub */
  navHref = (direction: Direction, page: string): string => this.href(navPath(this.data.asOf, direction, page));
  /** a team's or AE's page path inside the version, for the version links */
  teamPage = (id: string): string => pageInVersion(this.data.asOf, teamPath(this.data.asOf, id));
  aePage = (id: string): string => pageInVersion(this.data.asOf, aePath(this.data.asOf, id));

  // ---- who ----

  entity(level: Level, id: string): Entity | undefined {
    return this.byKey.get(entityKey(level, id));
  }
  get org(): Entity {
    return this.entity('org', 'org') ?? { level: 'org', id: 'org', name: '', email: null, managerId: null, isActive: true, teamId: null };
  }
  /** every team, by name */
  teams(): Entity[] {
    return this.data.entities.filter((e) => e.level === 'team').sort(byName);
  }
  /** the AEs that get a page: the active ones */
  activeAes(): Entity[] {
    return this.data.entities.filter((e) => e.level === 'ae' && e.isActive).sort(byName);
  }
  /** a team's AEs, active or not (all of them count in its values) */
  members(teamId: string): Entity[] {
    return this.data.entities.filter((e) => e.level === 'ae' && e.teamId === teamId).sort(byName);
  }
  /** active AEs without a team: in the org only */
  aesWithoutTeam(): Entity[] {
    return this.activeAes().filter((e) => e.teamId === null || !this.entity('team', e.teamId));
  }
  /** the entity an AE is compared with: its team, else the org */
  reference(ae: Entity): Entity {
    return (ae.teamId !== null ? this.entity('team', ae.teamId) : undefined) ?? this.org;
  }

  // ---- values ----

  series(entity: Entity, kpi: string): KpiSeries | undefined {
    return this.data.values[entityKey(entity.level, entity.id)]?.[kpi];
  }
  periods(type: PeriodType): Period[] {
    return type === 'month' ? this.data.months : this.data.quarters;
  }
  current(type: PeriodType): Period {
    return type === 'month' ? this.month : this.quarter;
  }
  /** the value of the period `back` periods before the current one (0 = current) */
  valueAt(entity: Entity, kpi: string, type: PeriodType, back = 0): number | null {
    const values = this.series(entity, kpi)?.[type];
    return values?.[values.length - 1 - back] ?? null;
  }

  /** a KPI value of the current period as a linked number */
  cell(entity: Entity, kpi: string, type: PeriodType): NumberCell {
    const value = this.valueAt(entity, kpi, type);
    return {
      kpi,
      value,
      text: this.f.value(value, kpiDefinition(kpi).unit),
      entity: entityKey(entity.level, entity.id),
      period: `${type}:${this.current(type).start}`,
    };
  }

  /** the value an AE's is set beside: the team's (or org's) value, per AE for sums and counts */
  referenceCell(reference: Entity, kpi: string, type: PeriodType): NumberCell {
    const definition = kpiDefinition(kpi);
    if (!definition.additive) return this.cell(reference, kpi, type);
    const n = this.headcount(reference);
    const total = this.valueAt(reference, kpi, type);
    const value = total === null || n === 0 ? null : total / n;
    // an average count is fractional: keep a decimal ("2.4 deals per AE")
    const unit = definition.unit === 'count' ? 'ratio' : definition.unit;
    return { kpi, value, text: this.f.value(value, unit), note: this.m.columns.perAe };
  }

  /** how many AEs a team's (or the org's) values pool */
  headcount(entity: Entity): number {
    if (entity.level === 'ae') return 1;
    return this.data.entities.filter((e) => e.level === 'ae' && (entity.level === 'org' || e.teamId === entity.id)).length;
  }

  /** the change of the current period's value against the period before */
  changeVsPrevious(entity: Entity, kpi: string, type: PeriodType): ChangeCell {
    return this.changeCell(kpi, this.valueAt(entity, kpi, type), this.valueAt(entity, kpi, type, 1), this.m.notAvailable);
  }

  /** the change of the current period's value since the previous version */
  changeSinceVersion(entity: Entity, kpi: string, type: PeriodType): ChangeCell {
    const series = this.series(entity, kpi);
    const before = type === 'month' ? series?.prevVersionMonth : series?.prevVersionQuarter;
    // a previous version that did not yet have this period: the period is new
    const missing = this.data.previousAsOf === null ? this.m.notAvailable : this.m.newPeriod;
    return this.changeCell(kpi, this.valueAt(entity, kpi, type), before ?? null, missing);
  }

  private changeCell(kpi: string, now: number | null, before: number | null, missing: string): ChangeCell {
    if (now === null || before === null) return { kpi, delta: null, text: missing, tone: 'neutral' };
    const definition = kpiDefinition(kpi);
    const delta = now - before;
    if (delta === 0) return { kpi, delta, text: this.m.noChange, tone: 'neutral' };
    return { kpi, delta, text: this.f.change(delta, definition.unit), tone: changeTone(delta, definition) };
  }

  /** the target of a KPI where one exists: quota for bookings and forecast */
  target(entity: Entity, kpi: string, type: PeriodType): NumberCell | null {
    if (kpi !== 'bookings' && kpi !== 'forecast') return null;
    return this.cell(entity, 'quota', type);
  }

  /** the monthly values of the last 12 months, for a sparkline */
  trend(entity: Entity, kpi: string): (number | null)[] {
    return this.series(entity, kpi)?.month ?? this.data.months.map(() => null);
  }

  // ---- periods in words ----

  periodLabel(type: PeriodType): string {
    const p = this.current(type);
    const words = type === 'month' ? this.m.period.monthToDate : this.m.period.quarterToDate;
    return words(this.f.date(p.start), this.f.date(p.end));
  }
  /** a period's short name: "Nov 2026", "Oct–Dec 2026" (quarters may follow a fiscal year) */
  periodName(type: PeriodType, period: Period): string {
    return type === 'month' ? this.f.month(period.start) : this.f.quarter(period.start);
  }

  /** the share of the current quarter that has passed on as_of, 0..100 */
  quarterElapsedPct(): number {
    const day = 86_400_000;
    const start = Date.parse(`${this.quarter.start}T00:00:00Z`);
    const end = new Date(start);
    end.setUTCMonth(end.getUTCMonth() + 3);
    const asOf = Date.parse(`${this.quarter.end}T00:00:00Z`) + day;
    return Math.min(100, ((asOf - start) / (end.getTime() - start)) * 100);
  }

  // ---- the catalog ----

  kpi(id: string): KpiDefinition {
    return kpiDefinition(id);
  }
  kpiName(id: string): string {
    return kpiDefinition(id).name[this.data.locale];
  }
  families(): { id: FamilyId; name: string; kpis: string[] }[] {
    return FAMILIES.map((f) => ({ id: f.id, name: f.name[this.data.locale], kpis: f.kpis }));
  }
  entityName(entity: Entity): string {
    if (entity.level === 'org') return this.m.titles.org;
    return entity.level === 'team' ? this.m.titles.team(entity.name) : entity.name;
  }
}

const byName = (a: Entity, b: Entity): number => a.name.localeCompare(b.name) || a.id.localeCompare(b.id);

/** The fragment id of a KPI's entry on the definitions page. */
export const kpiAnchor = (kpi: string): string => `kpi-${kpi}`;
