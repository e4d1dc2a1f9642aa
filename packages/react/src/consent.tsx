// <Consent>, its default placeholder, and the button that opens the preference centre.
/** @jsxImportSource react */
import { isValidElement, type ButtonHTMLAttributes, type ReactElement, type ReactNode } from 'react'
import { placeholderTexts } from '@samtykke/ui'
import { allow, find, openPreferences, useAllowed, useHydrated, useSource } from './source'

/**
 * What some content needs. Per-service consent will add `service` (`<Consent service="youtube">`) beside `category`.
 */
export interface ConsentNeeds {
  /** The category the content needs: `analytics`, `marketing`… */
  category: string
}

export interface ConsentProps extends ConsentNeeds {
  /** Shown until it is allowed. Default: a placeholder that asks for exactly this (`<ConsentPlaceholder>`). */
  fallback?: ReactNode
  children?: ReactNode
}

export interface ConsentPlaceholderProps extends ConsentNeeds {
  /** Where the content comes from (`youtube.com`), when known: `<Consent>` takes it from its child's `src`. */
  host?: string
}

/** The placeholder's texts, in the page's language, the same on the server and while hydrating. */
function useTexts() {
  const c = useSource()
  const client = useHydrated()
  const config = (client && find(c)?.config) || c.config
  // Once hydrated, the store's config, whose `lang` the core has resolved (config.lang, else <html lang>: pickLang).
  // On the server and while hydrating, the site's config.lang as given, else bokmål.
  return placeholderTexts(config, config?.lang || 'nb')
}

/** An embed's host, from a single child's absolute `src` (`<iframe src="https://www.youtube-nocookie.com/…">`). */
function hostOf(children: ReactNode) {
  const src = isValidElement<{ src?: unknown }>(children) && children.props.src
  try {
    return typeof src == 'string' ? new URL(src).hostname.replace(/^www\./, '') : undefined
  } catch {}
}

/**
 * Renders its children only while `category` is granted, else `fallback` (by default a placeholder that asks for it).
 * Nothing of the children reaches the page before: an iframe, a script or an image inside is not even in the HTML.
 */
export function Consent({ category, fallback, children }: ConsentProps): ReactNode {
  return useAllowed(category) ? (
    children
  ) : fallback === undefined ? (
    <ConsentPlaceholder category={category} host={hostOf(children)} />
  ) : (
    fallback
  )
}

/**
 * Says what the content needs, with a button that allows it here and one that opens the preference centre: the words
 * of samtykke's own placeholders, in the page's language. Unstyled: `.samtykke-placeholder` is the site's to style.
 */
export function ConsentPlaceholder({ category, host }: ConsentPlaceholderProps): ReactElement {
  const c = useSource()
  const t = useTexts()
  return (
    <div className="samtykke-placeholder" lang={t.lang}>
      <p>{t.blocked(category, host)}</p>
      <button type="button" onClick={() => allow(c, category)}>
        {t.allow(category)}
      </button>
      <button type="button" onClick={() => openPreferences(c)}>
        {t.settings}
      </button>
    </div>
  )
}

/**
 * A button that opens the preference centre ("Innstillinger for informasjonskapsler" unless given children). It carries
 * `data-samtykke-open`, so the drop-in opens it even before React has hydrated, and shows no floating button on a page
 * that has one: put it where every page has it (the root layout's footer), or set `floatingButton: true`.
 */
export function ConsentSettingsButton({
  children,
  onClick,
  ...props
}: ButtonHTMLAttributes<HTMLButtonElement>): ReactElement {
  const c = useSource()
  const t = useTexts()
  return (
    <button
      type="button"
      data-samtykke-open=""
      {...props}
      onClick={(e) => {
        onClick?.(e)
        // The drop-in's own listener may have opened it already (and said so with preventDefault).
        if (!e.defaultPrevented) openPreferences(c)
      }}
    >
      {children ?? t.settings}
    </button>
  )
}
