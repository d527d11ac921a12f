import { type Signal, useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import type {
  CreateUserRequest,
  PatchUserRequest,
  PlatformUser,
  Role,
  UserListResponse,
  UserResponse,
} from '../../protocol/index.ts';
import { api } from '../api.ts';
import { fmtDateTime } from '../format.ts';
import { t } from '../i18n.ts';
import { view } from '../model.ts';

// A local list, not the protocol's ROLES: importing a value from the protocol would bundle zod into the page.
const ROLES: Role[] = ['viewer', 'analyst', 'admin'];

/** /api/admin/users, typed by the protocol. A generated password comes back once, to be shown, never kept. */
const usersApi = {
  list: async () => (await api<UserListResponse>('/api/admin/users')).users,
  create: (json: CreateUserRequest) => api<Required<UserResponse>>('/api/admin/users', { method: 'POST', json }),
  patch: (id: number, json: PatchUserRequest) => api<UserResponse>(`/api/admin/users/${id}`, { method: 'PATCH', json }),
  resetPassword: (id: number) =>
    api<Required<UserResponse>>(`/api/admin/users/${id}`, { method: 'PATCH', json: { resetPassword: true } }),
};

type Run = (fn: () => Promise<unknown>) => Promise<void>;

function RoleOptions() {
  return (
    <>
      {ROLES.map((r) => (
        <option key={r} value={r}>
          {r}
        </option>
      ))}
    </>
  );
}

function AddUser({ run, message }: { run: Run; message: Signal<string | null> }) {
  const name = useSignal('');
  const role = useSignal<Role>('viewer');
  return (
    <form
      class="add-user"
      onSubmit={(e) => {
        e.preventDefault();
        void run(async () => {
          const r = await usersApi.create({ username: name.value, role: role.value });
          name.value = '';
          // Shown once in the page; never stored in the browser.
          setTimeout(() => (message.value = t.value.newPassword(r.user.username, r.password)));
        });
      }}
    >
      <label>
        <span class="visually-hidden">{t.value.newUserName}</span>
        <input
          placeholder={t.value.username}
          value={name.value}
          onInput={(e) => (name.value = e.currentTarget.value)}
          required
        />
      </label>
      <label>
        <span class="visually-hidden">{t.value.newUserRole}</span>
        <select value={role.value} onChange={(e) => (role.value = e.currentTarget.value as Role)}>
          <RoleOptions />
        </select>
      </label>
      <button class="primary" type="submit">
        {t.value.addUser}
      </button>
    </form>
  );
}

function UserRow({ u, run, message }: { u: PlatformUser; run: Run; message: Signal<string | null> }) {
  return (
    <tr>
      <th scope="row">{u.username}</th>
      <td>
        <select
          aria-label={t.value.userRole(u.username)}
          value={u.role}
          onChange={(e) => void run(() => usersApi.patch(u.id, { role: e.currentTarget.value as Role }))}
        >
          <RoleOptions />
        </select>
      </td>
      <td>{fmtDateTime(u.createdAt)}</td>
      <td>
        <input
          type="checkbox"
          aria-label={t.value.userDisabled(u.username)}
          checked={u.disabled}
          onChange={(e) => void run(() => usersApi.patch(u.id, { disabled: e.currentTarget.checked }))}
        />
      </td>
      <td>
        <button
          type="button"
          class="small"
          aria-label={t.value.resetPasswordOf(u.username)}
          onClick={() =>
            void run(async () => {
              const r = await usersApi.resetPassword(u.id);
              setTimeout(() => (message.value = t.value.newPassword(u.username, r.password)));
            })
          }
        >
          {t.value.resetPassword}
        </button>
      </td>
    </tr>
  );
}

export function Admin({ inert }: { inert?: boolean }) {
  const users = useSignal<PlatformUser[]>([]);
  const message = useSignal<string | null>(null);
  const load = async () => (users.value = await usersApi.list());
  useEffect(() => void load(), []);
  const run: Run = async (fn) => {
    message.value = null;
    try {
      await fn();
      await load();
    } catch (e) {
      message.value = (e as Error).message;
    }
  };
  return (
    <main class="admin" inert={inert}>
      <header class="admin-head">
        <h1>{t.value.admin}</h1>
        <button type="button" onClick={() => (view.value = 'chat')}>
          {t.value.back}
        </button>
      </header>
      <AddUser run={run} message={message} />
      {message.value && (
        <p class="notice" role="status">
          {message.value}
        </p>
      )}
      <div class="table-scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">{t.value.username}</th>
              <th scope="col">{t.value.role}</th>
              <th scope="col">{t.value.created}</th>
              <th scope="col">{t.value.disabled}</th>
              <th scope="col">
                <span class="visually-hidden">{t.value.actions}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {users.value.map((u) => (
              <UserRow key={u.id} u={u} run={run} message={message} />
            ))}
          </tbody>
        </table>
      </div>
    </main>
  );
}
