// The page's theme outside the app's own element: the built-in theme's name on <html>, the theme's
// overridden variables in a <style> before the app's css=, and Gradio's `dark` class on <body>.

/** Select the built-in theme `name` and apply the variables a theme's `.set()` overrode. */
export function applyTheme(name: string, css: string | null | undefined): void {
  document.documentElement.dataset.theme = name;
  let style = document.getElementById("reblocks-theme");
  if (!style) {
    style = document.createElement("style");
    style.id = "reblocks-theme";
    // before the app's css=, so rules written for Gradio override the theme as they do there
    const appCss = document.getElementById("reblocks-css");
    if (appCss) appCss.before(style);
    else document.head.append(style);
  }
  style.textContent = css ?? "";
}

/** Dark or light as `?__theme=dark|light` says, else as the system does (and when it changes);
 *  returns the function that stops following the system. */
export function followColorScheme(): () => void {
  const asked = new URLSearchParams(location.search).get("__theme");
  if (asked === "dark" || asked === "light") {
    document.body.classList.toggle("dark", asked === "dark");
    return () => {};
  }
  const query = window.matchMedia("(prefers-color-scheme: dark)");
  const apply = () => document.body.classList.toggle("dark", query.matches);
  apply();
  query.addEventListener("change", apply);
  return () => query.removeEventListener("change", apply);
}
