// Which language the UI speaks: config.lang, else the page's <html lang>. Kept apart from the tables,
// so the drop-in's floating button can use it without them.
export type Lang = 'nb' | 'nn' | 'en'

/** `nn*` → nynorsk, `en*` → English, anything else (`nb`, `no`, `nb-NO`, none) → bokmål. */
export const pickLang = (lang?: string) =>
  (/^(nn|en)/i.exec(lang || document.documentElement.lang)?.[1].toLowerCase() || 'nb') as Lang
