import type { NameStyle, Place } from './geography.ts';
import type { Random } from './random.ts';

/**
 * People and company names. Thai names come as (Thai script, romanised)
 * pairs: the CRM shows the Thai name, e-mail addresses use the romanised one.
 */
export interface PersonName {
  firstName: string;
  lastName: string;
  /** how the name is displayed: `First Last` */
  name: string;
  /** ASCII, lower case, for e-mail addresses: `first.last` */
  handle: string;
}

type Pair = readonly [string, string];

const THAI_FIRST: readonly Pair[] = [
  ['สมชาย', 'somchai'], ['ศิริพร', 'siriporn'], ['วันชัย', 'wanchai'], ['พิมพ์ชนก', 'pimchanok'],
  ['ณัฐพล', 'nattaphon'], ['สุภาพร', 'supaporn'], ['กิตติพงษ์', 'kittipong'], ['อรุณี', 'arunee'],
  ['ธนากร', 'thanakorn'], ['ปิยะนุช', 'piyanuch'], ['วิชัย', 'wichai'], ['จันทร์เพ็ญ', 'chanpen'],
  ['ประเสริฐ', 'prasert'], ['กมลชนก', 'kamonchanok'], ['อนันต์', 'anan'], ['ชัยวัฒน์', 'chaiwat'],
  ['นภัสสร', 'naphatsorn'], ['ธีรวัฒน์', 'theerawat'], ['รัตนา', 'rattana'], ['สุรเชษฐ์', 'surachet'],
  ['พรทิพย์', 'pornthip'], ['ศุภชัย', 'suppachai'], ['มาลัย', 'malai'], ['เกียรติศักดิ์', 'kiattisak'],
  ['ปวีณา', 'paweena'], ['อภิชาติ', 'apichart'], ['วรรณา', 'wanna'], ['ชนาธิป', 'chanathip'],
  ['ดวงใจ', 'duangjai'], ['ภานุวัฒน์', 'panuwat'], ['ณัฐธิดา', 'natthida'], ['สุทธิพงษ์', 'sutthipong'],
];

const THAI_LAST: readonly Pair[] = [
  ['ศรีสุข', 'srisuk'], ['แซ่ตั้ง', 'saetang'], ['ใจดี', 'jaidee'], ['รัตนกุล', 'rattanakul'],
  ['สุวรรณรัตน์', 'suwannarat'], ['พรหมมา', 'phromma'], ['วงศ์สวัสดิ์', 'wongsawat'], ['ทองดี', 'thongdee'],
  ['บุญมา', 'boonma'], ['ศรีวงศ์', 'sriwong'], ['จันทร์แก้ว', 'chankaew'], ['เพชรรัตน์', 'phetcharat'],
  ['แก้วมณี', 'kaewmanee'], ['สมบูรณ์', 'somboon'], ['ประเสริฐสุข', 'prasertsuk'], ['อินทร์แก้ว', 'inkaew'],
  ['ชัยมงคล', 'chaimongkol'], ['นาคสวัสดิ์', 'naksawat'], ['มั่นคง', 'mankong'], ['สุขเจริญ', 'sukcharoen'],
  ['วิเศษสุวรรณ', 'wisetsuwan'], ['ธนสาร', 'thanasan'], ['เจริญผล', 'charoenphon'], ['ปัญญาดี', 'panyadee'],
];

const ENGLISH_FIRST = [
  'Emily', 'James', 'Oliver', 'Charlotte', 'Harry', 'Amelia', 'George', 'Sophie', 'Jack', 'Olivia',
  'Thomas', 'Grace', 'William', 'Chloe', 'Daniel', 'Hannah', 'Michael', 'Sarah', 'David', 'Laura',
  'Raj', 'Priya', 'Aisha', 'Connor', 'Siobhan', 'Liam', 'Megan', 'Ethan', 'Ava', 'Noah',
] as const;

const ENGLISH_LAST = [
  'Smith', 'Jones', 'Taylor', 'Brown', 'Williams', 'Wilson', 'Johnson', 'Davies', 'Patel', 'Wright',
  'Walker', 'Robinson', 'Thompson', "O'Neil", 'Hughes', 'Green', 'Clarke', 'Khan', 'Evans', 'Murphy',
  'Kelly', 'Campbell', 'Stewart', 'Chen', 'Nguyen', "O'Brien", 'Okafor', 'MacLeod',
] as const;

const GERMAN_FIRST = [
  'Lukas', 'Anna', 'Felix', 'Lena', 'Jonas', 'Sophie', 'Maximilian', 'Marie', 'Leon', 'Hannah',
  'Paul', 'Mia', 'Jan', 'Laura', 'Tobias', 'Julia', 'Niklas', 'Katharina', 'Moritz', 'Jürgen',
] as const;

const GERMAN_LAST = [
  'Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Meyer', 'Wagner', 'Becker', 'Schulz', 'Hoffmann',
  'Schäfer', 'Koch', 'Bauer', 'Richter', 'Klein', 'Wolf', 'Schröder', 'Neumann', 'Schwarz', 'Zimmermann',
  'Groß', 'Weiß',
] as const;

/** ASCII for e-mail handles: umlauts spelled out, apostrophes and spaces dropped. */
const SPELLED_OUT: Record<string, string> = { ä: 'ae', ö: 'oe', ü: 'ue', ß: 'ss', é: 'e', è: 'e', á: 'a', ó: 'o' };

const handles = new Map<string, string>();

/** Memoised: a few thousand distinct names are spelled out millions of times at scale. */
export function asciiHandle(text: string): string {
  let handle = handles.get(text);
  if (handle === undefined) {
    if (handles.size > 100_000) handles.clear();
    handles.set(text, (handle = spellOut(text)));
  }
  return handle;
}

function spellOut(text: string): string {
  let out = '';
  for (const c of text.toLowerCase()) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) out += c;
    else out += SPELLED_OUT[c] ?? '';
  }
  return out;
}

/**
 * A person's name in a style. Thai people are shown in Thai script with
 * probability `thaiScript`, else romanised (both are common in Thai orgs).
 */
export function personName(rng: Random, style: NameStyle, thaiScript = 0.6): PersonName {
  if (style === 'thai') {
    const [firstThai, firstRoman] = rng.pick(THAI_FIRST);
    const [lastThai, lastRoman] = rng.pick(THAI_LAST);
    const script = rng.chance(thaiScript);
    const firstName = script ? firstThai : capitalise(firstRoman);
    const lastName = script ? lastThai : capitalise(lastRoman);
    return { firstName, lastName, name: `${firstName} ${lastName}`, handle: `${firstRoman}.${lastRoman}` };
  }
  const firsts = style === 'german' ? GERMAN_FIRST : ENGLISH_FIRST;
  const lasts = style === 'german' ? GERMAN_LAST : ENGLISH_LAST;
  const firstName = rng.pick(firsts);
  const lastName = rng.pick(lasts);
  return { firstName, lastName, name: `${firstName} ${lastName}`, handle: `${asciiHandle(firstName)}.${asciiHandle(lastName)}` };
}

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

// --- companies -------------------------------------------------------------

const THAI_COMPANY_CORES = [
  'สยามเทค', 'ไทยพัฒนา', 'ศรีสยามฟู้ดส์', 'กรุงเทพโลจิสติกส์', 'อีสานเกษตร', 'ทองคำการช่าง', 'รุ่งเรืองพาณิชย์',
  'ชัยพฤกษ์', 'เจริญกิจ', 'มั่งมีศรีสุข', 'ล้านนาซอฟต์', 'อันดามันรีสอร์ท', 'ไทยรุ่งโรจน์', 'สุวรรณภูมิขนส่ง',
  'เอเชียอุตสาหกรรม', 'แม่น้ำเจ้าพระยา', 'บ้านสวนออร์แกนิค', 'ปัญญาการศึกษา',
] as const;

const THAI_LATIN_CORES = [
  'Chao Phraya', 'Siam', 'Krungthep', 'Isan', 'Lanna', 'Andaman', 'Rattanakosin', 'Golden Lotus',
  'Suvarnabhumi', 'Mekong', 'Thai Union', 'Ayutthaya', 'Sukhothai', 'Royal Orchid',
] as const;

const ENGLISH_CORES = [
  'Thames', 'Pennine', 'Harrow & Finch', 'Northgate', 'Blackwood', 'Kingsbridge', 'Redfern', 'Albion',
  'Cotswold', 'Highland', 'Lakeside', 'Westbury', 'Ashford', 'Brightwater', 'Oakridge', 'Summit',
  "O'Brien", 'Liffey', 'Claddagh', 'Blue Ridge', 'Hudson', 'Evergreen', 'Pioneer', 'Granite State',
] as const;

const GERMAN_CORES = [
  'Nordwind', 'Rheinland', 'Alpen', 'Isar', 'Elbe', 'Schwarzwald', 'Bodensee', 'Hanse', 'Main',
  'Spree', 'Donau', 'Bergmann', 'Müller & Söhne', 'Schäfer', 'Zürcher', 'Wiener',
] as const;

const ACTIVITIES = [
  'Logistics', 'Foods', 'Analytics', 'Manufacturing', 'Health', 'Retail', 'Energy', 'Software',
  'Engineering', 'Hospitality', 'Agro', 'Capital', 'Pharma', 'Textiles', 'Motors', 'Education',
] as const;

const GERMAN_ACTIVITIES = [
  'Logistik', 'Lebensmittel', 'Datentechnik', 'Maschinenbau', 'Gesundheit', 'Handel', 'Energie',
  'Systeme', 'Technik', 'Hotels', 'Agrar', 'Finanz', 'Pharma', 'Textil', 'Automobil', 'Bildung',
] as const;

const NICKNAMES = ['Smart', 'Prime', 'Green', 'Express', 'Golden', 'Blue'] as const;

function legalSuffix(rng: Random, country: string): string {
  switch (country) {
    case 'Thailand':
      return rng.pick(['Co., Ltd.', 'Co., Ltd.', 'Public Company Limited']);
    case 'United Kingdom':
      return rng.pick(['Ltd', 'Ltd', 'plc', 'LLP']);
    case 'Ireland':
      return rng.pick(['Ltd', 'DAC', 'Teoranta']);
    case 'Germany':
      return rng.pick(['GmbH', 'GmbH', 'AG', 'GmbH & Co. KG', 'KG']);
    case 'Austria':
      return rng.pick(['GmbH', 'AG']);
    case 'Switzerland':
      return rng.pick(['AG', 'GmbH', 'SA']);
    case 'Singapore':
      return 'Pte. Ltd.';
    default:
      return rng.pick(['Inc.', ', Inc.', 'LLC', ', LLC', 'Corp.']);
  }
}

/**
 * A company name fitting the place: Thai companies often carry their Thai
 * registered name (`บริษัท … จำกัด`), others their legal form. A few names
 * hold commas and double quotes, as real ones do.
 */
export function companyName(rng: Random, where: Place): string {
  const country = where.country;
  if (country === 'Thailand' && rng.chance(0.45)) {
    const core = rng.pick(THAI_COMPANY_CORES);
    return rng.chance(0.15) ? `บริษัท ${core} จำกัด (มหาชน)` : `บริษัท ${core} จำกัด`;
  }
  const german = country === 'Germany' || country === 'Austria' || country === 'Switzerland';
  const core = country === 'Thailand' ? rng.pick(THAI_LATIN_CORES) : german ? rng.pick(GERMAN_CORES) : rng.pick(ENGLISH_CORES);
  const activity = german ? rng.pick(GERMAN_ACTIVITIES) : rng.pick(ACTIVITIES);
  const nickname = rng.chance(0.04) ? ` "${rng.pick(NICKNAMES)}"` : '';
  const suffix = legalSuffix(rng, country);
  return suffix.startsWith(',') ? `${core}${nickname} ${activity}${suffix}` : `${core}${nickname} ${activity} ${suffix}`;
}

/** A lower-case ASCII domain label for a company (Thai-script names get a generic one). */
export function companyDomain(name: string, n: number): string {
  const ascii = asciiHandle(name.replace(/\b(Co|Ltd|Inc|LLC|GmbH|AG|KG|plc|Pte|Corp|Public Company Limited)\b.*$/u, ''));
  return `${ascii.length >= 3 ? ascii.slice(0, 24) : `company${n}`}.example`;
}

export const INDUSTRIES = [
  ['Technology', 4],
  ['Manufacturing', 4],
  ['Retail', 3],
  ['Financial Services', 3],
  ['Healthcare', 2],
  ['Logistics', 3],
  ['Hospitality', 2],
  ['Education', 1],
  ['Energy', 1],
  ['Agriculture', 1],
  ['Government', 1],
] as const satisfies readonly (readonly [string, number])[];

export const JOB_TITLES = [
  'Head of Sales Operations', 'CFO', 'IT Director', 'Operations Manager', 'Procurement Manager',
  'Managing Director', 'Head of Finance', 'CIO', 'Business Analyst', 'Owner',
] as const;
