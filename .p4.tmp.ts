import { openSync, writeSync, closeSync } from 'node:fs';
const base = 'ก'.repeat(100) + 'x'.repeat(900000);
const vals: string[] = [];
for (let i = 0; i < 13; i++) vals.push(base.slice(i * 20, i * 20 + 12 + (i % 5)));
const N = 2_000_000;
function run(name: string, f: () => void) { const t = Date.now(); f(); console.log(name, Date.now() - t, 'ms'); }
run('rope+writeSync', () => {
  const fd = openSync('/tmp/ingest-bench/w1', 'w'); let buf = '';
  for (let r = 0; r < N; r++) { let row = String(r); for (const v of vals) row += ',' + v; buf += row + '\n'; if (buf.length > 1 << 20) { writeSync(fd, buf); buf = ''; } }
  writeSync(fd, buf); closeSync(fd);
});
run('array-join+writeSync', () => {
  const fd = openSync('/tmp/ingest-bench/w2', 'w'); let parts: string[] = []; let len = 0;
  for (let r = 0; r < N; r++) { let row = String(r); for (const v of vals) row += ',' + v; parts.push(row); len += row.length; if (len > 1 << 20) { writeSync(fd, parts.join('\n') + '\n'); parts = []; len = 0; } }
  writeSync(fd, parts.join('\n') + '\n'); closeSync(fd);
});
run('buffer.write', () => {
  const fd = openSync('/tmp/ingest-bench/w3', 'w'); const b = Buffer.allocUnsafe(4 << 20); let off = 0;
  for (let r = 0; r < N; r++) { off += b.write(String(r), off, 'latin1'); for (const v of vals) { b[off++] = 44; off += b.write(v, off); } b[off++] = 10; if (off > 3 << 20) { writeSync(fd, b, 0, off); off = 0; } }
  writeSync(fd, b, 0, off); closeSync(fd);
});
run('row-join', () => {
  const fd = openSync('/tmp/ingest-bench/w4', 'w'); let buf = '';
  for (let r = 0; r < N; r++) { buf += r + ',' + vals.join(',') + '\n'; if (buf.length > 1 << 20) { writeSync(fd, buf); buf = ''; } }
  writeSync(fd, buf); closeSync(fd);
});
