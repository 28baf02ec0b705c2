// Times jsonrepair on the inputs that HealingInputs wrote, the way HealingBenchmark times the
// Java healer: one operation repairs every text of an input; a warm-up, then repeated timed
// runs; MB/s = UTF-8 bytes per operation / time per operation (MB = 10^6 bytes).
//
//   node bench.mjs DIR [RESULTS.json]
//
// DIR holds NAME.json (the texts) and NAME.healed.json (the Java healer's answers, each
// {"value": ...} or {"refused": REASON}); the script also counts on how many texts jsonrepair
// gives the same value, or refuses too.
import { jsonrepair } from 'jsonrepair';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';

const dir = process.argv[2] ?? '../target/healing-inputs';
const resultsFile = process.argv[3];
const names = ['sample', 'repairs-2k', 'repairs-200k', 'valid-2k', 'valid-200k'];
const WARMUP_MS = Number(process.env.WARMUP_MS ?? 3000);
const RUNS = Number(process.env.RUNS ?? 5);
const RUN_MS = Number(process.env.RUN_MS ?? 1000);

function repairAll(texts) {
  let n = 0;
  for (const t of texts) {
    try {
      n += jsonrepair(t).length;
    } catch (e) {
      n += 1;
    }
  }
  return n;
}

function agreement(texts, healed) {
  let same = 0;
  for (let i = 0; i < texts.length; i++) {
    let value;
    try {
      value = JSON.parse(jsonrepair(texts[i]));
    } catch (e) {
      value = undefined;
    }
    if ('refused' in healed[i] ? value === undefined : isDeepStrictEqual(value, healed[i].value)) {
      same++;
    }
  }
  return same;
}

let sink = 0;
const results = [];
console.log(`jsonrepair, node ${process.version}, warm-up ${WARMUP_MS} ms, ${RUNS} runs of ${RUN_MS} ms`);
console.log('input          texts      bytes/op     us/op      MB/s  same value as router4j');
for (const name of names) {
  const texts = JSON.parse(readFileSync(join(dir, `${name}.json`), 'utf8'));
  const healed = JSON.parse(readFileSync(join(dir, `${name}.healed.json`), 'utf8'));
  const bytes = texts.reduce((n, t) => n + Buffer.byteLength(t, 'utf8'), 0);
  const same = agreement(texts, healed);
  const warmEnd = performance.now() + WARMUP_MS;
  while (performance.now() < warmEnd) {
    sink += repairAll(texts);
  }
  const perOp = [];
  for (let r = 0; r < RUNS; r++) {
    let ops = 0;
    const start = performance.now();
    let now;
    do {
      sink += repairAll(texts);
      ops++;
      now = performance.now();
    } while (now - start < RUN_MS);
    perOp.push(((now - start) * 1000) / ops);
  }
  perOp.sort((a, b) => a - b);
  const usPerOp = perOp[Math.floor(perOp.length / 2)];
  const mbps = bytes / usPerOp; // bytes per microsecond = MB/s
  results.push({ input: name, texts: texts.length, bytes, usPerOp, mbps, same });
  console.log(
    `${name.padEnd(14)} ${String(texts.length).padStart(5)} ${String(bytes).padStart(13)} ${usPerOp.toFixed(1).padStart(9)} ${mbps.toFixed(2).padStart(9)}  ${same}/${texts.length}`);
}
if (resultsFile) {
  writeFileSync(resultsFile, JSON.stringify({ node: process.version, results }, null, 2) + '\n');
}
if (sink === 42) console.log('');
