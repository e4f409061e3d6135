/**
 * `data.filter` (issue 16): which respondent rows the analysis keeps, by conditions on columns.
 * A condition is one of: a column equal to a value, in a list of values, within a numeric range
 * (min and max inclusive; a blank or non-numeric cell is outside any range), not blank; or `all` /
 * `any` of other conditions (nested freely). Cells are compared trimmed; a numeric condition value
 * also matches a cell that reads as the same number ("1" equals 1.0).
 *
 * A row the filter leaves out is counted in the ledger as filtered (rowsFiltered), never rejected,
 * and is not checked by the row rules: the run is the run on the file with those rows removed.
 */
import type { RowFilter } from '../model.ts';

/** A filter compiled against a header: true when the row is kept. */
export type RowTest = (row: readonly string[]) => boolean;

/** Compile a filter, given the index of each column it names (all found: resolveColumns checked them). */
export function compileFilter(filter: RowFilter, indexOf: (column: string) => number): RowTest {
  switch (filter.kind) {
    case 'all': {
      const parts = filter.conditions.map((c) => compileFilter(c, indexOf));
      return (row) => parts.every((test) => test(row));
    }
    case 'any': {
      const parts = filter.conditions.map((c) => compileFilter(c, indexOf));
      return (row) => parts.some((test) => test(row));
    }
    case 'equals':
    case 'in': {
      const index = indexOf(filter.column);
      const values = filter.kind === 'equals' ? [filter.value] : filter.values;
      const texts = new Set(values);
      const numbers = new Set(values.map(numberOf).filter((n): n is number => n !== null));
      return (row) => {
        const cell = (row[index] ?? '').trim();
        if (texts.has(cell)) return true;
        if (numbers.size === 0) return false;
        const n = numberOf(cell);
        return n !== null && numbers.has(n);
      };
    }
    case 'range': {
      const index = indexOf(filter.column);
      const { min, max } = filter;
      return (row) => {
        const n = numberOf((row[index] ?? '').trim());
        return n !== null && (min === null || n >= min) && (max === null || n <= max);
      };
    }
    case 'notBlank': {
      const index = indexOf(filter.column);
      return (row) => (row[index] ?? '').trim() !== '';
    }
  }
}

/** Every column a filter names, in order, each once. */
export function filterColumns(filter: RowFilter, out: { column: string; key: string }[] = []): { column: string; key: string }[] {
  if (filter.kind === 'all' || filter.kind === 'any') {
    for (const c of filter.conditions) filterColumns(c, out);
    return out;
  }
  const { column, key } = filter;
  if (!out.some((seen) => seen.column === column)) out.push({ column, key });
  return out;
}

/**
 * The filter in words, for the report's methods: "region is North or East", "age is 18 to 65",
 * "email is not blank", joined by "and" / "or" (nested groups in parentheses).
 */
export function describeFilter(filter: RowFilter, nested = false): string {
  switch (filter.kind) {
    case 'all':
    case 'any': {
      const joined = filter.conditions.map((c) => describeFilter(c, true)).join(filter.kind === 'all' ? ' and ' : ' or ');
      return nested && filter.conditions.length > 1 ? `(${joined})` : joined;
    }
    case 'equals':
      return `${filter.column} is ${filter.value}`;
    case 'in':
      return `${filter.column} is ${orList(filter.values)}`;
    case 'range':
      if (filter.min !== null && filter.max !== null) return `${filter.column} is ${filter.min} to ${filter.max}`;
      return filter.min !== null ? `${filter.column} is at least ${filter.min}` : `${filter.column} is at most ${filter.max}`;
    case 'notBlank':
      return `${filter.column} is not blank`;
  }
}

/** The conditions of both, all of them (a --by subset added to the config's own filter). */
export function andFilters(a: RowFilter | null, b: RowFilter): RowFilter {
  return a === null ? b : { kind: 'all', conditions: [a, b] };
}

function orList(values: readonly string[]): string {
  if (values.length <= 1) return values.join('');
  return `${values.slice(0, -1).join(', ')} or ${values[values.length - 1]}`;
}

function numberOf(text: string): number | null {
  if (text === '' || !/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) return null;
  const n = Number(text);
  return Number.isFinite(n) ? n : null;
}
