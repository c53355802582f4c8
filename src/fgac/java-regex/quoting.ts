/** Java's RemoveQEQuoting: turns `\Q...\E` into escaped literals before parsing. */
export function removeQE(p: string): string {
  if (!p.includes('\\Q')) return p;
  let out = '';
  let i = 0;
  while (i < p.length) {
    if (p[i] === '\\' && p[i + 1] === 'Q') {
      i += 2;
      while (i < p.length && !(p[i] === '\\' && p[i + 1] === 'E')) {
        const c = p.codePointAt(i) as number;
        const ch = String.fromCodePoint(c);
        if (/[A-Za-z0-9]/.test(ch) || c > 0x7f) out += ch;
        else out += `\\${ch}`;
        i += ch.length;
      }
      if (i < p.length) i += 2;
    } else if (p[i] === '\\') {
      out += p.slice(i, i + 2);
      i += 2;
    } else {
      out += p[i];
      i += 1;
    }
  }
  return out;
}
