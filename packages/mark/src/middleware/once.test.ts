import { describe, expect, it } from 'vitest'
import { onceEach, pathOf } from './once'

describe('onceEach: “once per page” with a bounded memory', () => {
  it('says yes the first time only, and forgets the least recently seen key beyond the cap', () => {
    const first = onceEach(3)
    expect(['/a', '/b', '/a', '/c'].map(first)).toEqual([true, true, false, true])
    // /a was seen again after /b: /b is the oldest, and goes when /d comes.
    expect(first('/d')).toBe(true)
    expect(first('/a')).toBe(false)
    expect(first('/b')).toBe(true)
  })

  it('holds at most its cap, however many keys come', () => {
    const first = onceEach(1000)
    for (let i = 0; i < 100_000; i++) first('/side/' + i)
    // The last 1,000 are remembered, the 99,000 before them are not.
    expect(first('/side/99999')).toBe(false)
    expect(first('/side/99000')).toBe(false)
    expect(first('/side/98999')).toBe(true)
  })

  it('a page is its path without the query', () => {
    expect(pathOf('/side?utm_source=x&a=1')).toBe('/side')
    expect(pathOf('/side')).toBe('/side')
    expect(pathOf('/?')).toBe('/')
  })
})
