/** Cutting text to a platform's limits without breaking words (Slack and Discord). */

/** Cuts text to `max` characters at a line or word boundary, marking the cut with "…". */
export function truncateAtBoundary(text: string, max: number): string {
  if (text.length <= max) return text;
  const slice = text.slice(0, max - 1);
  const cut = Math.max(slice.lastIndexOf("\n"), slice.lastIndexOf(" "));
  return `${(cut > max / 2 ? slice.slice(0, cut) : slice).trimEnd()}…`;
}
