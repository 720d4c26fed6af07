// The 3D view of gr.Model3D, drawn with three.js: one model framed by an orbiting camera (drag to turn,
// wheel to zoom, right-drag to pan), lit by the sky and a light at the camera so any side shown is lit.
// It draws only when something changes (the camera, the size, a setting), or every frame while a glTF
// animation plays.

import {
  AnimationMixer, Box3, BufferGeometry, Color, DirectionalLight, HemisphereLight, Mesh, MeshStandardMaterial,
  Object3D, PerspectiveCamera, Points, PointsMaterial, SRGBColorSpace, Scene, Sphere, Vector3, WebGLRenderer,
  type AnimationClip, type Material,
} from "three";
import { OrbitControls } from "three/examples/jsm/controls/OrbitControls.js";
import { GLTFLoader } from "three/examples/jsm/loaders/GLTFLoader.js";
import { OBJLoader } from "three/examples/jsm/loaders/OBJLoader.js";
import { PLYLoader } from "three/examples/jsm/loaders/PLYLoader.js";
import { STLLoader } from "three/examples/jsm/loaders/STLLoader.js";
import { splatPoints } from "./splat";

export type DisplayMode = "solid" | "point_cloud" | "wireframe";
export type CameraPosition = [number | null, number | null, number | null];

export interface ViewOptions {
  clear_color: [number, number, number, number];
  camera_position: CameraPosition;
  zoom_speed: number;
  pan_speed: number;
  display_mode: DisplayMode | null;
}

/** What a parsed model holds: the triangles of its surfaces and the vertices of everything drawn. */
export interface Counts {
  triangles: number;
  vertices: number;
}

/** The file types the viewer reads, as an upload's `accept` lists them. */
export const MODEL_TYPES = [".obj", ".glb", ".gltf", ".stl", ".ply", ".splat"] as const;

const FOV = 45; // degrees, vertical
const GREY = 0xb4b4b4; // surfaces of formats without materials (STL, PLY)
// Where the camera starts when `camera_position` leaves it open: in front, a little above.
const ALPHA = 90;
const BETA = 70;
const LIGHT_OFFSET = new Vector3(-0.5, 0.8, 0); // in the camera's frame, per unit of distance to the model
const radians = (degrees: number): number => (degrees * Math.PI) / 180;

/** Read `url` (a file named `name`) into a scene graph, with its animations. */
async function parse(url: string, name: string): Promise<{ model: Object3D; animations: AnimationClip[] }> {
  const extension = name.toLowerCase().match(/\.[a-z0-9]+$/)?.[0] ?? "";
  switch (extension) {
    case ".gltf":
    case ".glb": {
      const gltf = await new GLTFLoader().loadAsync(url);
      return { model: gltf.scene, animations: gltf.animations };
    }
    case ".obj":
      return { model: await new OBJLoader().loadAsync(url), animations: [] };
    case ".stl":
      return { model: surface(await new STLLoader().loadAsync(url)), animations: [] };
    case ".ply":
    case ".splat": {
      const response = await fetch(url);
      if (!response.ok) throw new Error(`${response.status} ${response.statusText}`);
      const bytes = await response.arrayBuffer();
      const splat = splatPoints(bytes, extension);
      if (splat) return { model: points(splat), animations: [] };
      const geometry = new PLYLoader().parse(bytes);
      return { model: geometry.index ? surface(geometry) : points(geometry), animations: [] };
    }
    default:
      throw new Error(`"${name}" is not a 3D model this viewer reads (${MODEL_TYPES.join(", ")})`);
  }
}

function surface(geometry: BufferGeometry): Mesh {
  if (!geometry.hasAttribute("normal")) geometry.computeVertexNormals();
  const vertexColors = geometry.hasAttribute("color");
  return new Mesh(geometry, new MeshStandardMaterial({ color: vertexColors ? 0xffffff : GREY, vertexColors }));
}

function points(geometry: BufferGeometry): Points {
  const vertexColors = geometry.hasAttribute("color");
  return new Points(geometry, new PointsMaterial({ size: 2, sizeAttenuation: false, vertexColors,
    color: vertexColors ? 0xffffff : GREY }));
}

function countsOf(model: Object3D): Counts {
  const counts = { triangles: 0, vertices: 0 };
  model.traverse((object) => {
    if (!(object instanceof Mesh || object instanceof Points)) return;
    const geometry = object.geometry as BufferGeometry;
    const vertices = geometry.getAttribute("position")?.count ?? 0;
    counts.vertices += vertices;
    if (object instanceof Mesh) counts.triangles += Math.floor((geometry.index?.count ?? vertices) / 3);
  });
  return counts;
}

function materialsOf(object: Mesh | Points): Material[] {
  return Array.isArray(object.material) ? object.material : [object.material];
}

export class Viewer {
  readonly #renderer: WebGLRenderer;
  readonly #scene = new Scene();
  readonly #camera = new PerspectiveCamera(FOV, 1, 0.01, 1000);
  readonly #controls: OrbitControls;
  readonly #light = new DirectionalLight(0xffffff, 1.6);
  readonly #resize: ResizeObserver;
  #model: Object3D | null = null;
  #mixer: AnimationMixer | null = null;
  #frame = 0;
  #loads = 0; // loads begun: one that ends after a later one began is dropped
  #lastFrame: number | null = null; // when the animation last stepped, in ms
  #bounds = new Sphere(new Vector3(), 1);
  #options: ViewOptions | null = null;
  // Point clouds made for surfaces, so display_mode can switch back and forth.
  readonly #pointClouds = new Map<Mesh, Points>();

  constructor(readonly canvas: HTMLCanvasElement) {
    this.#renderer = new WebGLRenderer({ canvas, antialias: true, alpha: true });
    this.#renderer.setPixelRatio(window.devicePixelRatio);
    this.#scene.add(new HemisphereLight(0xffffff, 0x555555, 1.2), this.#light, this.#light.target);
    this.#controls = new OrbitControls(this.#camera, canvas);
    this.#controls.addEventListener("change", () => this.draw());
    this.#resize = new ResizeObserver(() => {
      if (this.#resized()) this.draw();
    });
    this.#resize.observe(canvas);
  }

  /** Show the model at `url` in place of any other; what it holds, once parsed (null when another load
   * began meanwhile: that one shows). */
  async load(url: string, name: string): Promise<Counts | null> {
    const ticket = ++this.#loads;
    const { model, animations } = await parse(url, name);
    if (ticket !== this.#loads) return null;
    this.#clear();
    this.#model = model;
    this.#scene.add(model);
    const box = new Box3().setFromObject(model);
    if (box.isEmpty()) throw new Error(`"${name}" holds nothing to draw`);
    box.getBoundingSphere(this.#bounds);
    const counts = countsOf(model); // before display_mode adds point clouds to the surfaces
    if (animations.length) {
      this.#mixer = new AnimationMixer(model);
      for (const clip of animations) this.#mixer.clipAction(clip).play();
      this.#frame = requestAnimationFrame((time) => this.#animate(time));
    }
    this.#applyDisplayMode();
    this.reset();
    return counts;
  }

  /** Take the component's settings; a new camera position moves the camera there. */
  configure(options: ViewOptions): void {
    const moved = JSON.stringify(options.camera_position) !== JSON.stringify(this.#options?.camera_position);
    this.#options = options;
    const [red, green, blue, alpha] = options.clear_color;
    this.#renderer.setClearColor(new Color().setRGB(red, green, blue, SRGBColorSpace), alpha);
    this.#controls.zoomSpeed = options.zoom_speed;
    this.#controls.panSpeed = options.pan_speed;
    this.#applyDisplayMode();
    if (moved && this.#model) this.reset();
    else this.draw();
  }

  /** The camera back where it started: `camera_position`, each part left open framed to the model. */
  reset(): void {
    this.#resized(); // the framing depends on the canvas's shape
    const [alpha, beta, radius] = this.#options?.camera_position ?? [null, null, null];
    const a = radians(alpha ?? ALPHA);
    const b = radians(Math.min(Math.max(beta ?? BETA, 0.1), 179.9)); // straight above or below has no "up"
    // The bounding sphere fills the narrower of the two fields of view, with a margin.
    const vertical = radians(FOV) / 2;
    const horizontal = Math.atan(Math.tan(vertical) * this.#camera.aspect);
    const distance = radius ?? (this.#bounds.radius / Math.sin(Math.min(vertical, horizontal))) * 1.1;
    const center = this.#bounds.center;
    this.#camera.position.set(
      center.x + distance * Math.cos(a) * Math.sin(b),
      center.y + distance * Math.cos(b),
      center.z + distance * Math.sin(a) * Math.sin(b),
    );
    this.#controls.target.copy(center);
    this.#controls.maxDistance = Math.max(distance, this.#bounds.radius) * 20;
    this.#controls.update();
    this.draw();
  }

  draw(): void {
    // The near and far planes follow zooming, so a close look does not cut the model.
    const distance = this.#camera.position.distanceTo(this.#bounds.center);
    // A light above and left of the camera: the sides it looks at are lit, each at its own angle.
    this.#camera.updateMatrixWorld();
    this.#light.position.copy(this.#camera.localToWorld(LIGHT_OFFSET.clone().multiplyScalar(distance)));
    this.#light.target.position.copy(this.#controls.target);
    this.#camera.near = Math.max(distance - this.#bounds.radius * 4, distance / 1000);
    this.#camera.far = distance + this.#bounds.radius * 4;
    this.#camera.updateProjectionMatrix();
    this.#renderer.render(this.#scene, this.#camera);
  }

  dispose(): void {
    this.#clear();
    this.#resize.disconnect();
    this.#controls.dispose();
    this.#renderer.dispose();
    this.#renderer.forceContextLoss(); // browsers keep few WebGL contexts: give this one back now
  }

  /** Match the drawing buffer and the camera to the canvas's size on the page; whether it has one. */
  #resized(): boolean {
    const width = this.canvas.clientWidth;
    const height = this.canvas.clientHeight;
    if (!width || !height) return false;
    this.#renderer.setSize(width, height, false);
    this.#camera.aspect = width / height;
    return true;
  }

  #animate(time: number): void {
    this.#frame = requestAnimationFrame((next) => this.#animate(next));
    this.#mixer?.update(this.#lastFrame === null ? 0 : (time - this.#lastFrame) / 1000);
    this.#lastFrame = time;
    this.draw();
  }

  #applyDisplayMode(): void {
    const mode = this.#options?.display_mode ?? "solid";
    this.#model?.traverse((object) => {
      if (!(object instanceof Mesh)) return;
      for (const material of materialsOf(object)) {
        if ("wireframe" in material) material.wireframe = mode === "wireframe";
        material.visible = mode !== "point_cloud";
      }
      let cloud = this.#pointClouds.get(object);
      if (mode === "point_cloud" && !cloud) {
        const color = materialsOf(object)[0];
        cloud = points(object.geometry as BufferGeometry);
        if (!object.geometry.hasAttribute("color") && "color" in color && color.color instanceof Color) {
          (cloud.material as PointsMaterial).color.copy(color.color);
        }
        this.#pointClouds.set(object, cloud);
        object.add(cloud);
      }
      if (cloud) cloud.visible = mode === "point_cloud";
    });
  }

  #clear(): void {
    cancelAnimationFrame(this.#frame);
    this.#lastFrame = null;
    this.#mixer?.stopAllAction();
    this.#mixer = null;
    for (const cloud of this.#pointClouds.values()) (cloud.material as Material).dispose();
    this.#pointClouds.clear();
    this.#model?.traverse((object) => {
      if (!(object instanceof Mesh || object instanceof Points)) return;
      (object.geometry as BufferGeometry).dispose();
      for (const material of materialsOf(object)) material.dispose();
    });
    if (this.#model) this.#scene.remove(this.#model);
    this.#model = null;
  }
}
