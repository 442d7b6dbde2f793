import type { Messages } from './messages.ts';

export const th: Messages = {
  subject: {
    org: (asOf) => `สกอร์การ์ดการขายทั้งองค์กร ณ วันที่ ${asOf}`,
    team: (name, asOf) => `สกอร์การ์ดการขายของทีม ${name} ณ วันที่ ${asOf}`,
    ae: (name, asOf) => `สกอร์การ์ดการขายของ ${name} ณ วันที่ ${asOf}`,
  },
  greeting: (name) => (name ? `เรียน คุณ${name}` : 'เรียน ผู้รับ'),
  intro: (asOf) => `สกอร์การ์ดการขาย ณ วันที่ ${asOf} เผยแพร่แล้ว`,
  heading: {
    org: 'ทั้งองค์กร',
    team: (name) => `ทีม ${name}`,
    ae: (name) => name,
  },
  period: (start, end) => `ไตรมาสนี้ถึงปัจจุบัน ${start} ถึง ${end}`,
  changesSince: (previousAsOf) => `การเปลี่ยนแปลงที่มากที่สุดนับจากฉบับวันที่ ${previousAsOf}`,
  firstVersion: 'นี่คือฉบับแรก จึงยังไม่มีข้อมูลให้เปรียบเทียบ',
  noChanges: 'ไม่มีการเปลี่ยนแปลงจากฉบับก่อนหน้า',
  openPage: 'เปิดรายงาน',
  versionNote: (asOf) => `ลิงก์นี้แสดงฉบับวันที่ ${asOf} และจะแสดงตัวเลขชุดนี้เสมอ แม้จะมีการประมวลผลครั้งถัดไป`,
  footer: 'ส่งโดย Scorecard หลังการประมวลผลประจำคืน หากมีคำถามโปรดติดต่อทีมปฏิบัติการฝ่ายขาย',
};
