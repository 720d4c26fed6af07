// The app's own JavaScript: client-side listeners (Gradio's `js=` on an event) and the app's
// `js=`, run once it is mounted. The page declares both in scripts carrying its CSP nonce: the
// policy has no 'unsafe-eval', so the runtime may not compile source itself.

export type ClientFunction = (...args: unknown[]) => unknown;

declare global {
  interface Window {
    /** Each listener's function by dependency id, as the page's scripts evaluated it. */
    __reblocks_functions?: Record<number, unknown>;
    /** The app's `js=` source. */
    __reblocks_app_js?: string;
    /** Set only while runAppScript probes the app's `js=`. */
    __reblocks_probe?: (expression: () => unknown) => void;
  }
}

/** The `js` function of dependency `id`, e.g. "(a, b) => [a + b, a - b]" evaluated by the page. */
export function clientFunction(id: number): ClientFunction {
  const functions = window.__reblocks_functions ?? {};
  // absent: its script did not parse, and the browser console says where
  if (!(id in functions)) {
    throw new SyntaxError("js= is not a valid JavaScript expression; see the browser console");
  }
  const fn = functions[id];
  if (typeof fn !== "function") throw new TypeError(`js= must be a function expression, not ${typeof fn}`);
  return fn as ClientFunction;
}

/** Run `source` as a script the CSP accepts: it carries the nonce of the page's own scripts. */
function runScript(source: string, nonce: string): void {
  const script = document.createElement("script");
  script.nonce = nonce;
  script.textContent = source;
  document.head.append(script); // an inline script runs as it is inserted
  script.remove();
}

/**
 * Run the app's `js=`. A function expression (the documented form) is called; other source (a
 * script body, as Gradio 6 runs it) runs as a script. Only the browser's parser can tell which:
 * a probe script hands back the expression unevaluated, and does not run at all if it does not parse.
 */
export function runAppScript(source: string): void {
  const nonce = document.querySelector<HTMLScriptElement>("script[nonce]")?.nonce ?? "";
  const probed: { expression?: () => unknown } = {};
  // The probe's only possible error is its SyntaxError, expected for a script body: keep it quiet.
  const quiet = (event: ErrorEvent) => event.preventDefault();
  window.__reblocks_probe = (expression) => (probed.expression = expression);
  window.addEventListener("error", quiet);
  try {
    runScript(`window.__reblocks_probe(() => (\n${source.replace(/[\s;]+$/, "")}\n));`, nonce);
  } finally {
    window.removeEventListener("error", quiet);
    delete window.__reblocks_probe;
  }
  const { expression } = probed;
  if (!expression) return runScript(source, nonce);
  // Its errors are the app's: reported as uncaught, apart from the runtime's own work.
  queueMicrotask(() => {
    const value = expression();
    if (typeof value === "function") value();
  });
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
