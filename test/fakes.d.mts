// The types of fakes.mjs, a plain module shared by the browser tests' harnesses and the benchmarks (bench/).

/** A fake third party's answer. */
export interface Fake {
  /** 200 unless given. */
  status?: number
  contentType: string
  body: string | Buffer
}

/** The answer for a request to a third-party URL, by what the request is for (`script`, `image`, `document`…). */
export function fakeFor(url: URL, resourceType: string): Fake
