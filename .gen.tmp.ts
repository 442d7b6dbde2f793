import { writeDemoDrop } from './functions/demo/demo.ts';
import { directoryWriter } from './functions/demo/writers.ts';
const t = Date.now();
const counts = await writeDemoDrop(directoryWriter(process.argv[2]!), { asOf: '2026-11-26', seed: 7, scale: Number(process.argv[3]), crm: 'salesforce' });
console.log(counts, Object.values(counts).reduce((a, b) => a + b, 0), Date.now() - t, 'ms');
