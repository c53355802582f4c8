/**
 * A RegExp V8 has compiled already. V8 compiles a pattern at its first exec, not at `new RegExp`, and may refuse it
 * there ("Regular expression too large", a stack overflow): one exec here moves that refusal into the caller's try.
 */
export function readyRegExp(source: string, flags?: string): RegExp {
  const re = new RegExp(source, flags);
  re.exec('');
  re.lastIndex = 0;
  return re;
}
