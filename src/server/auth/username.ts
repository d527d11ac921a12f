// One spelling per person. MySQL's utf8mb4_unicode_ci treats "ana", "ANA", "äna" and "ＡＮＡ" as the same
// row, SQLite does not: so names are NFKC-normalised when stored, a name that folds to an existing one is
// refused, and the log-in limiter counts attempts per folded name, never per spelling.

/** NFKC, accents stripped, case folded (ß → ss): the key under which look-alike spellings meet. */
export function foldUsername(name: string): string {
  return name
    .normalize('NFKC')
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toUpperCase()
    .toLowerCase()
    .normalize('NFKC')
    .trim();
}
