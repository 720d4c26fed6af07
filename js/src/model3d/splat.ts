// Gaussian splats (.splat files, and .ply files holding splats) as coloured points, one at each splat's
// centre: a preview of the scene's shape and colours. Blending the splats themselves needs three.js's
// WebGPU renderer, a download of its own that this viewer does without.

import { BufferGeometry, Float32BufferAttribute } from "three";
import { PLYLoader } from "three/examples/jsm/loaders/PLYLoader.js";

const ROW = 32; // a .splat row: position (3 float32), scale (3 float32), RGBA (4 bytes), rotation (4 bytes)
const SH_C0 = 0.28209479177387814; // the zeroth spherical harmonic: a splat's base colour is 0.5 + SH_C0 * f_dc

/** sRGB (as splat files store colour) to the linear values three.js blends. */
const linear = (value: number): number => {
  const clamped = Math.min(Math.max(value, 0), 1);
  return clamped <= 0.04045 ? clamped / 12.92 : ((clamped + 0.055) / 1.055) ** 2.4;
};

function geometry(positions: Float32Array, colors: Float32Array): BufferGeometry {
  const result = new BufferGeometry();
  result.setAttribute("position", new Float32BufferAttribute(positions, 3));
  result.setAttribute("color", new Float32BufferAttribute(colors, 3));
  return result;
}

function fromSplat(bytes: ArrayBuffer): BufferGeometry {
  if (bytes.byteLength % ROW) throw new Error("a .splat file is made of 32-byte rows");
  const count = bytes.byteLength / ROW;
  const view = new DataView(bytes);
  const positions = new Float32Array(count * 3);
  const colors = new Float32Array(count * 3);
  for (let index = 0; index < count; index++) {
    for (let axis = 0; axis < 3; axis++) {
      positions[index * 3 + axis] = view.getFloat32(index * ROW + axis * 4, true);
      colors[index * 3 + axis] = linear(view.getUint8(index * ROW + 24 + axis) / 255);
    }
  }
  return geometry(positions, colors);
}

function fromGaussianPly(bytes: ArrayBuffer): BufferGeometry {
  const loader = new PLYLoader();
  loader.setCustomPropertyNameMapping({ f_dc: ["f_dc_0", "f_dc_1", "f_dc_2"] });
  const parsed = loader.parse(bytes);
  const base = parsed.getAttribute("f_dc").array;
  const colors = Float32Array.from(base, (value) => linear(0.5 + SH_C0 * value));
  return geometry(Float32Array.from(parsed.getAttribute("position").array), colors);
}

/** The points of a Gaussian splat file, or null when `bytes` is a PLY of another kind (a mesh, a point cloud). */
export function splatPoints(bytes: ArrayBuffer, extension: string): BufferGeometry | null {
  if (extension === ".splat") return fromSplat(bytes);
  const header = new TextDecoder().decode(bytes.slice(0, 16384)).split("end_header")[0];
  return /^property\s+\S+\s+f_dc_0\s*$/m.test(header) ? fromGaussianPly(bytes) : null;
}
