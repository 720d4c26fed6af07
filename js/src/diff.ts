// Streamed values (PROTOCOL.md §6): apply a slot's diff to the previous full value, and compare values.
// Values are treated as immutable: an edit copies only the containers along its path, so the previous
// value (and whatever a component still holds of it) is never changed.

import type { DiffOp } from "./protocol";

type Container = Record<string | number, unknown> | unknown[];

/** The value after applying `ops` in order to `value`. */
export function applyDiff(value: unknown, ops: DiffOp[]): unknown {
  return ops.reduce((current, op) => applyOp(current, op), value);
}

function applyOp(value: unknown, [op, path, operand]: DiffOp): unknown {
  if (path.length === 0) {
    if (op === "append") return String(value ?? "") + String(operand);
    if (op === "delete") return null;
    return operand;
  }
  return edit(value, path, 0, op, operand);
}

function edit(node: unknown, path: (string | number)[], depth: number, op: DiffOp[0], operand: unknown): unknown {
  const copy = shallowCopy(node);
  const key = path[depth];
  if (depth < path.length - 1) {
    setAt(copy, key, edit(getAt(copy, key), path, depth + 1, op, operand));
    return copy;
  }
  if (op === "replace") setAt(copy, key, operand);
  else if (op === "append") setAt(copy, key, String(getAt(copy, key) ?? "") + String(operand));
  else if (op === "add") {
    if (Array.isArray(copy)) copy.splice(Number(key), 0, operand);
    else copy[key] = operand;
  } else if (Array.isArray(copy)) copy.splice(Number(key), 1);
  else delete copy[key];
  return copy;
}

function shallowCopy(node: unknown): Container {
  if (Array.isArray(node)) return node.slice();
  if (node !== null && typeof node === "object") return { ...(node as Record<string, unknown>) };
  return {}; // a path into a missing value: build the container as the server describes it
}

function getAt(node: Container, key: string | number): unknown {
  return (node as Record<string | number, unknown>)[key];
}

function setAt(node: Container, key: string | number, value: unknown): void {
  (node as Record<string | number, unknown>)[key] = value;
}

/** Structural equality of JSON values; decides whether an output really changed a component. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object") return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const other = b as unknown[];
    return a.length === other.length && a.every((item, index) => deepEqual(item, other[index]));
  }
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = Object.keys(left);
  return keys.length === Object.keys(right).length
    && keys.every((key) => Object.hasOwn(right, key) && deepEqual(left[key], right[key]));
}
