import { type Command, Option } from 'commander';
import type { Database } from '../../db/connection.js';
import { type Role, Roles } from '../../domain/enums.js';
import { MemberCreate } from '../../modules/workspaces/contracts.js';
import { addMember, createWorkspace, loginExists } from '../../modules/workspaces/service.js';
import { AppError } from '../../server/errors.js';
import { findWorkspace, withDatabase } from '../context.js';
import { CliError } from '../errors.js';
import { promptHidden } from '../prompt.js';

interface UserCreateOptions {
  email: string;
  name: string;
  password?: string;
  workspace: string;
  role: Role;
}

/** Flag, then KEEPWELL_PASSWORD, then a prompt on a terminal (typed twice). */
async function choosePassword(flag: string | undefined): Promise<string | undefined> {
  const given = flag ?? process.env.KEEPWELL_PASSWORD;
  if (given) return given;
  if (!process.stdin.isTTY) return undefined;
  const first = await promptHidden('Password (at least 10 characters): ');
  const second = await promptHidden('Repeat the password: ');
  if (first !== second) throw new CliError('The two passwords differ: nothing was changed');
  return first;
}

async function userCreate(options: UserCreateOptions): Promise<void> {
  const parsed = MemberCreate.safeParse({ email: options.email, name: options.name, role: options.role });
  if (!parsed.success) {
    throw new AppError(
      'validation',
      'Invalid user',
      parsed.error.issues.map((i) => ({ field: i.path.join('.'), rule: i.code, message: i.message })),
    );
  }
  const input = parsed.data;
  await withDatabase(async (database) => {
    const existingLogin = await loginExists(database, input.email);
    const password = existingLogin ? undefined : await choosePassword(options.password);
    if (!existingLogin) {
      if (!password) throw new CliError('A new user needs a password: pass --password, set KEEPWELL_PASSWORD, or run in a terminal to be asked');
      const check = MemberCreate.shape.password.safeParse(password);
      if (!check.success) throw new CliError(`Password ${check.error.issues[0]?.message ?? 'is invalid'}: nothing was changed`);
    }
    // Workspace and membership together: a failure leaves no empty workspace behind.
    const { workspace, created } = await database.db.transaction().execute(async (trx) => {
      const inTransaction: Database = { ...database, db: trx };
      const found = await findWorkspace(inTransaction, options.workspace);
      const ws = found ?? (await createWorkspace(inTransaction, options.workspace));
      await addMember(inTransaction, ws.id, { ...input, password });
      return { workspace: ws, created: !found };
    });
    if (created) console.log(`Created workspace "${workspace.name}" (${workspace.id})`);
    console.log(`Added ${input.email} to "${workspace.name}" as ${Roles.labels[input.role]}`);
    if (existingLogin) console.log(`${input.email} already had a Keepwell login: it keeps its current password`);
  });
}

export function registerUser(program: Command): void {
  const user = program.command('user').description('manage people');
  user
    .command('create')
    .description('create a login (or reuse an existing one) and add it to a workspace, creating the workspace if needed')
    .requiredOption('--email <email>', 'e-mail address, used to sign in')
    .requiredOption('--name <name>', 'full name')
    .option('--password <password>', 'password for a new login (visible to other local users: prefer KEEPWELL_PASSWORD or the prompt)')
    .requiredOption('--workspace <workspace>', 'workspace name or id; a new name creates the workspace')
    .addOption(new Option('--role <role>', 'role in the workspace').choices(Roles.values).default('admin'))
    .action(userCreate);
}
