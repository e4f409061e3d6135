/** The lines of every <text> of an SVG (one per <tspan> for multi-line text), unescaped. */
export function svgLines(svg: string): string[] {
  return [...svg.matchAll(/<text\b[^>]*>([\s\S]*?)<\/text>/g)].flatMap((match) => {
    const body = match[1] ?? '';
    const parts = body.includes('<tspan') ? [...body.matchAll(/<tspan\b[^>]*>([\s\S]*?)<\/tspan>/g)].map((tspan) => tspan[1] ?? '') : [body];
    return parts.map((part) =>
      part
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
        .replace(/&#39;/g, "'")
        .replace(/&amp;/g, '&'),
    );
  });
}
