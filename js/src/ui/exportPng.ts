// Saving what a component shows: a URL downloaded under a file name, and an SVG chart drawn into a PNG.

/** Download `url` as `filename`, as a click on a download link would. */
export function downloadUrl(url: string, filename: string): void {
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
}

// The styles a chart takes from the page (the theme's custom properties, currentColor): copied onto the
// clone, since an SVG drawn as an image sees no stylesheet.
const STYLES = ["fill", "stroke", "stroke-width", "stroke-opacity", "fill-opacity", "opacity", "color", "font-family",
  "font-size", "font-weight"];

/** `svg` as a PNG at twice its size, on the page's background colour. */
export async function svgToPng(svg: SVGSVGElement): Promise<Blob> {
  const { width, height } = svg.getBoundingClientRect();
  const clone = svg.cloneNode(true) as SVGSVGElement;
  const originals = [svg, ...svg.querySelectorAll("*")];
  [clone, ...clone.querySelectorAll("*")].forEach((element, i) => {
    const computed = getComputedStyle(originals[i]);
    for (const name of STYLES) (element as SVGElement).style.setProperty(name, computed.getPropertyValue(name));
  });
  clone.setAttribute("xmlns", "http://www.w3.org/2000/svg");
  clone.setAttribute("width", String(width));
  clone.setAttribute("height", String(height));
  const source = new XMLSerializer().serializeToString(clone);
  const image = new Image();
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(source)}`;
  await image.decode();
  const canvas = document.createElement("canvas");
  canvas.width = Math.ceil(width * 2);
  canvas.height = Math.ceil(height * 2);
  const context = canvas.getContext("2d")!;
  context.fillStyle = getComputedStyle(svg.closest(".block") ?? document.body).backgroundColor || "#fff";
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.scale(2, 2);
  context.drawImage(image, 0, 0, width, height);
  return new Promise((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error("the chart could not be drawn"))), "image/png"));
}
