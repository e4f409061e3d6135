/** Rule wrong-field-count (FND203): a row must have as many fields as the header. */
export function wrongFieldCount(fields: number, width: number): string | null {
  if (fields === width) return null;
  return `row has ${fields} field${fields === 1 ? '' : 's'}; the header has ${width}`;
}
