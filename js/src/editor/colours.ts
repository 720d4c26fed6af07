// Brush colours as gr.Brush gives them: a CSS colour, or a [colour, opacity] pair.

export interface Colour {
  css: string;
  alpha: number;
}

export function colourOf(given: string | [string, number] | null | undefined): Colour {
  if (Array.isArray(given)) return { css: given[0], alpha: given[1] };
  return { css: given ?? "#000000", alpha: 1 };
}

/** A CSS colour as #rrggbb (what <input type=color> takes), read back from a canvas context. */
export function hexOf(css: string): string {
  const ctx = document.createElement("canvas").getContext("2d");
  if (!ctx) return "#000000";
  ctx.fillStyle = css;
  const parsed = String(ctx.fillStyle);
  if (parsed.startsWith("#")) return parsed;
  const [r, g, b] = parsed.match(/\d+(\.\d+)?/g)?.map(Number) ?? [0, 0, 0];
  return `#${[r, g, b].map((part) => Math.round(part).toString(16).padStart(2, "0")).join("")}`;
}
