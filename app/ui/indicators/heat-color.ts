/** Score rate 0…1 to a calm background: pale green at full marks, sand in the middle, soft red at zero. */
const STOPS: [number, [number, number, number]][] = [
  [0, [236, 166, 160]],
  [0.5, [248, 222, 178]],
  [1, [226, 241, 231]],
];

export function heatColor(rate: number): string {
  const r = Math.min(1, Math.max(0, rate));
  for (let i = 1; i < STOPS.length; i++) {
    const [x1, c1] = STOPS[i]!;
    const [x0, c0] = STOPS[i - 1]!;
    if (r <= x1) {
      const f = (r - x0) / (x1 - x0);
      const mix = c0.map((v, k) => Math.round(v + (c1[k]! - v) * f));
      return `rgb(${mix.join(',')})`;
    }
  }
  return `rgb(${STOPS[STOPS.length - 1]![1].join(',')})`;
}

export const HEAT_GRADIENT = `linear-gradient(to right, ${[0, 0.25, 0.5, 0.75, 1].map(heatColor).join(', ')})`;
