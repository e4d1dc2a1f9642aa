// The lists' shared format, one string per category: cheap to ship, parsed once.

/** `a x y|b z` → `{ a: [x, y], b: [z] }`. */
export function parse(s: string): Record<string, string[]> {
  const r: Record<string, string[]> = {}
  for (const g of s.split('|')) {
    const [c, ...p] = g.split(' ')
    r[c] = p
  }
  return r
}
