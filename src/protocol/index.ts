// The wire between browser and server: zod schemas and the types inferred from them.
// The lowest layer: it imports zod and nothing else from src/, so the UI can depend on it alone.
export * from './vocabulary.ts';
export * from './errors.ts';
export * from './turn.ts';
export * from './findings.ts';
export * from './conversations.ts';
export * from './chat.ts';
export * from './overview.ts';
export * from './users.ts';
export * from './meta.ts';
export * from './chart-text.ts';
export * from './terms.ts';
export * from './call-words.ts';
