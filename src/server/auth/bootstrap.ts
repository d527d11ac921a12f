// First start on the embedded default: with no users at all, create "admin" with a one-time random
// password and print it once. There is no default password anywhere.
import type { Db } from '../../db/types.ts';
import { UserRepo } from './users.ts';

export async function ensureFirstAdmin(db: Db, print: (line: string) => void): Promise<boolean> {
  const users = new UserRepo(db);
  if ((await users.count()) > 0) return false;
  const { user, password } = await users.create('admin', 'admin');
  print(
    [
      '',
      '  First start: created the administrator account.',
      `    username: ${user.username}`,
      `    password: ${password}`,
      '  This password is shown once and stored only as a hash. Add people with',
      '  `npx tidelens users add NAME --role viewer|analyst|admin`, or on the Users page.',
      '',
    ].join('\n'),
  );
  return true;
}
