// Copy text with the async Clipboard API; where it is missing or refused (plain http, an old browser,
// a denied permission) fall back to a hidden textarea and execCommand, and report whether either worked.
export async function copyText(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard?.writeText) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // fall through to the legacy path
  }
  const before = document.activeElement as HTMLElement | null;
  const area = Object.assign(document.createElement('textarea'), { value: text, readOnly: true });
  area.setAttribute('aria-hidden', 'true');
  area.style.cssText = 'position:fixed;top:0;left:0;opacity:0;';
  document.body.append(area);
  area.select();
  let ok = false;
  try {
    ok = document.execCommand('copy');
  } catch {
    ok = false;
  }
  area.remove();
  before?.focus();
  return ok;
}
