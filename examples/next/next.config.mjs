import { fileURLToPath } from 'node:url'

// The workspace's root: the packages this example uses live there, outside this folder.
const root = fileURLToPath(new URL('../..', import.meta.url))

/** @type {import('next').NextConfig} */
export default {
  reactStrictMode: true,
  poweredByHeader: false,
  turbopack: { root },
  outputFileTracingRoot: root,
}
