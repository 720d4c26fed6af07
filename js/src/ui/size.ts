// Size props as CSS: Gradio's height/width/min_height/... take a number of pixels or any CSS length.

/** A size prop (number = px, string = any CSS length) as a CSS value; none for null or "". */
export function cssSize(size: number | string | null | undefined): string | undefined {
  if (size == null || size === "") return undefined;
  return typeof size === "number" ? `${size}px` : size;
}
