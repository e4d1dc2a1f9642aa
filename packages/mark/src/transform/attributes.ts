// The attribute names of a start tag as written, read the way the HTML tokenizer reads them (WHATWG HTML, 13.2.5.32
// "before attribute name state" to 13.2.5.39): parse5 keeps only the first of two attributes with the same name, and
// the marker must know when a tag has two. One pass over the tag, no regular expression: a tag with a megabyte of
// spaces or slashes costs a megabyte of steps.

const isSpace = (c: string | undefined) => c == ' ' || c == '\n' || c == '\t' || c == '\f' || c == '\r'

/** The index of the first character at or after `i` that is not a space. */
function skipSpaces(tag: string, i: number): number {
  while (isSpace(tag[i])) i++
  return i
}

/** The end of an attribute value that starts at `i` (after `=` and any spaces): quoted, or up to a space or `>`. */
function endOfValue(tag: string, i: number): number {
  const quote = tag[i]
  if (quote == '"' || quote == "'") {
    const close = tag.indexOf(quote, i + 1)
    return close < 0 ? tag.length : close + 1
  }
  while (i < tag.length && !isSpace(tag[i]) && tag[i] != '>') i++
  return i
}

/**
 * The end of an attribute name that starts at `i`: an `=` as its first character belongs to it, as in the tokenizer.
 */
function endOfName(tag: string, i: number): number {
  i++
  while (i < tag.length && !isSpace(tag[i]) && tag[i] != '/' && tag[i] != '>' && tag[i] != '=') i++
  return i
}

/**
 * The attribute names of the start tag `tag` (`<img src=… alt>`), lower-cased (ASCII only, as the tokenizer does),
 * duplicates included.
 */
export function attributeNames(tag: string): string[] {
  const names: string[] = []
  let i = 1
  while (i < tag.length && !isSpace(tag[i]) && tag[i] != '/' && tag[i] != '>') i++ // the tag name
  while (i < tag.length) {
    const char = tag[i]
    if (char == '>') break
    // A `/` not followed by `>` is ignored, like a space.
    if (isSpace(char) || char == '/') {
      i++
      continue
    }
    const end = endOfName(tag, i)
    names.push(tag.slice(i, end).replace(/[A-Z]+/g, (s) => s.toLowerCase()))
    i = skipSpaces(tag, end)
    if (tag[i] == '=') i = endOfValue(tag, skipSpaces(tag, i + 1))
  }
  return names
}
