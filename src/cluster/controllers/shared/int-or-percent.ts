/**
 * `intstr.GetScaledValueFromIntOrPercent`: an integer as is, or a percentage of `total`
 * rounded up or down.
 */
export function scaledValue(value: unknown, total: number, roundUp: boolean): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string') {
    const m = /^(\d+)%$/.exec(value);
    if (m) {
      const v = (Number(m[1]) * total) / 100;
      return roundUp ? Math.ceil(v) : Math.floor(v);
    }
    const n = Number(value);
    if (Number.isInteger(n)) return n;
  }
  return 0;
}
