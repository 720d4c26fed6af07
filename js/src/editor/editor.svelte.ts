// The pictures of gr.ImageEditor: a background and layers on canvases of their own, the stroke being
// drawn, and the undo history. Canvas 2D only: what the page shows and what it uploads are drawn the
// same way, by `paint`.

export interface Layer {
  readonly id: number;
  readonly name: string;
  readonly visible: boolean;
  readonly canvas: HTMLCanvasElement;
}

export interface Stroke {
  mode: "draw" | "erase";
  /** A CSS colour; drawn at `alpha` opacity. */
  color: string;
  alpha: number;
  /** The brush's radius in canvas pixels. */
  radius: number;
  points: [number, number][];
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Blobs {
  background: Blob;
  layers: Blob[];
  composite: Blob;
}

interface Snapshot {
  width: number;
  height: number;
  background: HTMLCanvasElement;
  layers: Layer[];
  active: number;
}

// Each snapshot holds a copy of every canvas: 30 of an 800x800 picture with two layers is ~180 MB at worst.
const HISTORY = 30;

function canvasOf(width: number, height: number): HTMLCanvasElement {
  const canvas = document.createElement("canvas");
  canvas.width = width;
  canvas.height = height;
  return canvas;
}

function context(canvas: HTMLCanvasElement): CanvasRenderingContext2D {
  const ctx = canvas.getContext("2d");
  if (!ctx) throw new Error("This browser cannot draw on a canvas");
  return ctx;
}

/** A copy of `source` at `width` x `height`, its picture drawn by `place` (default: at the top left, as it is). */
function redrawn(source: HTMLCanvasElement, width: number, height: number,
  place: (ctx: CanvasRenderingContext2D) => void = (ctx) => ctx.drawImage(source, 0, 0)): HTMLCanvasElement {
  const canvas = canvasOf(width, height);
  place(context(canvas));
  return canvas;
}

function white(width: number, height: number): HTMLCanvasElement {
  const canvas = canvasOf(width, height);
  const ctx = context(canvas);
  ctx.fillStyle = "#fff";
  ctx.fillRect(0, 0, width, height);
  return canvas;
}

/** Draw `stroke` onto `ctx`: paint, or (erasing) clear what is under it. */
function paint(ctx: CanvasRenderingContext2D, stroke: Stroke): void {
  const [first, ...rest] = stroke.points;
  if (!first) return;
  ctx.save();
  ctx.globalCompositeOperation = stroke.mode === "erase" ? "destination-out" : "source-over";
  ctx.globalAlpha = stroke.mode === "erase" ? 1 : stroke.alpha;
  ctx.strokeStyle = ctx.fillStyle = stroke.mode === "erase" ? "#000" : stroke.color;
  ctx.lineWidth = stroke.radius * 2;
  ctx.lineCap = ctx.lineJoin = "round";
  ctx.beginPath();
  if (rest.length === 0) {
    ctx.arc(first[0], first[1], stroke.radius, 0, Math.PI * 2);
    ctx.fill();
  } else {
    ctx.moveTo(first[0], first[1]);
    for (const [x, y] of rest) ctx.lineTo(x, y);
    ctx.stroke();
  }
  ctx.restore();
}

function toBlob(canvas: HTMLCanvasElement): Promise<Blob> {
  return new Promise((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error("The canvas could not be saved"))), "image/png"));
}

export class Editor {
  width = $state(0);
  height = $state(0);
  layers: Layer[] = $state.raw([]);
  /** The id of the layer the brush paints on. */
  active = $state(0);
  /** Changes whenever a pixel may have: the view redraws on it. */
  version = $state(0);
  #background: HTMLCanvasElement;
  #stroke: Stroke | null = null;
  #scratch: HTMLCanvasElement | null = null;
  #undo: Snapshot[] = $state.raw([]);
  #redo: Snapshot[] = $state.raw([]);
  #nextId = 1;

  constructor(width: number, height: number, names: readonly string[]) {
    this.#background = white(width, height);
    this.reset(width, height, names);
  }

  get canUndo(): boolean {
    return this.#undo.length > 0;
  }

  get canRedo(): boolean {
    return this.#redo.length > 0;
  }

  /** A blank white picture with empty layers named `names`, and no history. */
  reset(width: number, height: number, names: readonly string[]): void {
    this.width = width;
    this.height = height;
    this.#background = white(width, height);
    this.layers = names.map((name) => this.#layer(name, canvasOf(width, height)));
    this.active = this.layers[0]?.id ?? 0;
    this.#undo = [];
    this.#redo = [];
    this.#changed();
  }

  #layer(name: string, canvas: HTMLCanvasElement, visible = true): Layer {
    return { id: this.#nextId++, name, visible, canvas };
  }

  #changed(): void {
    this.version++;
  }

  #snapshot(): Snapshot {
    const copy = (canvas: HTMLCanvasElement) => redrawn(canvas, canvas.width, canvas.height);
    return {
      width: this.width, height: this.height, background: copy(this.#background), active: this.active,
      layers: this.layers.map((layer) => ({ ...layer, canvas: copy(layer.canvas) })),
    };
  }

  #restore(snapshot: Snapshot): void {
    ({ width: this.width, height: this.height, background: this.#background, layers: this.layers, active: this.active } = snapshot);
    this.#changed();
  }

  /** Keep the picture as it is now, for undo; a new edit forgets what was undone. */
  #record(): void {
    this.#undo = [...this.#undo.slice(-(HISTORY - 1)), this.#snapshot()];
    this.#redo = [];
  }

  undo(): void {
    const previous = this.#undo.at(-1);
    if (!previous) return;
    this.#redo = [...this.#redo, this.#snapshot()];
    this.#undo = this.#undo.slice(0, -1);
    this.#restore(previous);
  }

  redo(): void {
    const next = this.#redo.at(-1);
    if (!next) return;
    this.#undo = [...this.#undo, this.#snapshot()];
    this.#redo = this.#redo.slice(0, -1);
    this.#restore(next);
  }

  addLayer(name: string): void {
    this.#record();
    const layer = this.#layer(name, canvasOf(this.width, this.height));
    this.layers = [...this.layers, layer];
    this.active = layer.id;
    this.#changed();
  }

  removeLayer(id: number): void {
    if (this.layers.length <= 1) return;
    this.#record();
    this.layers = this.layers.filter((layer) => layer.id !== id);
    if (this.active === id) this.active = this.layers.at(-1)!.id;
    this.#changed();
  }

  toggleLayer(id: number): void {
    this.layers = this.layers.map((layer) => (layer.id === id ? { ...layer, visible: !layer.visible } : layer));
    this.#changed();
  }

  /**
   * A new background. `fit`: the canvas keeps its size and the image is scaled into it, centred (on
   * white); otherwise the canvas takes the image's size. The layers keep their pictures, from the top left.
   */
  setBackground(image: CanvasImageSource & { width: number; height: number }, fit: boolean, record = true): void {
    if (record) this.#record();
    const width = fit ? this.width : image.width;
    const height = fit ? this.height : image.height;
    const scale = fit ? Math.min(width / image.width, height / image.height) : 1;
    const [w, h] = [image.width * scale, image.height * scale];
    this.#background = white(width, height);
    context(this.#background).drawImage(image, (width - w) / 2, (height - h) / 2, w, h);
    this.#resizeLayers(width, height);
    this.#changed();
  }

  #resizeLayers(width: number, height: number): void {
    this.width = width;
    this.height = height;
    this.layers = this.layers.map((layer) => ({ ...layer, canvas: redrawn(layer.canvas, width, height) }));
  }

  /** Layer pictures from a value: the i-th image into the i-th layer (added when missing), no history. */
  setLayers(images: readonly CanvasImageSource[], name: (index: number) => string): void {
    this.layers = images.map((image, index) => {
      const canvas = canvasOf(this.width, this.height);
      context(canvas).drawImage(image, 0, 0);
      const existing = this.layers[index];
      return existing ? { ...existing, canvas } : this.#layer(name(index), canvas);
    });
    if (!this.layers.some((layer) => layer.id === this.active)) this.active = this.layers[0]?.id ?? 0;
    this.#changed();
  }

  /** Start a stroke on the active layer at a point. */
  begin(stroke: Stroke): void {
    this.#stroke = stroke;
    this.#changed();
  }

  extend(x: number, y: number): void {
    if (!this.#stroke) return;
    this.#stroke.points.push([x, y]);
    this.#changed();
  }

  /** End the stroke; whether it changed anything (a stroke on a hidden or missing layer does not). */
  end(): boolean {
    const stroke = this.#stroke;
    this.#stroke = null;
    const layer = this.layers.find((candidate) => candidate.id === this.active);
    if (!stroke || !layer?.visible) {
      this.#changed();
      return false;
    }
    this.#record();
    paint(context(layer.canvas), stroke);
    this.#changed();
    return true;
  }

  crop(rect: Rect): void {
    this.#record();
    const { x, y, width, height } = rect;
    const cut = (canvas: HTMLCanvasElement) => redrawn(canvas, width, height, (ctx) => ctx.drawImage(canvas, -x, -y));
    this.#background = cut(this.#background);
    this.layers = this.layers.map((layer) => ({ ...layer, canvas: cut(layer.canvas) }));
    this.width = width;
    this.height = height;
    this.#changed();
  }

  resize(width: number, height: number): void {
    this.#record();
    const scale = (canvas: HTMLCanvasElement) =>
      redrawn(canvas, width, height, (ctx) => ctx.drawImage(canvas, 0, 0, width, height));
    this.#background = scale(this.#background);
    this.layers = this.layers.map((layer) => ({ ...layer, canvas: scale(layer.canvas) }));
    this.width = width;
    this.height = height;
    this.#changed();
  }

  /** Draw the picture onto `ctx` (a canvas of this size): background, then each visible layer, the stroke on its own. */
  draw(ctx: CanvasRenderingContext2D, withStroke = true): void {
    ctx.clearRect(0, 0, this.width, this.height);
    ctx.drawImage(this.#background, 0, 0);
    for (const layer of this.layers) {
      if (!layer.visible) continue;
      if (withStroke && this.#stroke && layer.id === this.active) {
        // the stroke is drawn on a copy of its layer, so erasing shows through to the layers below
        this.#scratch = this.#scratch?.width === this.width && this.#scratch.height === this.height
          ? this.#scratch : canvasOf(this.width, this.height);
        const scratch = context(this.#scratch);
        scratch.clearRect(0, 0, this.width, this.height);
        scratch.drawImage(layer.canvas, 0, 0);
        paint(scratch, this.#stroke);
        ctx.drawImage(this.#scratch, 0, 0);
      } else {
        ctx.drawImage(layer.canvas, 0, 0);
      }
    }
  }

  /** The background, each layer and the composite, as PNG files' bytes. */
  async blobs(): Promise<Blobs> {
    const composite = canvasOf(this.width, this.height);
    this.draw(context(composite), false);
    const [background, flat, ...layers] = await Promise.all(
      [this.#background, composite, ...this.layers.map((layer) => layer.canvas)].map(toBlob));
    return { background, layers, composite: flat };
  }
}
