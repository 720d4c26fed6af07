// The words of gr.Model3D's viewer.

import type { I18n } from "../i18n.svelte";
import { localWords, type Words } from "../localWords";

const EN = {
  reset_camera: "Reset the camera",
  upload: "Upload a 3D model",
  drop: "Drop a 3D model here or click to upload",
  cannot_show: "This model cannot be shown: {reason}",
} as const;

const ZH_CN: Readonly<Record<keyof typeof EN, string>> = {
  reset_camera: "重置相机",
  upload: "上传 3D 模型",
  drop: "将 3D 模型拖放到此处，或点击上传",
  cannot_show: "无法显示此模型：{reason}",
};

export function model3dWords(i18n: I18n): Words<keyof typeof EN> {
  return localWords(i18n, EN, ZH_CN);
}
