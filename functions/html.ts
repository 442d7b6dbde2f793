const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Escapes text for HTML content and quoted attribute values: names in the
 * exports are untrusted.
 *
 * @example
 * escapeHtml('<b>Raj</b> O\'Neil') // '&lt;b&gt;Raj&lt;/b&gt; O&#39;Neil'
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}
