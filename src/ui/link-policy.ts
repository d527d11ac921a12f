// Answers may echo links planted in the data, and the model may write any URL: only links that stay in the
// app (relative, or absolute on the app's own origin) remain links; every other one is shown as its text.

/** Whether an answer may keep `href` as a link, for a page served at `base` (location.href in the browser). */
export function keepsLink(href: string, base: string): boolean {
  if (!href.trim()) return false;
  try {
    const url = new URL(href, base);
    return /^https?:$/.test(url.protocol) && url.origin === new URL(base).origin;
  } catch {
    return false;
  }
}
