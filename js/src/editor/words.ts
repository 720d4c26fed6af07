// The words of the image editor's controls, in the languages of the UI's own dictionary
// (i18n.svelte.ts), kept beside the editor so that they load with it rather than with every page.

import type { I18n } from "../i18n.svelte";
import { localWords, type Words as LocalWords } from "../localWords";

const EN = {
  tools: "Editing tools",
  image: "Image",
  brush: "Brush",
  eraser: "Eraser",
  undo: "Undo",
  redo: "Redo",
  save: "Save changes",
  clear: "Clear canvas",
  crop: "Crop",
  apply_crop: "Apply crop",
  resize: "Resize",
  apply_resize: "Apply size",
  width: "Width",
  height: "Height",
  cancel: "Cancel",
  brush_size: "Brush size",
  eraser_size: "Eraser size",
  colour: "Colour {colour}",
  pick_colour: "Pick a colour",
  layers: "Layers",
  add_layer: "Add a layer",
  layer: "Layer {number}",
  show_layer: "Show {name}",
  hide_layer: "Hide {name}",
  remove_layer: "Remove {name}",
  canvas: "Drawing canvas",
  draw_hint: "or choose the brush to draw",
  crop_hint: "Drag over the picture to choose what to keep",
  image_failed: "The image could not be loaded",
} as const;

export type WordKey = keyof typeof EN;

const ZH_CN: Readonly<Record<WordKey, string>> = {
  tools: "编辑工具",
  image: "图片",
  brush: "画笔",
  eraser: "橡皮擦",
  undo: "撤销",
  redo: "重做",
  save: "保存更改",
  clear: "清空画布",
  crop: "裁剪",
  apply_crop: "应用裁剪",
  resize: "调整大小",
  apply_resize: "应用尺寸",
  width: "宽度",
  height: "高度",
  cancel: "取消",
  brush_size: "画笔大小",
  eraser_size: "橡皮擦大小",
  colour: "颜色 {colour}",
  pick_colour: "选择颜色",
  layers: "图层",
  add_layer: "添加图层",
  layer: "图层 {number}",
  show_layer: "显示 {name}",
  hide_layer: "隐藏 {name}",
  remove_layer: "删除 {name}",
  canvas: "绘图画布",
  draw_hint: "或选择画笔开始绘画",
  crop_hint: "在图片上拖动，选择要保留的部分",
  image_failed: "无法加载图片",
};

/** These words in the page's UI language, each `{name}` filled from `values`. */
export type Words = LocalWords<WordKey>;

export function words(i18n: I18n): Words {
  return localWords(i18n, EN, ZH_CN);
}
