// The cookie declaration for the privacy policy page: `<div data-samtykke-declaration>` filled from the config,
// so the page, the preference centre and the blocker share one list. Light DOM: it takes the site's own styles.
/** @jsxRuntime classic */
/** @jsx h */
import { h } from 'preact'
import type { ComponentChildren } from 'preact'
import type { CookieInfo, ResolvedConfig } from '@samtykke/core'
import type { I18n } from '../i18n'

/** One category's services and cookies: one row per cookie (or per service that stores nothing). */
export function CookieTable(config: ResolvedConfig, category: string, { t, x }: I18n, caption: ComponentChildren) {
  return (
    <table>
      <caption>{caption}</caption>
      <thead>
        <tr>
          {[t.name, t.service, t.provider, t.purpose, t.lifetime].map((head) => (
            <th scope="col">{head}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {config.categories[category].services!.flatMap((s) =>
          (s.cookies?.length ? s.cookies : [{ name: '–' } as CookieInfo]).map((k) => (
            <tr>
              <td>{k.name}</td>
              <td>{s.policyUrl ? <a href={s.policyUrl}>{s.name}</a> : s.name}</td>
              <td>{k.provider || s.provider}</td>
              <td>{x(k.purpose || s.purpose)}</td>
              <td>{x(k.lifetime)}</td>
            </tr>
          )),
        )}
      </tbody>
    </table>
  )
}

export function Declaration(config: ResolvedConfig, i18n: I18n) {
  const { t, x, label } = i18n
  return config.order.map(
    (n) =>
      config.categories[n].services?.length &&
      CookieTable(config, n, i18n, [
        <b>{label(n)}</b>,
        ': ',
        x(config.categories[n].description) || (t as Record<string, string>)[n + 'Info'],
        ' ',
        x(config.categories[n].reason),
      ]),
  )
}
