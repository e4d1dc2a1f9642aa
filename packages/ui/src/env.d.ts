// __DROPIN__, set by the build: declared once, in core (packages/core/src/env.d.ts).
// oxlint-disable-next-line typescript/triple-slash-reference -- a global declared once, in core (no module to import)
/// <reference path="../../core/src/env.d.ts" />
