// The words of the audio waveform and its skip buttons.

import type { I18n } from "../i18n.svelte";
import { localWords, type Words } from "../localWords";

const EN = {
  position: "Playback position",
  time_of: "{time} of {duration}",
  skip_back: "Skip back {seconds} s",
  skip_forward: "Skip forward {seconds} s",
} as const;

const ZH_CN: Readonly<Record<keyof typeof EN, string>> = {
  position: "播放位置",
  time_of: "{time} / {duration}",
  skip_back: "后退 {seconds} 秒",
  skip_forward: "前进 {seconds} 秒",
};

export function waveformWords(i18n: I18n): Words<keyof typeof EN> {
  return localWords(i18n, EN, ZH_CN);
}
