/**
 * go-yaml v2's map key order (sorter.go, keyList.Less) for string keys: letters compare by code
 * point, runs of digits compare as numbers, and a letter sorts after a non-letter.
 */
const LETTER = /\p{L}/u;
const DIGIT = /\p{Nd}/u;

const isLetter = (c: string): boolean =>
  c < '\x80' ? (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') : LETTER.test(c);
const isDigit = (c: string): boolean => (c < '\x80' ? c >= '0' && c <= '9' : DIGIT.test(c));

const SURROGATE = /[\uD800-\uDFFF]/;

export function goYamlKeyLess(a: string, b: string): boolean {
  // Go compares runes; split into code points only when a string has astral characters.
  const ar = SURROGATE.test(a) ? [...a] : a;
  const br = SURROGATE.test(b) ? [...b] : b;
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
const PLAIN_LETTERS = /^[A-Za-z]*$/;

/** Sorted orders by key set: objects of one kind share their keys, so most sorts are lookups. */
const orders = new Map<string, string[]>();

export function sortKeysGoYaml(keys: string[]): string[] {
  if (keys.length < 2) return keys;
  const sig = keys.join('\u0000');
  const hit = orders.get(sig);
  if (hit) return hit;
  const sorted = sortUncached(keys);
  if (orders.size < 50_000) orders.set(sig, sorted);
  return sorted;
}

function sortUncached(keys: string[]): string[] {
  // Letters-only keys (most Kubernetes field names) compare by code point, as Less does then.
  if (keys.every((k) => PLAIN_LETTERS.test(k))) return keys.sort();
  return keys.sort((x, y) => (x === y ? 0 : goYamlKeyLess(x, y) ? -1 : 1));
}
