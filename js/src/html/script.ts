// The app's own code in gr.HTML (js_on_load, `${...}` in templates, `head`), run the way the page's
// CSP allows: as scripts carrying the page's nonce, like the app's `js=` (clientjs.ts). The CSP has
// no 'unsafe-eval', so `new Function` is not an option. Only the app's source is compiled this way,
// never a value.

declare global {
  interface Window {
    /** Set for a moment by a compiling script: the function it defines. */
    __reblocks_compiled?: unknown;
  }
}

// Compiled functions by source: immutable code, the same for every app on the page, so one cache.
const compiled = new Map<string, ((...args: unknown[]) => unknown) | Error>();

/** The nonce of the page's own scripts, which scripts added later must carry to run. */
export function pageNonce(): string {
  return document.querySelector<HTMLScriptElement>("script[nonce]")?.nonce ?? "";
}

/** A function of `params` whose body is `body`; throws the SyntaxError of a body that does not parse. */
export function compileFunction(params: string[], body: string): (...args: unknown[]) => unknown {
  const key = `${params.join(",")}\n${body}`;
  let fn = compiled.get(key);
  if (!fn) {
    let failure: Error | null = null;
    // The parse error of the compiling script is reported here rather than as uncaught.
    const listen = (event: ErrorEvent) => {
      failure = event.error instanceof Error ? event.error : new SyntaxError(event.message);
      event.preventDefault();
    };
    const script = document.createElement("script");
    script.nonce = pageNonce();
    script.textContent = `window.__reblocks_compiled = function (${params.join(", ")}) {\n${body}\n};`;
    window.addEventListener("error", listen);
    try {
      document.head.append(script); // an inline script runs as it is inserted
    } finally {
      window.removeEventListener("error", listen);
      script.remove();
    }
    const result = window.__reblocks_compiled;
    delete window.__reblocks_compiled;
    fn = typeof result === "function" ? (result as (...args: unknown[]) => unknown)
      : failure ?? new Error("the page's Content-Security-Policy did not let the code run");
    compiled.set(key, fn);
  }
  if (fn instanceof Error) throw fn;
  return fn;
}

/** Resolves once `script` (one of the page's) has loaded or failed; scripts not added here count as loaded. */
function settled(script: HTMLScriptElement): Promise<void> {
  const state = script.dataset.reblocksHead;
  if (state === undefined || state === "done") return Promise.resolve();
  return new Promise((resolve) => {
    script.addEventListener("load", () => resolve(), { once: true });
    script.addEventListener("error", () => resolve(), { once: true });
  });
}

/**
 * Add `head`'s elements to the page's head, each once: a script with a `src` already there (or being
 * loaded for another block) is waited for, not added again; so is a link with the same `href` or an
 * inline script with the same text. Resolves when the scripts it needs have loaded (or failed).
 */
export async function loadHead(head: string): Promise<void> {
  const parsed = new DOMParser().parseFromString(`<head>${head}</head>`, "text/html"); // inert: nothing runs
  const waits: Promise<void>[] = [];
  const scripts = () => [...document.querySelectorAll("script")];
  for (const element of [...parsed.head.children]) {
    if (element.tagName === "SCRIPT") {
      const source = element as HTMLScriptElement;
      const src = source.getAttribute("src") ? source.src : "";
      const same = scripts().find((script) => (src ? script.src === src : !script.src && script.text === source.text));
      if (same) {
        waits.push(settled(same));
        continue;
      }
      const script = document.createElement("script");
      for (const { name, value } of source.attributes) if (name !== "nonce") script.setAttribute(name, value);
      script.async = source.hasAttribute("async"); // added scripts default to async: keep the order they are given in
      script.nonce = pageNonce();
      script.text = source.text;
      if (src) {
        script.dataset.reblocksHead = "loading";
        const done = () => (script.dataset.reblocksHead = "done");
        script.addEventListener("load", done, { once: true });
        script.addEventListener("error", () => {
          done();
          console.error(`gr.HTML head: could not load ${src}`);
        }, { once: true });
        waits.push(settled(script));
      }
      document.head.append(script);
    } else {
      const href = element.getAttribute("href") ? (element as HTMLLinkElement).href : "";
      const same = href && [...document.querySelectorAll("link")].some((link) => link.href === href);
      if (!same) document.head.append(document.importNode(element, true));
    }
  }
  await Promise.all(waits);
}
