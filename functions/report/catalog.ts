import type { Locale } from '../config.ts';

/**
 * How a KPI's value is written: `percent` values are 0..100, `score` is a
 * 1..5 rating or a 0..100 score (see `scoreMax`).
 */
export type Unit = 'currency' | 'currency_per_day' | 'percent' | 'count' | 'days' | 'score' | 'ratio';

export type FamilyId =
  | 'revenue'
  | 'performance'
  | 'pipeline'
  | 'retention'
  | 'expansion'
  | 'productivity'
  | 'territory'
  | 'collaboration'
  | 'talent'
  | 'process'
  | 'forecasting';

type Text = Record<Locale, string>;

export interface KpiDefinition<I extends string = string> {
  /** the id used in `kpi_values.kpi` */
  id: I;
  /** the family that defines it (the KPI catalog); it may be shown in others too */
  family: FamilyId;
  unit: Unit;
  /** for `score`: the top of the scale */
  scoreMax?: 5 | 100;
  /** whether a rise is good news (`up`), bad news (`down`) or neither */
  better: 'up' | 'down' | 'neither';
  /**
   * a sum or count over records: a team's value is its members' total, so
   * an AE compares with the team's value per AE rather than the total
   */
  additive: boolean;
  name: Text;
  definition: Text;
}

export interface Family {
  id: FamilyId;
  name: Text;
  /** the KPIs shown in this family's section, in order (some appear in two families) */
  kpis: KpiId[];
}

const kpi = <I extends string>(
  id: I,
  family: FamilyId,
  unit: Unit,
  better: KpiDefinition['better'],
  additive: boolean,
  name: Text,
  definition: Text,
  scoreMax?: 5 | 100,
): KpiDefinition<I> => ({ id, family, unit, better, additive, name, definition, ...(scoreMax ? { scoreMax } : {}) });

/**
 * Every KPI of the KPI catalog with its name, unit and definition in every locale:
 * the one place the site, the e-mails and compute take KPI ids, names and
 * units from. Its order is the order of the KPI tables' rows.
 */
export const KPIS = [
  // 1. Revenue growth
  kpi('bookings', 'revenue', 'currency', 'up', true,
    { en: 'Bookings', th: 'ยอดขายที่ปิดได้' },
    {
      en: 'The total amount of the deals won with a close date in the period.',
      th: 'มูลค่ารวมของดีลที่ชนะและมีวันปิดการขายอยู่ในงวดนี้',
    }),
  kpi('bookings_growth_pct', 'revenue', 'percent', 'up', false,
    { en: 'Bookings growth', th: 'การเติบโตของยอดขาย' },
    {
      en: 'How much bookings grew against the previous period, in percent. For a period still running, it is compared with the same number of days at the start of the previous period. Empty when the previous period booked nothing.',
      th: 'ยอดขายที่ปิดได้เพิ่มขึ้นกี่เปอร์เซ็นต์เมื่อเทียบกับงวดก่อน สำหรับงวดที่ยังไม่จบ จะเทียบกับจำนวนวันเท่ากันตั้งแต่ต้นงวดก่อน ไม่มีค่าเมื่องวดก่อนไม่มียอดขาย',
    }),
  // 2. Account executive performance
  kpi('quota', 'performance', 'currency', 'neither', true,
    { en: 'Quota', th: 'เป้าหมายยอดขาย' },
    {
      en: 'The sales target: the sum of the quota amounts that start in the period. A period still running shows its full quota, not a share of it.',
      th: 'เป้าหมายยอดขาย: ผลรวมของโควตาที่เริ่มในงวดนี้ งวดที่ยังไม่จบจะแสดงโควตาเต็มงวด ไม่ได้เฉลี่ยตามวัน',
    }),
  kpi('quota_attainment_pct', 'performance', 'percent', 'up', false,
    { en: 'Quota attainment', th: 'การบรรลุเป้าหมาย' },
    {
      en: 'Bookings as a percentage of quota. Empty when there is no quota.',
      th: 'ยอดขายที่ปิดได้คิดเป็นร้อยละของเป้าหมาย ไม่มีค่าเมื่อไม่มีเป้าหมาย',
    }),
  kpi('deals_won', 'performance', 'count', 'up', true,
    { en: 'Deals won', th: 'ดีลที่ชนะ' },
    {
      en: 'The number of deals won with a close date in the period.',
      th: 'จำนวนดีลที่ชนะและมีวันปิดการขายอยู่ในงวดนี้',
    }),
  kpi('avg_deal_size', 'performance', 'currency', 'up', false,
    { en: 'Average deal size', th: 'มูลค่าดีลเฉลี่ย' },
    {
      en: 'Bookings divided by the number of deals won.',
      th: 'ยอดขายที่ปิดได้หารด้วยจำนวนดีลที่ชนะ',
    }),
  kpi('csat_avg', 'performance', 'score', 'up', false,
    { en: 'Customer satisfaction', th: 'ความพึงพอใจของลูกค้า' },
    {
      en: 'The average score (1 to 5) of the satisfaction surveys that customers of these accounts answered in the period.',
      th: 'คะแนนเฉลี่ย (1 ถึง 5) ของแบบสำรวจความพึงพอใจที่ลูกค้าของบัญชีเหล่านี้ตอบในงวดนี้',
    }, 5),
  // 3. Pipeline development
  kpi('leads_created', 'pipeline', 'count', 'up', true,
    { en: 'Leads created', th: 'ลีดใหม่' },
    { en: 'The number of leads created in the period.', th: 'จำนวนลีดที่สร้างในงวดนี้' }),
  kpi('qualified_leads', 'pipeline', 'count', 'up', true,
    { en: 'Qualified leads', th: 'ลีดที่ผ่านการคัดกรอง' },
    {
      en: 'Of the leads created in the period, those converted or with a qualified status.',
      th: 'ลีดที่สร้างในงวดนี้ที่ถูกแปลงแล้ว หรือมีสถานะผ่านการคัดกรอง',
    }),
  kpi('lead_conversion_pct', 'pipeline', 'percent', 'up', false,
    { en: 'Lead conversion', th: 'อัตราการแปลงลีด' },
    {
      en: 'The share of the leads created in the period that became an opportunity.',
      th: 'สัดส่วนของลีดที่สร้างในงวดนี้ที่กลายเป็นโอกาสการขาย',
    }),
  kpi('opps_created', 'pipeline', 'count', 'up', true,
    { en: 'Opportunities created', th: 'โอกาสการขายใหม่' },
    { en: 'The number of opportunities created in the period.', th: 'จำนวนโอกาสการขายที่สร้างในงวดนี้' }),
  kpi('pipeline_created', 'pipeline', 'currency', 'up', true,
    { en: 'Pipeline created', th: 'ไปป์ไลน์ที่สร้างใหม่' },
    {
      en: 'The total amount of the opportunities created in the period.',
      th: 'มูลค่ารวมของโอกาสการขายที่สร้างในงวดนี้',
    }),
  kpi('win_rate_pct', 'pipeline', 'percent', 'up', false,
    { en: 'Win rate', th: 'อัตราการชนะ' },
    {
      en: 'Of the deals closed in the period (won or lost), the share that was won.',
      th: 'สัดส่วนของดีลที่ชนะ จากดีลที่ปิดในงวดนี้ทั้งหมด (ชนะและแพ้)',
    }),
  kpi('open_pipeline', 'pipeline', 'currency', 'up', true,
    { en: 'Open pipeline', th: 'ไปป์ไลน์ที่เปิดอยู่' },
    {
      en: 'The total amount of the opportunities still open at the end of the period, as they stood then.',
      th: 'มูลค่ารวมของโอกาสการขายที่ยังเปิดอยู่ ณ สิ้นงวด ตามสถานะในเวลานั้น',
    }),
  kpi('open_opps', 'pipeline', 'count', 'up', true,
    { en: 'Open opportunities', th: 'โอกาสการขายที่เปิดอยู่' },
    { en: 'The number of opportunities open at the end of the period.', th: 'จำนวนโอกาสการขายที่เปิดอยู่ ณ สิ้นงวด' }),
  kpi('avg_open_deal_value', 'pipeline', 'currency', 'up', false,
    { en: 'Average open deal value', th: 'มูลค่าเฉลี่ยของดีลที่เปิดอยู่' },
    { en: 'Open pipeline divided by the number of open opportunities.', th: 'ไปป์ไลน์ที่เปิดอยู่หารด้วยจำนวนโอกาสการขายที่เปิดอยู่' }),
  kpi('pipeline_velocity', 'pipeline', 'currency_per_day', 'up', true,
    { en: 'Pipeline velocity', th: 'ความเร็วของไปป์ไลน์' },
    {
      en: 'How much revenue the pipeline turns into per day: open opportunities at the start of the period × win rate × average deal size ÷ sales cycle in days.',
      th: 'รายได้ที่ไปป์ไลน์สร้างได้ต่อวัน: จำนวนโอกาสที่เปิดอยู่ ณ ต้นงวด × อัตราการชนะ × มูลค่าดีลเฉลี่ย ÷ รอบการขายเป็นวัน',
    }),
  // 4. Customer retention
  kpi('customers_start', 'retention', 'count', 'neither', true,
    { en: 'Customers at start', th: 'ลูกค้า ณ ต้นงวด' },
    {
      en: 'The number of accounts with at least one active contract on the first day of the period.',
      th: 'จำนวนบัญชีที่มีสัญญาที่มีผลอย่างน้อยหนึ่งฉบับในวันแรกของงวด',
    }),
  kpi('logo_churn_pct', 'retention', 'percent', 'down', false,
    { en: 'Logo churn', th: 'อัตราการสูญเสียลูกค้า' },
    {
      en: 'Of the customers at the start of the period, the share that no longer had an active contract at its end.',
      th: 'สัดส่วนของลูกค้า ณ ต้นงวดที่ไม่มีสัญญาที่มีผลแล้วเมื่อสิ้นงวด',
    }),
  kpi('grr_pct', 'retention', 'percent', 'up', false,
    { en: 'Gross revenue retention', th: 'การรักษารายได้ขั้นต้น' },
    {
      en: 'The annual recurring revenue kept from the customers at the start of the period, not counting growth: each account counts at most its starting revenue.',
      th: 'รายได้ประจำต่อปีที่รักษาไว้ได้จากลูกค้า ณ ต้นงวด โดยไม่นับการเติบโต: แต่ละบัญชีนับได้ไม่เกินรายได้ตอนต้นงวด',
    }),
  kpi('nrr_pct', 'retention', 'percent', 'up', false,
    { en: 'Net revenue retention', th: 'การรักษารายได้สุทธิ' },
    {
      en: 'The annual recurring revenue of the customers at the start of the period, at its end, against what it was at its start; growth counts.',
      th: 'รายได้ประจำต่อปีของลูกค้า ณ ต้นงวดเมื่อสิ้นงวด เทียบกับตอนต้นงวด โดยนับรวมการเติบโต',
    }),
  kpi('upsell_win_rate_pct', 'retention', 'percent', 'up', false,
    { en: 'Upsell win rate', th: 'อัตราการชนะอัปเซล' },
    {
      en: 'The win rate of deals that sell more of the same product families to existing customers.',
      th: 'อัตราการชนะของดีลที่ขายกลุ่มผลิตภัณฑ์เดิมเพิ่มให้ลูกค้าปัจจุบัน',
    }),
  kpi('cross_sell_win_rate_pct', 'retention', 'percent', 'up', false,
    { en: 'Cross-sell win rate', th: 'อัตราการชนะครอสเซล' },
    {
      en: 'The win rate of deals that sell an existing customer a product family it has not bought before.',
      th: 'อัตราการชนะของดีลที่ขายกลุ่มผลิตภัณฑ์ที่ลูกค้าปัจจุบันยังไม่เคยซื้อ',
    }),
  // 5. Account expansion
  kpi('expansion_opps_created', 'expansion', 'count', 'up', true,
    { en: 'Expansion opportunities', th: 'โอกาสการขายเพิ่ม' },
    {
      en: 'The number of upsell and cross-sell opportunities created in the period.',
      th: 'จำนวนโอกาสอัปเซลและครอสเซลที่สร้างในงวดนี้',
    }),
  kpi('expansion_bookings', 'expansion', 'currency', 'up', true,
    { en: 'Expansion bookings', th: 'ยอดขายเพิ่มจากลูกค้าเดิม' },
    {
      en: 'The total amount of the upsell and cross-sell deals won in the period.',
      th: 'มูลค่ารวมของดีลอัปเซลและครอสเซลที่ชนะในงวดนี้',
    }),
  kpi('new_products_sold', 'expansion', 'count', 'up', true,
    { en: 'New products sold', th: 'ผลิตภัณฑ์ใหม่ที่ขายได้' },
    {
      en: 'The number of product families that existing customers bought for the first time in the period.',
      th: 'จำนวนกลุ่มผลิตภัณฑ์ที่ลูกค้าปัจจุบันซื้อเป็นครั้งแรกในงวดนี้',
    }),
  // 6. Sales productivity
  kpi('time_to_close_days', 'productivity', 'days', 'down', false,
    { en: 'Time to close', th: 'เวลาในการปิดดีล' },
    {
      en: 'The average number of days from creation to close of the deals won in the period.',
      th: 'จำนวนวันเฉลี่ยตั้งแต่สร้างจนปิดของดีลที่ชนะในงวดนี้',
    }),
  kpi('sales_cycle_days', 'productivity', 'days', 'down', false,
    { en: 'Sales cycle', th: 'รอบการขาย' },
    {
      en: 'The average number of days from creation to close of all deals closed in the period, won or lost.',
      th: 'จำนวนวันเฉลี่ยตั้งแต่สร้างจนปิดของดีลทั้งหมดที่ปิดในงวดนี้ ทั้งชนะและแพ้',
    }),
  kpi('activities', 'productivity', 'count', 'up', true,
    { en: 'Activities', th: 'กิจกรรม' },
    { en: 'The number of tasks and events dated in the period.', th: 'จำนวนงานและนัดหมายที่มีวันที่อยู่ในงวดนี้' }),
  kpi('activities_per_deal_won', 'productivity', 'ratio', 'neither', false,
    { en: 'Activities per deal won', th: 'กิจกรรมต่อดีลที่ชนะ' },
    { en: 'Activities divided by deals won.', th: 'จำนวนกิจกรรมหารด้วยจำนวนดีลที่ชนะ' }),
  // 7. Territory coverage
  kpi('accounts_owned', 'territory', 'count', 'neither', true,
    { en: 'Accounts owned', th: 'บัญชีลูกค้าที่ดูแล' },
    { en: 'The number of accounts owned today.', th: 'จำนวนบัญชีลูกค้าที่ดูแลอยู่ในปัจจุบัน' }),
  kpi('accounts_touched', 'territory', 'count', 'up', true,
    { en: 'Accounts touched', th: 'บัญชีที่ติดต่อ' },
    {
      en: 'The number of owned accounts with at least one task or event in the period.',
      th: 'จำนวนบัญชีที่ดูแลซึ่งมีงานหรือนัดหมายอย่างน้อยหนึ่งครั้งในงวดนี้',
    }),
  kpi('accounts_visited', 'territory', 'count', 'up', true,
    { en: 'Accounts visited', th: 'บัญชีที่เข้าพบ' },
    {
      en: 'The number of owned accounts with at least one visit or meeting in the period.',
      th: 'จำนวนบัญชีที่ดูแลซึ่งมีการเข้าพบหรือประชุมอย่างน้อยหนึ่งครั้งในงวดนี้',
    }),
  kpi('coverage_pct', 'territory', 'percent', 'up', false,
    { en: 'Territory coverage', th: 'ความครอบคลุมพื้นที่' },
    { en: 'Accounts touched as a share of accounts owned.', th: 'สัดส่วนของบัญชีที่ติดต่อต่อบัญชีที่ดูแลทั้งหมด' }),
  // 8. Collaboration and communication
  kpi('feedback_received', 'collaboration', 'count', 'up', true,
    { en: 'Feedback received', th: 'ฟีดแบ็กที่ได้รับ' },
    { en: 'The number of coaching feedbacks received in the period.', th: 'จำนวนฟีดแบ็กการโค้ชที่ได้รับในงวดนี้' }),
  kpi('feedback_quality_avg', 'collaboration', 'score', 'up', false,
    { en: 'Feedback quality', th: 'คุณภาพฟีดแบ็ก' },
    {
      en: 'The average rating (1 to 5) that the receivers gave the feedback of the period.',
      th: 'คะแนนเฉลี่ย (1 ถึง 5) ที่ผู้รับให้กับฟีดแบ็กในงวดนี้',
    }, 5),
  kpi('cases_opened', 'collaboration', 'count', 'down', true,
    { en: 'Cases opened', th: 'เคสที่เปิด' },
    { en: 'The number of support cases opened on these accounts in the period.', th: 'จำนวนเคสบริการที่เปิดในบัญชีเหล่านี้ในงวดนี้' }),
  kpi('case_resolution_pct', 'collaboration', 'percent', 'up', false,
    { en: 'Case resolution', th: 'อัตราการแก้ไขเคส' },
    {
      en: 'Of the cases opened in the period, the share closed by its end.',
      th: 'สัดส่วนของเคสที่เปิดในงวดนี้ที่ปิดได้ภายในสิ้นงวด',
    }),
  kpi('case_resolution_days', 'collaboration', 'days', 'down', false,
    { en: 'Case resolution time', th: 'เวลาในการแก้ไขเคส' },
    {
      en: 'The average number of days from opening to closing of the cases closed in the period.',
      th: 'จำนวนวันเฉลี่ยตั้งแต่เปิดจนปิดของเคสที่ปิดในงวดนี้',
    }),
  // 9. Talent development
  kpi('training_due', 'talent', 'count', 'neither', true,
    { en: 'Trainings due', th: 'การอบรมที่ถึงกำหนด' },
    { en: 'The number of assigned courses due in the period.', th: 'จำนวนหลักสูตรที่ได้รับมอบหมายซึ่งถึงกำหนดในงวดนี้' }),
  kpi('training_completion_pct', 'talent', 'percent', 'up', false,
    { en: 'Training completion', th: 'อัตราการอบรมสำเร็จ' },
    {
      en: 'Of the courses due in the period, the share completed on or before the due date.',
      th: 'สัดส่วนของหลักสูตรที่ถึงกำหนดในงวดนี้ที่อบรมสำเร็จภายในวันกำหนด',
    }),
  kpi('trainings_completed', 'talent', 'count', 'up', true,
    { en: 'Trainings completed', th: 'การอบรมที่สำเร็จ' },
    { en: 'The number of courses completed for the first time in the period.', th: 'จำนวนหลักสูตรที่อบรมสำเร็จเป็นครั้งแรกในงวดนี้' }),
  kpi('skill_score_avg', 'talent', 'score', 'up', false,
    { en: 'Skill score', th: 'คะแนนทักษะ' },
    {
      en: 'The average of the latest assessment score (0 to 100) of each person and skill, as of the end of the period.',
      th: 'ค่าเฉลี่ยของคะแนนประเมินล่าสุด (0 ถึง 100) ของแต่ละคนในแต่ละทักษะ ณ สิ้นงวด',
    }, 100),
  // 10. Process improvement
  kpi('lead_conversion_days', 'process', 'days', 'down', false,
    { en: 'Time to lead conversion', th: 'เวลาในการแปลงลีด' },
    {
      en: 'The average number of days from creation to conversion of the leads converted in the period.',
      th: 'จำนวนวันเฉลี่ยตั้งแต่สร้างจนแปลงของลีดที่แปลงในงวดนี้',
    }),
  kpi('lead_qualification_pct', 'process', 'percent', 'up', false,
    { en: 'Lead quality', th: 'คุณภาพลีด' },
    { en: 'Qualified leads as a share of the leads created.', th: 'สัดส่วนของลีดที่ผ่านการคัดกรองต่อลีดที่สร้างทั้งหมด' }),
  kpi('lead_to_win_pct', 'process', 'percent', 'up', false,
    { en: 'Lead relevance', th: 'ลีดที่นำไปสู่การชนะ' },
    {
      en: 'Of the deals closed in the period that came from a lead, the share that was won.',
      th: 'สัดส่วนของดีลที่ชนะ จากดีลที่ปิดในงวดนี้ซึ่งมาจากลีด',
    }),
  // 11. Forecasting
  kpi('weighted_pipeline', 'forecasting', 'currency', 'up', true,
    { en: 'Weighted pipeline', th: 'ไปป์ไลน์ถ่วงน้ำหนัก' },
    {
      en: 'Each open opportunity expected to close within the period, at its amount times its probability.',
      th: 'โอกาสการขายที่เปิดอยู่และคาดว่าจะปิดภายในงวด คิดตามมูลค่าคูณความน่าจะเป็น',
    }),
  kpi('forecast', 'forecasting', 'currency', 'up', true,
    { en: 'Forecast', th: 'ยอดขายคาดการณ์' },
    {
      en: 'The expected bookings of the whole period: bookings so far plus the weighted pipeline.',
      th: 'ยอดขายที่คาดว่าจะได้ทั้งงวด: ยอดขายที่ปิดได้แล้วบวกไปป์ไลน์ถ่วงน้ำหนัก',
    }),
  kpi('forecast_accuracy_pct', 'forecasting', 'percent', 'up', false,
    { en: 'Forecast accuracy', th: 'ความแม่นยำของการคาดการณ์' },
    {
      en: 'For a finished period: how close the forecast made at its start came to the actual bookings (100 = exact). Empty while the period runs or when nothing was booked.',
      th: 'สำหรับงวดที่จบแล้ว: การคาดการณ์ ณ ต้นงวดใกล้เคียงกับยอดขายจริงเพียงใด (100 = ตรงพอดี) ไม่มีค่าระหว่างงวดหรือเมื่อไม่มียอดขาย',
    }),
];

/** A KPI of the catalog: a misspelt id does not compile. */
export type KpiId = (typeof KPIS)[number]['id'];

/** The ten families of the KPI sheet plus forecasting, in the order the pages show them. */
export const FAMILIES: readonly Family[] = [
  { id: 'revenue', name: { en: 'Revenue growth', th: 'การเติบโตของรายได้' }, kpis: ['bookings', 'bookings_growth_pct'] },
  {
    id: 'performance',
    name: { en: 'Account executive performance', th: 'ผลงานของพนักงานขาย' },
    kpis: ['quota', 'quota_attainment_pct', 'deals_won', 'avg_deal_size', 'csat_avg'],
  },
  {
    id: 'pipeline',
    name: { en: 'Pipeline development', th: 'การพัฒนาไปป์ไลน์' },
    kpis: [
      'leads_created', 'qualified_leads', 'lead_conversion_pct', 'opps_created', 'pipeline_created',
      'win_rate_pct', 'open_pipeline', 'open_opps', 'avg_open_deal_value', 'pipeline_velocity',
    ],
  },
  {
    id: 'retention',
    name: { en: 'Customer retention', th: 'การรักษาลูกค้า' },
    kpis: ['customers_start', 'logo_churn_pct', 'grr_pct', 'nrr_pct', 'upsell_win_rate_pct', 'cross_sell_win_rate_pct', 'csat_avg'],
  },
  {
    id: 'expansion',
    name: { en: 'Account expansion', th: 'การขยายบัญชีลูกค้า' },
    kpis: ['expansion_opps_created', 'expansion_bookings', 'new_products_sold'],
  },
  {
    id: 'productivity',
    name: { en: 'Sales productivity', th: 'ประสิทธิภาพการขาย' },
    kpis: ['time_to_close_days', 'sales_cycle_days', 'activities', 'activities_per_deal_won', 'deals_won', 'avg_deal_size'],
  },
  {
    id: 'territory',
    name: { en: 'Territory coverage', th: 'ความครอบคลุมพื้นที่การขาย' },
    kpis: ['accounts_owned', 'accounts_touched', 'accounts_visited', 'coverage_pct'],
  },
  {
    id: 'collaboration',
    name: { en: 'Collaboration and communication', th: 'การทำงานร่วมกันและการสื่อสาร' },
    kpis: ['feedback_received', 'feedback_quality_avg', 'cases_opened', 'case_resolution_pct', 'case_resolution_days'],
  },
  {
    id: 'talent',
    name: { en: 'Talent development', th: 'การพัฒนาบุคลากร' },
    kpis: ['training_due', 'training_completion_pct', 'trainings_completed', 'skill_score_avg'],
  },
  {
    id: 'process',
    name: { en: 'Process improvement', th: 'การปรับปรุงกระบวนการ' },
    kpis: ['lead_conversion_days', 'lead_qualification_pct', 'lead_to_win_pct'],
  },
  {
    id: 'forecasting',
    name: { en: 'Forecasting', th: 'การคาดการณ์' },
    kpis: ['weighted_pipeline', 'forecast', 'forecast_accuracy_pct'],
  },
];

const BY_ID = new Map<string, KpiDefinition>(KPIS.map((k) => [k.id, k]));

/**
 * A KPI's catalog entry. An id the catalog does not know (a KPI added to
 * the SQL first) gets a plain entry named after itself, so a new KPI never
 * breaks a page or an e-mail.
 *
 * @example
 * kpiDefinition('win_rate_pct').name.th // 'อัตราการชนะ'
 */
export function kpiDefinition(id: string): KpiDefinition {
  return (
    BY_ID.get(id) ??
    kpi(id, 'process', id.endsWith('_pct') ? 'percent' : 'ratio', 'neither', false, { en: id, th: id }, { en: '', th: '' })
  );
}

/**
 * A KPI's display name and unit in one locale.
 *
 * @example
 * kpiLabel('win_rate_pct', 'en') // { name: 'Win rate', unit: 'percent' }
 */
export function kpiLabel(id: string, locale: Locale): { name: string; unit: Unit } {
  const entry = kpiDefinition(id);
  return { name: entry.name[locale], unit: entry.unit };
}

/** Whether the catalog defines `id`. */
export const isKnownKpi = (id: string): boolean => BY_ID.has(id);
