/** Text made safe to place in HTML, in an element or a quoted attribute: the one escape for hand-written pages and mails. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}
