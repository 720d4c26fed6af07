// Block type (config.components[].type) → Svelte component, one file per Python class: the one map,
// used by Block.svelte for blocks and by chat/MessageParts.svelte for components inside messages.
// Components that pull in marked/highlight.js/KaTeX, the media ones and the form controls load on first use,
// in their own chunks.
// The eager ones share a chunk with the chat, whose CSS the page does not link: they keep theirs in styles.css.

import type { Component } from "svelte";
import Accordion from "./Accordion.svelte";
import Sidebar from "./Sidebar.svelte";
import Button from "./Button.svelte";
import Column from "./Column.svelte";
import Timer from "./Timer.svelte";
import BrowserState from "./BrowserState.svelte";
import Group from "./Group.svelte";
import Row from "./Row.svelte";
import Tab from "./Tab.svelte";
import Tabs from "./Tabs.svelte";
import Textbox from "./Textbox.svelte";

// One block with its wrapper; gr.HTML draws its children with it (taken from here, it stays in this chunk).
export { default as Block } from "./Block.svelte";

// Props differ per block type; the registry can only promise "some component".
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyComponent = Component<any>;

/** A component fetched by dynamic import the first time a block of its type is drawn. */
export class Lazy {
  #module: Promise<{ default: AnyComponent }> | null = null;

  constructor(readonly loader: () => Promise<{ default: AnyComponent }>) {}

  /** The same promise every time, so an {#await} over it never falls back to pending. */
  load(): Promise<{ default: AnyComponent }> {
    return (this.#module ??= this.loader());
  }
}

/** A form control from form.ts, the chunk they share. */
const formControl = (name: keyof typeof import("./form")) =>
  new Lazy(() => import("./form").then((form) => ({ default: form[name] })));

// gr.BarPlot, gr.LinePlot, gr.ScatterPlot: one component, with Observable Plot in its chunk.
const nativePlot = new Lazy(() => import("./NativePlot.svelte"));

export const registry: Readonly<Record<string, AnyComponent | Lazy>> = {
  // layouts: rendered with their children (see Block.svelte)
  row: Row,
  column: Column,
  form: Column,
  group: Group,
  accordion: Accordion,
  sidebar: Sidebar,
  tabs: Tabs,
  tabitem: Tab,
  walkthrough: Tabs, // drawn as a numbered strip of steps (Tabs.svelte reads its type)
  walkthroughstep: Tab,
  // components
  textbox: Textbox,
  number: formControl("NumberBlock"),
  slider: formControl("Slider"),
  checkbox: formControl("Checkbox"),
  radio: formControl("Radio"),
  dropdown: formControl("Dropdown"),
  checkboxgroup: formControl("CheckboxGroup"),
  button: Button,
  dataset: new Lazy(() => import("./Dataset.svelte")),
  timer: Timer,
  browserstate: BrowserState,
  navbar: new Lazy(() => import("./Navbar.svelte")), // never drawn: PageNav.svelte reads it
  markdown: new Lazy(() => import("./Markdown.svelte")),
  html: new Lazy(() => import("./HTML.svelte")),
  code: new Lazy(() => import("./Code.svelte")),
  json: new Lazy(() => import("./JSON.svelte")),
  label: new Lazy(() => import("./Label.svelte")),
  highlightedtext: new Lazy(() => import("./HighlightedText.svelte")),
  colorpicker: new Lazy(() => import("./ColorPicker.svelte")),
  datetime: new Lazy(() => import("./DateTime.svelte")),
  fileexplorer: new Lazy(() => import("./FileExplorer.svelte")),
  annotatedimage: new Lazy(() => import("./AnnotatedImage.svelte")),
  imageslider: new Lazy(() => import("./ImageSlider.svelte")),
  imageeditor: new Lazy(() => import("./ImageEditor.svelte")),
  model3d: new Lazy(() => import("./Model3D.svelte")),
  deeplinkbutton: new Lazy(() => import("./DeepLinkButton.svelte")),
  chatbot: new Lazy(() => import("./Chatbot.svelte")),
  savedchats: new Lazy(() => import("./SavedChats.svelte")),
  // media: lazy too, so apps without files do not download the upload machinery
  image: new Lazy(() => import("./Image.svelte")),
  audio: new Lazy(() => import("./Audio.svelte")),
  video: new Lazy(() => import("./Video.svelte")),
  file: new Lazy(() => import("./File.svelte")),
  gallery: new Lazy(() => import("./Gallery.svelte")),
  plot: new Lazy(() => import("./Plot.svelte")),
  barplot: nativePlot,
  lineplot: nativePlot,
  scatterplot: nativePlot,
  multimodaltextbox: new Lazy(() => import("./MultimodalTextbox.svelte")),
  dataframe: new Lazy(() => import("./Dataframe.svelte")),
  uploadbutton: new Lazy(() => import("./UploadButton.svelte")),
  downloadbutton: new Lazy(() => import("./DownloadButton.svelte")),
};

export const LAYOUTS: ReadonlySet<string> = new Set([
  "row", "column", "form", "group", "accordion", "tabs", "tabitem", "walkthrough", "walkthroughstep", "sidebar",
]);

/** Types drawn without the bordered box even when `container` is true. */
/** Blocks that have a component (they keep time or storage, or set the page bar) but nothing to show. */
export const NOT_DRAWN: ReadonlySet<string> = new Set(["timer", "browserstate", "navbar"]);
export const UNBOXED: ReadonlySet<string> = new Set([...LAYOUTS, "button", "deeplinkbutton", "markdown", "html", "state", ...NOT_DRAWN]);
