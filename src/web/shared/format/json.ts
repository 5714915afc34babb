// Raw bodies (dead letters, audit details) are shown pretty-printed when they are JSON, as-is otherwise.
export interface PrettyText {
  text: string;
  isJson: boolean;
}

export function prettyJson(value: unknown): PrettyText {
  if (typeof value === 'string') {
    const trimmed = value.trim();
    if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
      try {
        return { text: JSON.stringify(JSON.parse(trimmed), null, 2), isJson: true };
      } catch {
        return { text: value, isJson: false };
      }
    }
    return { text: value, isJson: false };
  }
  if (value === undefined) return { text: '', isJson: false };
  try {
    return { text: JSON.stringify(value, null, 2), isJson: true };
  } catch {
    return { text: String(value), isJson: false };
  }
}

/** one line, for a table cell */
export function compactJson(value: unknown, max = 160): string {
  const s = typeof value === 'string' ? value : JSON.stringify(value) ?? '';
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}
