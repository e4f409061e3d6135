import { textWidth } from '../../src/charts/text-width.ts';

export interface Box {
  text: string;
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}
export interface Segment {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

/**
 * The absolute geometry of a Vega SVG's data marks: every value label (text of a text mark) as a box
 * (its width from DejaVu Sans advances, its height from Vega's own 0.8 em above and 0.2 em below the
 * alphabetic baseline), every line-mark path and rule-mark line as segments, and how many x axes it draws. Groups' translate() transforms are accumulated down the tree.
 */
export function svgGeometry(svg: string): { labels: Box[]; segments: Segment[]; lines: number; xAxes: number } {
  const labels: Box[] = [];
  const segments: Segment[] = [];
  let xAxes = 0;
  let lines = 0;
  const stack: { dx: number; dy: number; cls: string }[] = [{ dx: 0, dy: 0, cls: '' }];
  const translate = (tag: string): [number, number] => {
    const match = /\stransform="translate\(([-\d.e]+),([-\d.e]+)\)"/.exec(tag);
    return match === null ? [0, 0] : [Number(match[1]), Number(match[2])];
  };
  const inside = (name: string): boolean => stack.some((frame) => frame.cls.includes(name));
  for (const match of svg.matchAll(/<(\/?)(g|path|line|text)\b([^>]*?)(\/?)>(?:([^<]*)<\/text>)?/g)) {
    const [, closing, name, attributes = '', selfClosing] = match;
    const top = stack[stack.length - 1]!;
    if (name === 'g') {
      if (closing) {
        stack.pop();
        continue;
      }
      const cls = /\sclass="([^"]*)"/.exec(attributes)?.[1] ?? '';
      if (cls.includes('role-axis') && /aria-label="X-axis/.test(attributes)) xAxes++;
      const [dx, dy] = translate(attributes);
      if (!selfClosing) stack.push({ dx: top.dx + dx, dy: top.dy + dy, cls });
      continue;
    }
    if (closing) continue;
    if (name === 'path' && inside('mark-line role-mark')) {
      const d = /\sd="([^"]*)"/.exec(attributes)?.[1] ?? '';
      const [dx, dy] = translate(attributes);
      lines++;
      const points = [...d.matchAll(/[ML]([-\d.e]+),([-\d.e]+)/g)].map((p) => [Number(p[1]) + top.dx + dx, Number(p[2]) + top.dy + dy] as const);
      for (let i = 1; i < points.length; i++) segments.push({ x1: points[i - 1]![0], y1: points[i - 1]![1], x2: points[i]![0], y2: points[i]![1] });
    } else if (name === 'line' && inside('mark-rule role-mark')) {
      const [dx, dy] = translate(attributes);
      const x2 = Number(/\sx2="([-\d.e]+)"/.exec(attributes)?.[1] ?? 0);
      const y2 = Number(/\sy2="([-\d.e]+)"/.exec(attributes)?.[1] ?? 0);
      segments.push({ x1: top.dx + dx, y1: top.dy + dy, x2: top.dx + dx + x2, y2: top.dy + dy + y2 });
    } else if (name === 'text' && inside('mark-text role-mark')) {
      const text = (match[5] ?? '').trim();
      // A white halo drawn under a label is the same box.
      if (text === '' || /\sstroke="#ffffff"/.test(attributes)) continue;
      const [dx, dy] = translate(attributes);
      const size = Number(/font-size="([\d.]+)px"/.exec(attributes)?.[1] ?? 11);
      const anchor = /text-anchor="(\w+)"/.exec(attributes)?.[1] ?? 'start';
      const width = textWidth(text, size);
      const x = top.dx + dx;
      const y = top.dy + dy;
      const x1 = anchor === 'start' ? x : anchor === 'end' ? x - width : x - width / 2;
      labels.push({ text, x1, x2: x1 + width, y1: y - 0.8 * size, y2: y + 0.2 * size });
    }
  }
  return { labels, segments, lines, xAxes };
}

/** Whether a segment passes through a box (Liang–Barsky clipping), the box shrunk by `inset` on each side. */
export function crosses(segment: Segment, box: Box, inset = 0.5): boolean {
  const [xmin, xmax, ymin, ymax] = [box.x1 + inset, box.x2 - inset, box.y1 + inset, box.y2 - inset];
  const dx = segment.x2 - segment.x1;
  const dy = segment.y2 - segment.y1;
  let t0 = 0;
  let t1 = 1;
  for (const [p, q] of [
    [-dx, segment.x1 - xmin],
    [dx, xmax - segment.x1],
    [-dy, segment.y1 - ymin],
    [dy, ymax - segment.y1],
  ] as const) {
    if (p === 0) {
      if (q < 0) return false;
    } else {
      const t = q / p;
      if (p < 0) t0 = Math.max(t0, t);
      else t1 = Math.min(t1, t);
      if (t0 > t1) return false;
    }
  }
  return true;
}

export function overlap(a: Box, b: Box): boolean {
  return a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2;
}
