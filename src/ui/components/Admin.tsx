import { useEffect } from 'preact/hooks';
import { useSignal } from '@preact/signals';
import { api } from '../api.ts';
import { fmtDateTime } from '../format.ts';
import { t } from '../i18n.ts';
import { view } from '../model.ts';
import type {
  CreateUserRequest,
  PatchUserRequest,
  PlatformUser,
  Role,
  UserListResponse,
  UserResponse,
} from '../../protocol/index.ts';

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

export function Admin() {
  const users = useSignal<PlatformUser[]>([]);
  const name = useSignal('');
  const role = useSignal<Role>('viewer');
  const message = useSignal<string | null>(null);
  const load = async () => (users.value = await usersApi.list());
  useEffect(() => void load(), []);
  const run = async (fn: () => Promise<unknown>) => {
    message.value = null;
    try {
      await fn();
      await load();
    } catch (e) {
      message.value = (e as Error).message;
    }
  };
  return (
    <main class="admin">
      <header class="admin-head">
        <h1>{t.value.admin}</h1>
        <button type="button" onClick={() => (view.value = 'chat')}>
          {t.value.back}
        </button>
      </header>
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
        <input
          placeholder={t.value.username}
          value={name.value}
          onInput={(e) => (name.value = e.currentTarget.value)}
          required
        />
        <select value={role.value} onChange={(e) => (role.value = e.currentTarget.value as Role)}>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
        <button class="primary" type="submit">
          {t.value.addUser}
        </button>
      </form>
      {message.value && (
        <p class="notice" role="status">
          {message.value}
        </p>
      )}
      <div class="table-scroll">
        <table>
          <thead>
            <tr>
              <th>{t.value.username}</th>
              <th>{t.value.role}</th>
              <th>{t.value.created}</th>
              <th>{t.value.disabled}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {users.value.map((u) => (
              <tr key={u.id}>
                <td>{u.username}</td>
                <td>
                  <select
                    value={u.role}
                    onChange={(e) => void run(() => usersApi.patch(u.id, { role: e.currentTarget.value as Role }))}
                  >
                    {ROLES.map((r) => (
                      <option key={r} value={r}>
                        {r}
                      </option>
                    ))}
                  </select>
                </td>
                <td>{fmtDateTime(u.createdAt)}</td>
                <td>
                  <input
                    type="checkbox"
                    checked={u.disabled}
                    onChange={(e) => void run(() => usersApi.patch(u.id, { disabled: e.currentTarget.checked }))}
                  />
                </td>
                <td>
                  <button
                    type="button"
                    class="small"
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
            ))}
          </tbody>
        </table>
      </div>
    </main>
  );
}
