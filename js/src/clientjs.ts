// Client-side listeners (Gradio's `js=`): a dependency's JavaScript function expression, compiled
// once and called in the page with its inputs' values.

export type ClientFunction = (...args: unknown[]) => unknown;

/** Compile `source`, a function expression such as "(a, b) => [a + b, a - b]". */
export function compileClientFunction(source: string): ClientFunction {
  const fn: unknown = new Function(`return (${source})`)();
  if (typeof fn !== "function") throw new TypeError(`js= must be a function expression, not ${typeof fn}`);
  return fn as ClientFunction;
}

export function isThenable(value: unknown): value is PromiseLike<unknown> {
  return value !== null && (typeof value === "object" || typeof value === "function")
    && typeof (value as PromiseLike<unknown>).then === "function";
}

/**
 * The result as one value per slot (outputs, or inputs sent on to the server). With one slot the
 * result is that slot's value, even when it is an array (a Chatbot conversation); with several it
 * must be an array.
 */
export function slotValues(result: unknown, slots: number, what: "outputs" | "inputs"): unknown[] {
  if (slots === 1) return [result];
  if (slots === 0) return [];
  if (!Array.isArray(result)) throw new TypeError(`the js function must return an array of ${slots} ${what}`);
  return result;
}
