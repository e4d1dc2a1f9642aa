// One stylesheet for every shadow root the UI draws (banner, preference centre, placeholders).
// Themable through --samtykke-* custom properties (docs/ui.md); the short internal names keep it small.
// A site's --samtykke-* values hold in both colour schemes (a site with a dark theme sets them in its own
// prefers-color-scheme query). Only our defaults for the bg/fg/border set change with the scheme; the accent
// pair does not, so links and focus rings use the text colour and stay readable whatever the accent is.
export const css =
  ':host{all:initial;display:block;--b:var(--samtykke-bg,#fff);--f:var(--samtykke-fg,#1f1f1f);' +
  '--a:var(--samtykke-accent,#0b57d0);--o:var(--samtykke-on-accent,#fff);' +
  '--l:1px solid var(--samtykke-border,#6b6b6b);--r:var(--samtykke-radius,8px);' +
  'font:16px/1.5 var(--samtykke-font,system-ui,sans-serif);color:var(--f)}' +
  '@media(prefers-color-scheme:dark){:host{--b:var(--samtykke-bg,#1f1f1f);--f:var(--samtykke-fg,#eee);' +
  '--l:1px solid var(--samtykke-border,#999)}}' +
  '*{box-sizing:border-box}' +
  '.bn,dialog,.ph{background:var(--b);color:var(--f);border:var(--l);border-radius:var(--r)}' +
  '.bn,.bd,.tw,.ph{overflow:auto}' +
  // On a page that draws under a phone's notch and home indicator (viewport-fit=cover), the buttons stay clear of
  // them; dvh, where known, is the viewport as it is now, toolbars and all, so the top is never out of reach.
  '.bn{position:fixed;z-index:2147483645;inset:auto 0 0;max-height:100vh;max-height:100dvh;' +
  'padding:16px max(16px,env(safe-area-inset-right)) max(16px,env(safe-area-inset-bottom)) ' +
  'max(16px,env(safe-area-inset-left));box-shadow:0 0 16px #0005}' +
  '.bottom{border-radius:0;border-width:1px 0 0}' +
  '.bn>div{max-width:60rem;margin:auto}' +
  '.bottom-left,.bottom-right,.center{margin:16px;max-width:28rem;max-height:calc(100vh - 32px);' +
  'max-height:calc(100dvh - 32px)}' +
  '.bottom-left{right:auto}.bottom-right{left:auto}' +
  '.center{top:0;margin:auto;max-width:36rem;height:fit-content}' +
  'h2,p{margin:0 0 8px}h2{font-size:1.25em}' +
  'a{color:inherit}' +
  ':focus-visible{outline:3px solid var(--f);outline-offset:2px}' +
  '.bs{display:grid;gap:8px;grid-template-columns:repeat(auto-fit,minmax(9em,1fr))}' +
  // The border in the button's own colour draws its edge in forced-colours mode, where backgrounds go.
  '.b{min-height:44px;padding:8px;border:2px solid var(--a);border-radius:var(--r);background:var(--a);' +
  'color:var(--o);font:inherit;font-weight:600}' +
  'dialog{width:calc(100% - 16px);max-width:40rem;max-height:calc(100% - 16px);padding:0}' +
  'dialog[open]{display:flex;flex-flow:column}' +
  '::backdrop{background:#000b}' +
  '.hd,.bd,dialog .bs{padding:12px 16px}' +
  '.hd,label{display:flex;align-items:center;justify-content:space-between;gap:8px}' +
  '.hd{border-bottom:var(--l)}' +
  '.hd h2{margin:0}' +
  '.x{width:44px;height:44px;border:0;background:0;color:inherit;font-size:28px}' +
  'dialog .bs,.ct{border-top:var(--l)}' +
  '.ct{padding-top:12px}' +
  'label{font-weight:600}' +
  // Every input is a switch: real checkboxes, drawn as switches.
  'input{appearance:none;flex:none;position:relative;width:48px;height:28px;margin:0;border:2px solid var(--f);' +
  'border-radius:14px;background:var(--b)}' +
  'input::before{content:"";position:absolute;top:3px;left:3px;width:18px;height:18px;border-radius:50%;' +
  'background:var(--f)}' +
  ':checked{background:var(--a)}' +
  ':checked::before{left:23px;background:var(--o)}' +
  ':disabled{opacity:.7}' +
  '@media(prefers-reduced-motion:no-preference){::before{transition:left .2s}}' +
  'table{border-collapse:collapse;margin-bottom:8px}' +
  'table,.m{font-size:.875em}' +
  'th,td,caption{border:var(--l);padding:4px;text-align:left}' +
  '.ph{display:flex;flex-flow:column;justify-content:center;height:100%;padding:16px;text-align:center}'

let sheet: CSSStyleSheet | undefined

/** Styles a shadow root under a strict CSP: a constructable sheet, else a `<style>` with the page's nonce. */
export function adopt(root: ShadowRoot, nonce?: string) {
  try {
    if (!sheet) {
      sheet = new CSSStyleSheet()
      sheet.replaceSync(css)
    }
    root.adoptedStyleSheets = [sheet]
  } catch {
    const style = document.createElement('style')
    style.nonce = nonce || ''
    style.textContent = css
    root.append(style)
  }
}
