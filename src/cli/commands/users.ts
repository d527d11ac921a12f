// `tidelens users add|list|set-role|disable|enable|reset-password`: manage logins from the shell.
import { openDb, parseDbUrl, resolveDbTarget, type Db } from '../../db/index.ts';
import { TidelensError } from '../../errors.ts';
import { generatePassword } from '../../server/auth/password.ts';
import { SessionRepo } from '../../server/auth/sessions.ts';
import { RoleSchema, UserRepo } from '../../server/auth/users.ts';
import { parseFlags, type Command, type Io } from '../command.ts';

const HELP = [
  'Usage: npx tidelens users <action> [NAME] [options]',
  '',
  'Actions:',
  '  add NAME --role viewer|analyst|admin [--password-stdin]   create a user; prints a generated password',
  '                                                            unless one is read from standard input',
  '  list                                                      id, name, role, created, disabled',
  "  set-role NAME --role ROLE                                 change a role (ends the user's sessions)",
  '  disable NAME | enable NAME                                block or allow logins',
  "  reset-password NAME [--password-stdin]                    new password (ends the user's sessions)",
  '',
  'Options:',
  '  --db URL   where platform_users lives (default TIDELENS_APP_DB, then the warehouse: TIDELENS_DB, RDS_*, sqlite:./data/tidelens.db)',
].join('\n');

async function openAppDb(flag: string | undefined, env: NodeJS.ProcessEnv): Promise<Db> {
  if (flag) return openDb(parseDbUrl(flag));
  if (env.TIDELENS_APP_DB) return openDb(parseDbUrl(env.TIDELENS_APP_DB));
  return openDb(resolveDbTarget(undefined, env));
}

async function readPassword(io: Io): Promise<string> {
  const pw = (await io.stdin()).replace(/\r?\n$/, '');
  if (!pw)
    throw new TidelensError(
      'bad_input',
      '--password-stdin read nothing; pipe the password in, e.g. `printf %s "$PW" | npx tidelens users add ...`',
    );
  return pw;
}

export const usersCommand: Command = {
  name: 'users',
  summary: "Add, list and change the web app's users",
  help: HELP,
  async run(argv, io) {
    const { values, positionals } = parseFlags(
      argv,
      { role: { type: 'string' }, 'password-stdin': { type: 'boolean' }, db: { type: 'string' } },
      'users',
      true,
    );
    const [action, name, ...extra] = positionals;
    if (!action)
      throw new TidelensError('bad_input', 'name an action: add, list, set-role, disable, enable or reset-password');
    if (extra.length)
      throw new TidelensError('bad_input', `unexpected argument "${extra[0]}"; quote names with spaces`);
    const needsName = action !== 'list';
    if (needsName && !name) throw new TidelensError('bad_input', `users ${action} needs a user name`);
    const role = values.role === undefined ? undefined : RoleSchema.safeParse(values.role);
    if (role && !role.success)
      throw new TidelensError('bad_input', `--role must be viewer, analyst or admin, not "${values.role}"`);
    const db = await openAppDb(values.db, io.env);
    try {
      const users = new UserRepo(db);
      const sessions = new SessionRepo(db, 0);
      const find = async () => {
        const u = await users.withHash(name!);
        if (!u) throw new TidelensError('not_found', `no user named "${name}"; \`npx tidelens users list\` shows them`);
        return u;
      };
      switch (action) {
        case 'add': {
          if (!role) throw new TidelensError('bad_input', 'users add needs --role viewer, analyst or admin');
          const given = values['password-stdin'] ? await readPassword(io) : undefined;
          const { user, password } = await users.create(name!, role.data!, given);
          io.out(`created ${user.username} (${user.role}, id ${user.id})`);
          if (!given) io.out(`password: ${password}\n(shown once; only a hash is stored)`);
          return 0;
        }
        case 'list':
          for (const u of await users.list())
            io.out(`${u.id}\t${u.username}\t${u.role}\t${u.createdAt}${u.disabled ? '\tdisabled' : ''}`);
          return 0;
        case 'set-role': {
          if (!role) throw new TidelensError('bad_input', 'users set-role needs --role viewer, analyst or admin');
          const u = await find();
          await users.update(u.id, { role: role.data! });
          await sessions.revokeUser(u.id);
          io.out(`${u.username} is now ${role.data}`);
          return 0;
        }
        case 'disable':
        case 'enable': {
          const u = await find();
          await users.update(u.id, { disabled: action === 'disable' });
          if (action === 'disable') await sessions.revokeUser(u.id);
          io.out(`${u.username} ${action}d`);
          return 0;
        }
        case 'reset-password': {
          const u = await find();
          const pw = values['password-stdin'] ? await readPassword(io) : generatePassword();
          await users.update(u.id, { password: pw });
          await sessions.revokeUser(u.id);
          io.out(
            values['password-stdin']
              ? `password of ${u.username} changed`
              : `new password for ${u.username}: ${pw}\n(shown once)`,
          );
          return 0;
        }
        default:
          throw new TidelensError(
            'bad_input',
            `unknown action "${action}"; use add, list, set-role, disable, enable or reset-password`,
          );
      }
    } finally {
      await db.close();
    }
  },
};
