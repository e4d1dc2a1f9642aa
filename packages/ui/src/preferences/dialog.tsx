// A modal <dialog>: the page behind is inert, focus starts on the dialog, Tab past either end goes to the
// browser's own controls and comes back (as with any native modal), Escape closes it (the owner decides what
// closing means; it never records a choice).
// No role="dialog" or aria-modal: a <dialog> opened with showModal() is exposed as a modal dialog already.
// Escape is the browser's: it fires `cancel` (so do other close requests, such as Android's back button).
/** @jsxRuntime classic */
/** @jsx h */
import { h } from 'preact'
import type { ComponentChildren } from 'preact'

// A plain function, not a component: its arguments get short names in the bundle, and the DOM is the same.
/** `label`: the id of the element that names the dialog. */
export function Dialog(label: string, onClose: () => void, children: ComponentChildren) {
  return (
    <dialog
      aria-labelledby={label}
      tabIndex={-1}
      ref={(d) => {
        if (d && !d.open) {
          d.showModal()
          d.focus()
        }
      }}
      onCancel={(e) => {
        e.preventDefault()
        onClose()
      }}
    >
      {children}
    </dialog>
  )
}
