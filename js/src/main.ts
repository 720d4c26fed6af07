// Entry point: mount the app into #reblocks-app with the config the server inlined in the page.
import { mount } from "svelte";
import App from "./App.svelte";
import "./styles.css";
import type { AppConfig } from "./types";

declare global {
  interface Window {
    gradio_config?: AppConfig;
  }
}

async function loadConfig(): Promise<AppConfig> {
  if (window.gradio_config) return window.gradio_config;
  const response = await fetch("config"); // a page without an inline config: ask the server
  if (!response.ok) throw new Error(`GET config: ${response.status}`);
  return (await response.json()) as AppConfig;
}

const target = document.getElementById("reblocks-app");
if (target) {
  const config = await loadConfig();
  // config.root is absolute and has no trailing slash; without one, use the page's directory
  const root = (config.root || location.href.replace(/[?#].*$/, "").replace(/\/[^/]*$/, "")).replace(/\/+$/, "");
  mount(App, { target, props: { config, root } });
}
