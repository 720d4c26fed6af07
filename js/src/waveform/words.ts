// The words of the audio waveform, its skip buttons and its trim controls.

import type { I18n } from "../i18n.svelte";
import { localWords, type Words } from "../localWords";

const EN = {
  position: "Playback position",
  time_of: "{time} of {duration}",
  skip_back: "Skip back {seconds} s",
  skip_forward: "Skip forward {seconds} s",
  trim: "Trim",
  trim_start: "Trim start",
  trim_end: "Trim end",
  apply_trim: "Apply trim",
  cancel: "Cancel",
} as const;

const ZH_CN: Readonly<Record<keyof typeof EN, string>> = {
  position: "播放位置",
  time_of: "{time} / {duration}",
  skip_back: "后退 {seconds} 秒",
  skip_forward: "前进 {seconds} 秒",
  trim: "剪裁",
  trim_start: "剪裁起点",
  trim_end: "剪裁终点",
  apply_trim: "应用剪裁",
  cancel: "取消",
};

export function waveformWords(i18n: I18n): Words<keyof typeof EN> {
  return localWords(i18n, EN, ZH_CN);
}
