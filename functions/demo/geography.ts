/**
 * Where the customers are. A sales region is a set of places (country,
 * state or province, city, coordinates, a street) and the people's time
 * zone. Thai provinces are written in Thai script, as Thai orgs keep them.
 */
export interface Place {
  country: string;
  /** null where the country has no states in the CRM (Singapore) */
  state: string | null;
  city: string;
  lat: number;
  lng: number;
  streets: readonly string[];
  postalCode: string;
}

export type NameStyle = 'thai' | 'english' | 'german';

export interface Region {
  key: string;
  label: string;
  /** hours east of UTC, office hours map onto one UTC date (see officeTime) */
  tzHours: number;
  timeZone: string;
  /** where the sales people sit */
  office: { country: string; state: string | null };
  /** weighted places of the region's accounts */
  places: readonly (readonly [Place, number])[];
  /** weighted styles of people's names */
  people: readonly (readonly [NameStyle, number])[];
  /** how often meetings are in person */
  visitShare: number;
}

const place = (
  country: string,
  state: string | null,
  city: string,
  lat: number,
  lng: number,
  postalCode: string,
  streets: readonly string[],
): Place => ({ country, state, city, lat, lng, postalCode, streets });

const BANGKOK = 'กรุงเทพมหานคร';
const TH = 'Thailand';

const bangkokMetro: (readonly [Place, number])[] = [
  [place(TH, BANGKOK, 'เขตบางรัก', 13.7292, 100.5247, '10500', ['Silom Road', 'ถนนสีลม', 'Surawong Road']), 6],
  [place(TH, BANGKOK, 'เขตปทุมวัน', 13.7446, 100.5331, '10330', ['Rama I Road', 'ถนนพระราม 1', 'Wireless Road']), 6],
  [place(TH, BANGKOK, 'เขตวัฒนา', 13.7379, 100.5668, '10110', ['Sukhumvit Road', 'ถนนสุขุมวิท', 'Asok Montri Road']), 6],
  [place(TH, BANGKOK, 'เขตจตุจักร', 13.8286, 100.5596, '10900', ['Phahonyothin Road', 'ถนนพหลโยธิน']), 4],
  [place(TH, BANGKOK, 'เขตสาทร', 13.7206, 100.5295, '10120', ['Sathorn Road', 'ถนนสาทรใต้']), 4],
  [place(TH, BANGKOK, 'เขตบางนา', 13.6682, 100.6047, '10260', ['Bangna-Trad Road', 'ถนนบางนา-ตราด']), 3],
  [place(TH, 'นนทบุรี', 'เมืองนนทบุรี', 13.8621, 100.5144, '11000', ['Ngamwongwan Road', 'ถนนงามวงศ์วาน']), 3],
  [place(TH, 'สมุทรปราการ', 'เมืองสมุทรปราการ', 13.5991, 100.5998, '10270', ['Sukhumvit Road', 'ถนนเทพารักษ์']), 3],
  [place(TH, 'ปทุมธานี', 'ธัญบุรี', 14.0208, 100.525, '12110', ['Rangsit-Nakhon Nayok Road', 'ถนนรังสิต-นครนายก']), 2],
];

const thaiProvinces: (readonly [Place, number])[] = [
  [place(TH, 'เชียงใหม่', 'เมืองเชียงใหม่', 18.7883, 98.9853, '50000', ['Nimmanhaemin Road', 'ถนนห้วยแก้ว']), 6],
  [place(TH, 'ขอนแก่น', 'เมืองขอนแก่น', 16.4322, 102.8236, '40000', ['Mittraphap Road', 'ถนนมิตรภาพ']), 4],
  [place(TH, 'ชลบุรี', 'บางละมุง', 12.9236, 100.8825, '20150', ['Pattaya Second Road', 'ถนนสุขุมวิท']), 5],
  [place(TH, 'ชลบุรี', 'ศรีราชา', 13.1737, 100.9311, '20110', ['Sukhumvit Road', 'ถนนเจิมจอมพล']), 3],
  [place(TH, 'ภูเก็ต', 'เมืองภูเก็ต', 7.8804, 98.3923, '83000', ['Thepkrasattri Road', 'ถนนเทพกระษัตรี']), 4],
  [place(TH, 'นครราชสีมา', 'เมืองนครราชสีมา', 14.9799, 102.0978, '30000', ['Mittraphap Road', 'ถนนราชดำเนิน']), 3],
  [place(TH, 'สงขลา', 'หาดใหญ่', 7.0086, 100.4747, '90110', ['Niphat Uthit 3 Road', 'ถนนเพชรเกษม']), 3],
  [place(TH, 'ระยอง', 'เมืองระยอง', 12.6814, 101.2816, '21000', ['Sukhumvit Road', 'ถนนสุขุมวิท']), 3],
  [place(TH, 'อุดรธานี', 'เมืองอุดรธานี', 17.4138, 102.787, '41000', ['Udon Dutsadi Road', 'ถนนโพศรี']), 2],
  [place(TH, 'เชียงราย', 'เมืองเชียงราย', 19.9105, 99.8406, '57000', ['Phahonyothin Road', 'ถนนพหลโยธิน']), 2],
  [place(TH, 'สุราษฎร์ธานี', 'เมืองสุราษฎร์ธานี', 9.1382, 99.3215, '84000', ['Talat Mai Road', 'ถนนตลาดใหม่']), 2],
  [place(TH, 'พระนครศรีอยุธยา', 'บางปะอิน', 14.2328, 100.5787, '13160', ['Asian Highway', 'ถนนสายเอเชีย']), 2],
];

const ukAndIreland: (readonly [Place, number])[] = [
  [place('United Kingdom', 'England', 'London', 51.5072, -0.1276, 'EC2A 4NE', ['Old Street', 'Bishopsgate', 'Canary Wharf']), 10],
  [place('United Kingdom', 'England', 'Manchester', 53.4808, -2.2426, 'M1 4BT', ['Deansgate', 'Oxford Road']), 4],
  [place('United Kingdom', 'England', 'Birmingham', 52.4862, -1.8904, 'B3 2BJ', ['Colmore Row', 'Broad Street']), 3],
  [place('United Kingdom', 'England', 'Leeds', 53.8008, -1.5491, 'LS1 4AP', ['Park Row', 'Wellington Street']), 2],
  [place('United Kingdom', 'England', 'Bristol', 51.4545, -2.5879, 'BS1 4DJ', ['Temple Way', 'Queen Square']), 2],
  [place('United Kingdom', 'Scotland', 'Edinburgh', 55.9533, -3.1883, 'EH2 2AD', ['George Street', 'Lothian Road']), 3],
  [place('United Kingdom', 'Scotland', 'Glasgow', 55.8642, -4.2518, 'G2 1DY', ['St Vincent Street', 'Buchanan Street']), 2],
  [place('United Kingdom', 'Wales', 'Cardiff', 51.4816, -3.1791, 'CF10 1FS', ['Queen Street', 'Bute Terrace']), 2],
  [place('United Kingdom', 'Northern Ireland', 'Belfast', 54.5973, -5.9301, 'BT1 6DN', ['Donegall Square', 'Ormeau Avenue']), 1],
  [place('Ireland', 'Dublin', 'Dublin', 53.3498, -6.2603, 'D02 X285', ['Grand Canal Quay', "Sir John Rogerson's Quay"]), 4],
  [place('Ireland', 'Cork', 'Cork', 51.8985, -8.4756, 'T12 X70A', ['Lapps Quay', 'Albert Quay']), 1],
];

const dach: (readonly [Place, number])[] = [
  [place('Germany', 'Bayern', 'München', 48.1351, 11.582, '80331', ['Leopoldstraße', 'Maximilianstraße']), 6],
  [place('Germany', 'Berlin', 'Berlin', 52.52, 13.405, '10117', ['Friedrichstraße', 'Unter den Linden']), 6],
  [place('Germany', 'Hamburg', 'Hamburg', 53.5511, 9.9937, '20095', ['Mönckebergstraße', 'Am Sandtorkai']), 4],
  [place('Germany', 'Hessen', 'Frankfurt am Main', 50.1109, 8.6821, '60311', ['Mainzer Landstraße', 'Taunusanlage']), 4],
  [place('Germany', 'Nordrhein-Westfalen', 'Köln', 50.9375, 6.9603, '50667', ['Hohenzollernring', 'Rheinauhafen']), 3],
  [place('Germany', 'Nordrhein-Westfalen', 'Düsseldorf', 51.2277, 6.7735, '40213', ['Königsallee', 'Speditionstraße']), 3],
  [place('Germany', 'Baden-Württemberg', 'Stuttgart', 48.7758, 9.1829, '70173', ['Königstraße', 'Heilbronner Straße']), 3],
  [place('Austria', 'Wien', 'Wien', 48.2082, 16.3738, '1010', ['Kärntner Ring', 'Wiedner Hauptstraße']), 3],
  [place('Switzerland', 'Zürich', 'Zürich', 47.3769, 8.5417, '8001', ['Bahnhofstrasse', 'Hardturmstrasse']), 3],
];

const strategic: (readonly [Place, number])[] = [
  [place('United States', 'NY', 'New York', 40.7128, -74.006, '10001', ['Madison Avenue', 'Hudson Yards']), 5],
  [place('United States', 'CA', 'San Francisco', 37.7749, -122.4194, '94105', ['Market Street', 'Mission Street']), 4],
  [place('United States', 'TX', 'Austin', 30.2672, -97.7431, '78701', ['Congress Avenue', 'West 6th Street']), 2],
  [place('United States', 'IL', 'Chicago', 41.8781, -87.6298, '60606', ['Wacker Drive', 'LaSalle Street']), 2],
  [place('United States', 'MA', 'Boston', 42.3601, -71.0589, '02110', ['Atlantic Avenue', 'State Street']), 2],
  [place('Singapore', null, 'Singapore', 1.2834, 103.8607, '018989', ['Marina Boulevard', 'Raffles Place']), 3],
  [place(TH, BANGKOK, 'เขตปทุมวัน', 13.7446, 100.5331, '10330', ['Rama I Road', 'Wireless Road']), 2],
];

export const REGIONS = {
  bangkok: {
    key: 'bangkok',
    label: 'Bangkok Metro',
    tzHours: 7,
    timeZone: 'Asia/Bangkok',
    office: { country: TH, state: BANGKOK },
    places: bangkokMetro,
    people: [['thai', 1]],
    visitShare: 0.45,
  },
  provinces: {
    key: 'provinces',
    label: 'Thailand Provinces',
    tzHours: 7,
    timeZone: 'Asia/Bangkok',
    office: { country: TH, state: 'เชียงใหม่' },
    places: thaiProvinces,
    people: [['thai', 1]],
    visitShare: 0.5,
  },
  ukIreland: {
    key: 'ukIreland',
    label: 'UK & Ireland',
    tzHours: 0,
    timeZone: 'Europe/London',
    office: { country: 'United Kingdom', state: 'England' },
    places: ukAndIreland,
    people: [
      ['english', 5],
      ['german', 1],
    ],
    visitShare: 0.25,
  },
  dach: {
    key: 'dach',
    label: 'DACH',
    tzHours: 1,
    timeZone: 'Europe/Berlin',
    office: { country: 'Germany', state: 'Bayern' },
    places: dach,
    people: [
      ['german', 4],
      ['english', 1],
    ],
    visitShare: 0.3,
  },
  strategic: {
    key: 'strategic',
    label: 'Strategic Accounts',
    tzHours: -5,
    timeZone: 'America/New_York',
    office: { country: 'United States', state: 'NY' },
    places: strategic,
    people: [
      ['english', 3],
      ['thai', 1],
    ],
    visitShare: 0.35,
  },
} as const satisfies Record<string, Region>;

/** The four teams of every unit of the organisation, in order. */
export const TEAM_REGIONS: readonly Region[] = [REGIONS.bangkok, REGIONS.provinces, REGIONS.ukIreland, REGIONS.dach];
