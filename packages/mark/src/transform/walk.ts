// The elements of a parse5 tree in document order, walked with a stack of our own instead of recursion: a page with
// 100,000 nested elements is as easy as a flat one (a recursive walk overflowed the call stack at about 10,000).
import type { DefaultTreeAdapterMap } from 'parse5'

type Node = DefaultTreeAdapterMap['node']
type Element = DefaultTreeAdapterMap['element']
type ParentNode = DefaultTreeAdapterMap['parentNode']
type Template = DefaultTreeAdapterMap['template']

/** Every element under `root` in document order, `<template>` contents included. */
export function* elements(root: ParentNode): Generator<Element> {
  const stack: Node[] = [...root.childNodes].reverse()
  while (stack.length) {
    const node = stack.pop()!
    if (!('tagName' in node)) continue
    yield node
    const content = node.nodeName == 'template' ? (node as Template).content : undefined
    const children = (content ?? node).childNodes
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i])
  }
}
