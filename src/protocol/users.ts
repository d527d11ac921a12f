// Accounts on the wire: log-in, the signed-in user, and the admin's user management.
import { z } from 'zod';
import { Role } from './vocabulary.ts';

/** POST /api/auth/login. Only bounded here: a name or password that breaks the account rules is just wrong. */
export const LoginRequestSchema = z.object({
  username: z
    .string()
    .trim()
    .normalize('NFKC')
    .min(1, 'enter a username')
    .max(64, 'a username has at most 64 characters'),
  password: z.string().min(1, 'enter a password').max(200, 'a password has at most 200 characters'),
});
export type LoginRequest = z.input<typeof LoginRequestSchema>;

/** The signed-in user, as GET /api/me and POST /api/auth/login answer it. */
export const MeSchema = z.object({ id: z.number(), username: z.string(), role: Role });
export type Me = z.infer<typeof MeSchema>;
export const MeResponseSchema = z.object({ user: MeSchema });
export type MeResponse = z.infer<typeof MeResponseSchema>;

export const PlatformUserSchema = z.object({
  id: z.number(),
  username: z.string(),
  role: Role,
  createdAt: z.string(),
  disabled: z.boolean(),
});
export type PlatformUser = z.infer<typeof PlatformUserSchema>;

/**
 * POST /api/admin/users: without a password the server generates one and answers it once.
 * The account rules (username characters, password length and strength) are the server's (src/server/auth/users.ts),
 * which narrows username and password; the wire only fixes the shape.
 */
export const CreateUserRequestSchema = z
  .object({ username: z.string(), role: Role, password: z.string().optional() })
  .strict();
export type CreateUserRequest = z.input<typeof CreateUserRequestSchema>;

/** PATCH /api/admin/users/:id. */
export const PatchUserRequestSchema = z
  .object({ role: Role.optional(), disabled: z.boolean().optional(), resetPassword: z.literal(true).optional() })
  .strict()
  .refine((p) => Object.keys(p).length > 0, 'send role, disabled or resetPassword');
export type PatchUserRequest = z.input<typeof PatchUserRequestSchema>;

export const UserIdSchema = z.coerce
  .number()
  .int('a user id is a whole number')
  .positive('a user id is positive')
  .max(2 ** 31 - 1);

export const UserListResponseSchema = z.object({ users: z.array(PlatformUserSchema) });
export type UserListResponse = z.infer<typeof UserListResponseSchema>;

/** A created or changed user; password only when the server generated one (shown once). */
export const UserResponseSchema = z.object({ user: PlatformUserSchema, password: z.string().optional() });
export type UserResponse = z.infer<typeof UserResponseSchema>;
