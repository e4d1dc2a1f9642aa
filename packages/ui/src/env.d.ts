// __DROPIN__, set by the build: declared once, in core (packages/core/src/env.d.ts).
/// <reference path="../../core/src/env.d.ts" />
