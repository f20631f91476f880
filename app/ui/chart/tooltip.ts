/**
 * Every chart tooltip of the app is built here, as DOM nodes whose text is set with textContent:
 * department and indicator names come from uploaded files and systems, and a name such as
 * `<img src=x onerror=…>` must show as those characters, never become an element. No tooltip
 * returns an HTML string, so nothing needs escaping. Colours go through the CSSOM (`style.x = …`),
 * which the Content-Security-Policy allows.
 */

export interface TooltipRow {
  label: string;
  value: string;
  /** The series colour, drawn as a small dot before the label. */
  color?: string;
}

function el(tag: string, className: string, text?: string): HTMLElement {
  const e = document.createElement(tag);
  e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

/** A title line and label/value rows. */
export function tooltipNode(title: string, rows: TooltipRow[]): HTMLElement {
  const box = el('div', 'chart-tip');
  box.appendChild(el('div', 'chart-tip-title', title));
  for (const r of rows) {
    const line = el('div', 'chart-tip-row');
    if (r.color) {
      const dot = el('span', 'chart-tip-dot');
      dot.style.backgroundColor = r.color;
      line.appendChild(dot);
    }
    line.appendChild(el('span', 'chart-tip-label', r.label));
    line.appendChild(el('span', 'chart-tip-value', r.value));
    box.appendChild(line);
  }
  return box;
}

/** What echarts hands an axis tooltip's formatter, reduced to what we read. */
interface AxisParam {
  axisValueLabel?: string;
  name?: string;
  seriesName?: string;
  value?: unknown;
  color?: unknown;
}

function valueText(v: unknown): string | null {
  if (v === null || v === undefined || v === '-') return null;
  if (Array.isArray(v)) return valueText(v[v.length - 1]);
  return typeof v === 'number' ? String(v) : typeof v === 'string' ? v : null;
}

/**
 * The formatter of an axis-triggered tooltip (`trigger: 'axis'`): the category as the title, one
 * row per series. `format` turns a series' number into the text shown (default: as given).
 */
export function axisTooltip(format: (value: number | string) => string = String) {
  return (params: unknown): HTMLElement => {
    const list = (Array.isArray(params) ? params : [params]) as AxisParam[];
    const title = list[0]?.axisValueLabel ?? list[0]?.name ?? '';
    const rows: TooltipRow[] = [];
    for (const p of list) {
      const v = valueText(p.value);
      if (v === null) continue;
      rows.push({ label: p.seriesName ?? '', value: format(v), ...(typeof p.color === 'string' ? { color: p.color } : {}) });
    }
    return tooltipNode(title, rows);
  };
}

/**
 * The formatter of an item-triggered tooltip of a series per department (e.g. the slope chart):
 * the series name as the title, the item's category and value below.
 */
export function seriesItemTooltip(format: (value: number | string) => string = String) {
  return (params: unknown): HTMLElement => {
    const p = (params ?? {}) as AxisParam;
    const v = valueText(p.value);
    return tooltipNode(p.seriesName ?? '', v === null ? [] : [{ label: p.name ?? '', value: format(v), ...(typeof p.color === 'string' ? { color: p.color } : {}) }]);
  };
}
