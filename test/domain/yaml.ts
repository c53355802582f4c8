/** A minimal YAML writer: block mappings and sequences, every scalar JSON-quoted (valid YAML). */
export type YamlValue = string | number | boolean | null | YamlValue[] | { [key: string]: YamlValue };

/** Serialises plain data as block YAML that SnakeYAML (used by OpenSearch) reads back unchanged. */
export function toYaml(value: YamlValue, indent = 0): string {
  const pad = ' '.repeat(indent);
  if (Array.isArray(value)) {
    if (value.length === 0) return `${pad}[]\n`;
    return value.map((item) => {
      if (isBlock(item)) return `${pad}-\n${toYaml(item, indent + 2)}`;
      return `${pad}- ${JSON.stringify(item)}\n`;
    }).join('');
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value);
    if (entries.length === 0) return `${pad}{}\n`;
    return entries.map(([key, item]) => {
      const k = JSON.stringify(key);
      if (isBlock(item)) return `${pad}${k}:\n${toYaml(item, indent + 2)}`;
      if (Array.isArray(item) || (item !== null && typeof item === 'object')) return `${pad}${k}: ${Array.isArray(item) ? '[]' : '{}'}\n`;
      return `${pad}${k}: ${JSON.stringify(item)}\n`;
    }).join('');
  }
  return `${pad}${JSON.stringify(value)}\n`;
}

function isBlock(v: YamlValue): boolean {
  return (Array.isArray(v) && v.length > 0) || (v !== null && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length > 0);
}
