// Regenerates src/Petitions.Core/Policy/calendar.json from the npm package chinese-days (MIT,
// https://github.com/vsme/chinese-days), which transcribes the State Council General Office's yearly notice on
// public holidays (国务院办公厅关于部分节假日安排的通知). For each year it keeps the days off that fall on a
// weekday-or-weekend (holidays) and the adjusted working weekend days (调休上班, workdays). A working day is a day
// that is a workday, or a Monday to Friday that is not a holiday. Run by ./petitions when the package or this script
// changed; by hand: node scripts/build-calendar.mjs
import { readFileSync, writeFileSync } from 'node:fs';

const root = new URL('../node_modules/chinese-days/', import.meta.url);
const pkg = JSON.parse(readFileSync(new URL('package.json', root), 'utf8'));
const data = JSON.parse(readFileSync(new URL('dist/chinese-days.json', root), 'utf8'));

const years = {};
const add = (kind, date, label) => {
  const year = date.slice(0, 4);
  years[year] ??= { holidays: {}, workdays: {} };
  years[year][kind][date] = label.split(',')[1] ?? label;
};
for (const [date, label] of Object.entries(data.holidays)) add('holidays', date, label);
for (const [date, label] of Object.entries(data.workdays)) add('workdays', date, label);

const sorted = (o) => Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)));
const out = {
  source: `npm chinese-days ${pkg.version} (State Council General Office notices on public holidays)`,
  years: Object.fromEntries(Object.keys(years).sort().map((y) => [y, { holidays: sorted(years[y].holidays), workdays: sorted(years[y].workdays) }])),
};
writeFileSync(new URL('../src/Petitions.Core/Policy/calendar.json', import.meta.url), JSON.stringify(out, null, 1) + '\n');
console.log(`calendar.json: ${Object.keys(out.years).length} years (${Object.keys(out.years)[0]}–${Object.keys(out.years).at(-1)}) from chinese-days ${pkg.version}`);
