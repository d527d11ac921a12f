// GET /api/health (public) and GET /api/schema (what can be asked about).
import { z } from 'zod';

/** 503 when degraded; code says which database went away when the app and the warehouse are separate. */
export const HealthResponseSchema = z.object({
  status: z.enum(['ok', 'degraded']),
  db: z.enum(['ok', 'unreachable']),
  warehouse: z.enum(['ok', 'unreachable']).optional(),
  appDb: z.enum(['ok', 'unreachable']).optional(),
  code: z.string().optional(),
});
export type HealthResponse = z.infer<typeof HealthResponseSchema>;

export const SchemaResponseSchema = z.object({
  tables: z.array(
    z.object({
      name: z.string(),
      columns: z.array(z.object({ name: z.string(), type: z.string() })),
    }),
  ),
});
export type SchemaResponse = z.infer<typeof SchemaResponseSchema>;
