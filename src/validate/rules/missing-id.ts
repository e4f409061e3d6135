import { say, type Message } from '../../messages.ts';

/** Rule missing-id (FND205): every row needs a respondent id. */
export function missingId(id: string): Message | null {
  return id === '' ? say.FND205() : null;
}
