// What the listed trackers store on the site itself: deleted on withdrawal (store/forget.ts). Kept apart from
// the host list, which every visitor downloads; this one is needed only when a choice changes.
import { parse } from './parse'

/** First-party cookies (and localStorage keys) the listed trackers set, per category; `*` = any suffix. */
export const TRACKER_COOKIES: Record<string, string[]> = parse(
  'analytics _ga* _gid _gat* _dc_gtm_* AMP_TOKEN __utm* _clck _clsk _hj* hjViewportId _pk_* mtm_*' +
    '|marketing _gcl_* _gac_* FPGCL* _fbp _fbc li_* _guid _tt* ttcsid* _scid* _schn _uet* _pin_unauth _epik ' +
    '_derived_epik _pinterest_ct*',
)

/** Does a `*` pattern (cookie or storage name) match? */
export const nameMatch = (name: string, p: string) => (p.endsWith('*') ? name.startsWith(p.slice(0, -1)) : name == p)
