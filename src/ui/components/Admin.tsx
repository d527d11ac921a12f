import { type Signal, useSignal } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import type {
  CreateUserRequest,
  PatchUserRequest,
  PlatformUser,
  Role,
  UserListResponse,
  UserResponse,
} from '../../protocol/index.ts';
// From vocabulary.ts itself, not index.ts: its enums are marked pure, so the role list bundles without zod.
import { ROLE_LABELS, ROLES } from '../../protocol/vocabulary.ts';
import { api } from '../api.ts';
import { copyText } from '../clipboard.ts';
import { fmtDateTime } from '../format.ts';
import { lang, t } from '../i18n.ts';
import { tc } from '../i18n-conv.ts';
import { view } from '../model.ts';
import { AdminFeedback } from './AdminFeedback.tsx';
import { ScrollRegion } from './ScrollRegion.tsx';

/** /api/admin/users, typed by the protocol. A generated password comes back once, to be shown, never kept. */
const usersApi = {
  list: async () => (await api<UserListResponse>('/api/admin/users')).users,
  create: (json: CreateUserRequest) => api<Required<UserResponse>>('/api/admin/users', { method: 'POST', json }),
  patch: (id: number, json: PatchUserRequest) => api<UserResponse>(`/api/admin/users/${id}`, { method: 'PATCH', json }),
  resetPassword: (id: number) =>
    api<Required<UserResponse>>(`/api/admin/users/${id}`, { method: 'PATCH', json: { resetPassword: true } }),
};

type Run = (fn: () => Promise<unknown>) => Promise<void>;
/** A generated password waiting to be handed over: it stays on screen until the admin dismisses it. */
type Secret = Signal<{ name: string; password: string } | null>;

function OneTimePassword({ secret }: { secret: Secret }) {
  const copied = useSignal('');
  const s = secret.value;
  if (!s) return null;
  return (
    <section class="one-time-password" aria-labelledby="otp-h">
      <h2 id="otp-h">{tc.value.passwordFor(s.name)}</h2>
      <p class="muted small">{tc.value.passwordHint}</p>
      <code class="password">{s.password}</code>
      <button
        type="button"
        class="small copy-password"
        onClick={async () => (copied.value = (await copyText(s.password)) ? t.value.copied : t.value.copyFailed)}
      >
        {tc.value.copyPassword}
      </button>
      <button
        type="button"
        class="small dismiss"
        onClick={() => {
          secret.value = null;
          copied.value = '';
        }}
      >
        {tc.value.dismiss}
      </button>
      <span class="small" role="status">
        {copied.value}
      </span>
    </section>
  );
}

/** Asks before a password is reset: the user's current password and sessions end at once. */
function ConfirmReset({ user, run, secret }: { user: Signal<PlatformUser | null>; run: Run; secret: Secret }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const u = user.value;
  useEffect(() => {
    if (u && !dialog.current?.open) dialog.current?.showModal();
  }, [u]);
  const close = () => {
    dialog.current?.close();
    user.value = null;
  };
  return (
    <dialog ref={dialog} class="confirm-reset" aria-labelledby="reset-h" onClose={() => (user.value = null)}>
      {u && (
        <>
          <h2 id="reset-h">{tc.value.resetConfirmTitle(u.username)}</h2>
          <p>{tc.value.resetConfirmText}</p>
          <div class="dialog-actions">
            <button type="button" onClick={close}>
              {tc.value.cancel}
            </button>
            <button
              type="button"
              class="primary confirm"
              onClick={() => {
                close();
                void run(async () => {
                  const r = await usersApi.resetPassword(u.id);
                  secret.value = { name: u.username, password: r.password };
                });
              }}
            >
              {tc.value.resetConfirm}
            </button>
          </div>
        </>
      )}
    </dialog>
  );
}

function RoleOptions() {
  return (
    <>
      {ROLES.map((r) => (
        <option key={r} value={r}>
          {ROLE_LABELS[r][lang.value]}
        </option>
      ))}
    </>
  );
}

function AddUser({ run, secret }: { run: Run; secret: Secret }) {
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
          // Shown in the page until dismissed; never stored in the browser.
          secret.value = { name: r.user.username, password: r.password };
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

function UserRow({ u, run, confirm }: { u: PlatformUser; run: Run; confirm: Signal<PlatformUser | null> }) {
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
          onClick={() => (confirm.value = u)}
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
  const secret: Secret = useSignal(null);
  const confirm = useSignal<PlatformUser | null>(null);
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
      <AddUser run={run} secret={secret} />
      <OneTimePassword secret={secret} />
      {message.value && (
        <p class="notice" role="status">
          {message.value}
        </p>
      )}
      <ScrollRegion label={t.value.admin}>
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
              <UserRow key={u.id} u={u} run={run} confirm={confirm} />
            ))}
          </tbody>
        </table>
      </ScrollRegion>
      <ConfirmReset user={confirm} run={run} secret={secret} />
      <AdminFeedback />
    </main>
  );
}
