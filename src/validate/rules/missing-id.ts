/** Rule missing-id (FND205): every row needs a respondent id. */
export function missingId(id: string): string | null {
  return id === '' ? 'empty respondent id' : null;
}
