// gr.InputHTMLAttributes on a text box's input element: the attributes set, spread onto the element.
import type { InputHTMLAttributes } from "../generated/props";

/** The HTML attributes `options` sets; those left None are left out, so the browser's defaults hold. */
export function inputAttributes(options: InputHTMLAttributes | null | undefined): Record<string, string | number> {
  const attributes: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(options ?? {})) {
    if (value != null) attributes[name] = typeof value === "boolean" ? String(value) : value;
  }
  return attributes;
}
