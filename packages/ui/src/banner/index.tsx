// The first layer: what, why, who, and three equal buttons. Non-modal unless the site asks for `modal`.
/** @jsxRuntime classic */
/** @jsx h */
/** @jsxFrag Fragment */
// oxlint-disable-next-line no-unused-vars -- Fragment is used: <> compiles to it (set by the jsxFrag pragma above)
import { h, Fragment } from 'preact'
import type { ConsentState, ResolvedConfig } from '@samtykke/core'
import { fmt, list, type I18n } from '../i18n'
import { Dialog } from '../preferences/dialog'

/**
 * Honest about Global Privacy Control: when the browser sends it, "Godta alle" leaves marketing off (the core does
 * that); say so wherever that button is. Not on a site without marketing: then nothing is held back.
 */
export const gpc = ({ categories }: ResolvedConfig, state: ConsentState, { t, label, low }: I18n) =>
  state.gpc && categories.marketing && <p>{fmt(t.gpc, { category: low(label('marketing')) })}</p>

/** `onClose`: a modal banner closed with Escape; nothing is recorded. A plain function, like the other parts. */
export function Banner(
  config: ResolvedConfig,
  state: ConsentState,
  i18n: I18n,
  onAccept: () => void,
  onReject: () => void,
  onCustomize: () => void,
  onClose: () => void,
) {
  const { t, label, low } = i18n
  const optional = config.order.filter((n) => n != 'necessary')
  const services = [...new Set(optional.flatMap((n) => (config.categories[n].services || []).map((s) => s.name)))]
  const body = (
    <>
      <h2 id="sb">{t.title}</h2>
      {/^[rn]/.test(state.ask!) && <p>{t.changed}</p> /* asked again: revision, new-category */}
      <p>
        {fmt(t.text, {
          purposes: list(
            t.and,
            optional.map((n) => low(label(n))),
          ),
        })}
        {services.length > 0 && [' ', fmt(t.services, { services: list(t.and, services) })]} {t.withdraw}
        {config.privacyPolicyUrl && [' ', <a href={config.privacyPolicyUrl}>{t.policy}</a>]}
      </p>
      {gpc(config, state, i18n)}
      <div class="bs">
        <button class="b" onClick={onAccept}>
          {t.acceptAll}
        </button>
        <button class="b" onClick={onReject}>
          {t.rejectAll}
        </button>
        <button class="b" onClick={onCustomize}>
          {t.customize}
        </button>
      </div>
    </>
  )
  return config.modal ? (
    Dialog('sb', onClose, <div class="bd">{body}</div>)
  ) : (
    <div role="region" aria-labelledby="sb" class={'bn ' + (config.position || 'bottom')}>
      <div>{body}</div>
    </div>
  )
}
