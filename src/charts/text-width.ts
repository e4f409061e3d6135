/**
 * Width of a line of text in DejaVu Sans, in pixels, from the font's advance widths.
 *
 * Vega measures text with a canvas; without one (as in Node) it guesses 0.8 em per character, about
 * 1.5x too wide for DejaVu Sans, which shrinks plots and cuts labels with "…". The tables below are the
 * advance widths (units of 1/2048 em, kerning ignored, so a slight overestimate) of DejaVuSans.ttf and
 * DejaVuSans-Bold.ttf (DejaVu Fonts 2.37) for U+0020–U+00FF, read from the fonts' hmtx tables.
 * Other characters: a few common punctuation marks are listed; wide scripts count 1 em; the rest 0.65 em.
 *
 * @example
 * textWidth('Funders', 11); // ≈ 44.3
 * textWidth('Funders', 14, 'bold'); // ≈ 64.3
 */
const UNITS_PER_EM = 2048;

/** Advance widths of U+0020–U+00FF, regular (0 = no glyph: a control character). */
const REGULAR: readonly number[] = [
  651, 821, 942, 1716, 1303, 1946, 1597, 563, 799, 799, 1024, 1716, 651, 739, 651, 690, 1303, 1303, 1303, 1303, 1303, 1303, 1303, 1303, 1303, 1303, 690, 690,
  1716, 1716, 1716, 1087, 2048, 1401, 1405, 1430, 1577, 1294, 1178, 1587, 1540, 604, 604, 1343, 1141, 1767, 1532, 1612, 1235, 1612, 1423, 1300, 1251, 1499,
  1401, 2025, 1403, 1251, 1403, 799, 690, 799, 1716, 1024, 1024, 1255, 1300, 1126, 1300, 1260, 721, 1300, 1298, 569, 569, 1186, 569, 1995, 1298, 1253, 1300,
  1300, 842, 1067, 803, 1298, 1212, 1675, 1212, 1212, 1075, 1303, 690, 1303, 1716, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 651, 821, 1303, 1303, 1303, 1303, 690, 1024, 1024, 2048, 965, 1253, 1716, 739, 2048, 1024, 1024, 1716, 821, 821, 1024, 1303, 1303, 651,
  1024, 821, 965, 1253, 1985, 1985, 1985, 1087, 1401, 1401, 1401, 1401, 1401, 1401, 1995, 1430, 1294, 1294, 1294, 1294, 604, 604, 604, 604, 1587, 1532, 1612,
  1612, 1612, 1612, 1612, 1716, 1612, 1499, 1499, 1499, 1499, 1251, 1239, 1290, 1255, 1255, 1255, 1255, 1255, 1255, 2011, 1126, 1260, 1260, 1260, 1260, 569,
  569, 569, 569, 1253, 1298, 1253, 1253, 1253, 1253, 1253, 1716, 1253, 1298, 1298, 1298, 1298, 1212, 1300, 1212,
];

/** Advance widths of U+0020–U+00FF, bold. */
const BOLD: readonly number[] = [
  713, 934, 1067, 1716, 1425, 2052, 1786, 627, 936, 936, 1071, 1716, 778, 850, 778, 748, 1425, 1425, 1425, 1425, 1425, 1425, 1425, 1425, 1425, 1425, 819, 819,
  1716, 1716, 1716, 1188, 2048, 1585, 1561, 1503, 1700, 1399, 1399, 1681, 1714, 762, 762, 1587, 1305, 2038, 1714, 1741, 1501, 1741, 1577, 1475, 1397, 1663,
  1585, 2259, 1579, 1483, 1485, 936, 748, 936, 1716, 1024, 1024, 1382, 1466, 1214, 1466, 1389, 891, 1466, 1458, 702, 702, 1362, 702, 2134, 1458, 1407, 1466,
  1466, 1010, 1219, 979, 1458, 1335, 1892, 1321, 1335, 1192, 1458, 748, 1458, 1716, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 713, 934, 1425, 1425, 1303, 1425, 748, 1024, 1024, 2048, 1155, 1323, 1716, 850, 2048, 1024, 1024, 1716, 897, 897, 1024, 1507, 1303,
  778, 1024, 897, 1155, 1323, 2120, 2120, 2120, 1188, 1585, 1585, 1585, 1585, 1585, 1585, 2222, 1503, 1399, 1399, 1399, 1399, 762, 762, 762, 762, 1716, 1714,
  1741, 1741, 1741, 1741, 1741, 1716, 1741, 1663, 1663, 1663, 1663, 1483, 1511, 1473, 1382, 1382, 1382, 1382, 1382, 1382, 2146, 1214, 1389, 1389, 1389, 1389,
  702, 702, 702, 702, 1407, 1458, 1407, 1407, 1407, 1407, 1407, 1716, 1407, 1458, 1458, 1458, 1458, 1335, 1466, 1335,
];

/** [regular, bold] advance widths of punctuation beyond Latin-1 that reports use. */
const EXTRA: ReadonlyMap<number, readonly [number, number]> = new Map([
  [0x2013, [1024, 1024]],
  [0x2014, [2048, 2048]],
  [0x2018, [651, 778]],
  [0x2019, [651, 778]],
  [0x201c, [1061, 1346]],
  [0x201d, [1061, 1346]],
  [0x2026, [2048, 2048]],
  [0x2022, [1208, 1309]],
  [0x21b3, [1716, 1716]],
  [0x2212, [1716, 1716]],
  [0x2020, [1024, 1024]],
  [0x2021, [1024, 1024]],
  [0x2264, [1716, 1716]],
  [0x2265, [1716, 1716]],
  [0x3c7, [1183, 1321]],
  [0x2009, [409, 409]],
  [0xa0, [651, 713]],
]);

function isBold(weight: string | number | undefined): boolean {
  if (weight === undefined) return false;
  if (typeof weight === 'number') return weight >= 600;
  return weight === 'bold' || weight === 'bolder' || Number(weight) >= 600;
}

function isWide(codePoint: number): boolean {
  return (
    (codePoint >= 0x1100 && codePoint <= 0x115f) ||
    (codePoint >= 0x2e80 && codePoint <= 0xa4cf) ||
    (codePoint >= 0xac00 && codePoint <= 0xd7a3) ||
    (codePoint >= 0xf900 && codePoint <= 0xfaff) ||
    (codePoint >= 0xfe30 && codePoint <= 0xfe4f) ||
    (codePoint >= 0xff00 && codePoint <= 0xff60) ||
    (codePoint >= 0x1f300 && codePoint <= 0x1faff) ||
    (codePoint >= 0x20000 && codePoint <= 0x3fffd)
  );
}

export function textWidth(text: string, fontSize: number, fontWeight?: string | number): number {
  const bold = isBold(fontWeight);
  const table = bold ? BOLD : REGULAR;
  let units = 0;
  for (const char of text) {
    const codePoint = char.codePointAt(0) ?? 0x20;
    const latin = codePoint >= 0x20 && codePoint <= 0xff ? table[codePoint - 0x20] : undefined;
    if (latin !== undefined && latin > 0) units += latin;
    else if (EXTRA.has(codePoint)) units += EXTRA.get(codePoint)?.[bold ? 1 : 0] ?? 0;
    else if (codePoint < 0x20 || (codePoint >= 0x7f && codePoint < 0xa0)) units += 0;
    // Bidi controls (the isolates of bidi.ts) take no room.
    else if (
      codePoint === 0x61c ||
      codePoint === 0x200e ||
      codePoint === 0x200f ||
      (codePoint >= 0x202a && codePoint <= 0x202e) ||
      (codePoint >= 0x2066 && codePoint <= 0x2069)
    )
      units += 0;
    else units += isWide(codePoint) ? UNITS_PER_EM : 0.65 * UNITS_PER_EM;
  }
  return (units / UNITS_PER_EM) * fontSize;
}
