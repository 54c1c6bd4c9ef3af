/**
 * go-yaml v2's map key order (sorter.go, keyList.Less) for string keys: letters compare by code
 * point, runs of digits compare as numbers, and a letter sorts after a non-letter.
 */
const LETTER = /\p{L}/u;
const DIGIT = /\p{Nd}/u;

const isLetter = (c: string): boolean => (c < '\x80' ? (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') : LETTER.test(c));
const isDigit = (c: string): boolean => (c < '\x80' ? c >= '0' && c <= '9' : DIGIT.test(c));

export function goYamlKeyLess(a: string, b: string): boolean {
  const ar = a.length === [...a].length ? a : [...a];
  const br = b.length === [...b].length ? b : [...b];
  const n = Math.min(ar.length, br.length);
  for (let i = 0; i < n; i++) {
    const ac = ar[i]!;
    const bc = br[i]!;
    if (ac === bc) continue;
    const al = isLetter(ac);
    const bl = isLetter(bc);
    if (al && bl) return ac.codePointAt(0)! < bc.codePointAt(0)!;
    if (al || bl) return bl;
    let an = 0;
    let bn = 0;
    if (ac === '0' || bc === '0') {
      for (let j = i - 1; j >= 0 && isDigit(ar[j]!); j--) {
        if (ar[j] !== '0') {
          an = 1;
          bn = 1;
          break;
        }
      }
    }
    let ai = i;
    let bi = i;
    for (; ai < ar.length && isDigit(ar[ai]!); ai++) an = an * 10 + (ar[ai]!.codePointAt(0)! - 48);
    for (; bi < br.length && isDigit(br[bi]!); bi++) bn = bn * 10 + (br[bi]!.codePointAt(0)! - 48);
    if (an !== bn) return an < bn;
    if (ai !== bi) return ai < bi;
    return ac.codePointAt(0)! < bc.codePointAt(0)!;
  }
  return ar.length < br.length;
}

/** Sorts keys the way go-yaml v2 prints a map. */
export function sortKeysGoYaml(keys: string[]): string[] {
  return keys.sort((x, y) => (x === y ? 0 : goYamlKeyLess(x, y) ? -1 : 1));
}
