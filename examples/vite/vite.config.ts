// samtykke's marker runs on every page Vite builds or serves: tracker tags in index.html are marked
// (type="text/plain" data-category, data-src) before a browser sees them. See packages/mark/README.md.
import { defineConfig } from 'vite'
import { samtykkeMark } from '@samtykke/mark'

export default defineConfig({
  plugins: [samtykkeMark()],
})
