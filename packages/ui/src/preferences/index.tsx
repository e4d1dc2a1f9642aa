// The second layer: a switch per purpose, what runs under each, the visitor's rights and the current record.
/** @jsxRuntime classic */
/** @jsx h */
/** @jsxFrag Fragment */
// oxlint-disable-next-line no-unused-vars -- Fragment is used: <> compiles to it (set by the jsxFrag pragma above)
import { h, Fragment } from 'preact'
import type { Choices, ConsentState, ResolvedConfig } from '@samtykke/core'
import { fmt, type I18n } from '../i18n'
import { Dialog } from './dialog'
import { CookieTable } from '../declaration'
import { gpc } from '../banner'

/**
 * `start`: where the switches start, taken when the dialog opens: a change from elsewhere while it is open must not
 * undo what the visitor has set and not yet saved. (So `defaultChecked`: Preact sets `checked` again on every redraw.)
 */
export function Preferences(
  config: ResolvedConfig,
  state: ConsentState,
  start: Choices,
  i18n: I18n,
  onSave: (choices: Choices) => void,
  onAccept: () => void,
  onReject: () => void,
  onClose: () => void,
) {
  const { t, lang, x, label } = i18n
  const { record } = state
  const c = config.controller
  const save = (e: Event) => {
    const choices: Choices = {}
    ;(e.currentTarget as Element)
      .closest('dialog')!
      .querySelectorAll('input:not(:disabled)')
      .forEach((i) => (choices[(i as HTMLInputElement).name] = (i as HTMLInputElement).checked))
    onSave(choices)
  }
  return Dialog(
    'sp',
    onClose,
    <>
      <div class="hd">
        <h2 id="sp">{t.settings}</h2>
        <button class="x" aria-label={t.close} onClick={onClose}>
          ×
        </button>
      </div>
      <div class="bd">
        <p>{t.intro}</p>
        {gpc(config, state, i18n)}
        {config.order.map((n) => {
          const { description, reason, services = [] } = config.categories[n]
          const necessary = n == 'necessary'
          return (
            <div class="ct" key={n}>
              <label>
                {label(n)}
                <input
                  type="checkbox"
                  role="switch"
                  name={n}
                  defaultChecked={necessary || !!start[n]}
                  disabled={necessary}
                  aria-describedby={'d-' + n}
                />
              </label>
              <p id={'d-' + n}>
                {x(description) || (t as Record<string, string>)[n + 'Info']} {necessary && x(reason)}
              </p>
              {services.length > 0 && (
                <details>
                  <summary>{fmt(t.list, { n: services.length })}</summary>
                  <div class="tw">{CookieTable(config, n, i18n, label(n))}</div>
                </details>
              )}
            </div>
          )
        })}
        <h3>{t.rightsTitle}</h3>
        <p>
          {fmt(t.rights, { dt: <a href="https://www.datatilsynet.no/">Datatilsynet</a> })}
          {config.privacyPolicyUrl && [' ', <a href={config.privacyPolicyUrl}>{t.policy}</a>]}
        </p>
        {c && (
          <p>
            {t.controller}: {[c.name, c.address, c.orgNr && t.orgNr + ' ' + c.orgNr].filter(Boolean).join(', ')}
            {c.email && [', ', <a href={'mailto:' + c.email}>{c.email}</a>]}
            {c.phone && ', ' + c.phone}
          </p>
        )}
        {record && (
          <p class="m">
            {fmt(t.saved, {
              date: new Date(record.time).toLocaleString(lang, { dateStyle: 'long', timeStyle: 'short' }),
              id: <code>{record.id}</code>,
            })}
          </p>
        )}
      </div>
      <div class="bs">
        <button class="b" onClick={save}>
          {t.save}
        </button>
        <button class="b" onClick={onAccept}>
          {t.acceptAll}
        </button>
        <button class="b" onClick={onReject}>
          {t.rejectAll}
        </button>
      </div>
    </>,
  )
}
