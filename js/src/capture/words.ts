// The words of the camera and recording controls, in the languages of the UI's own dictionary
// (i18n.svelte.ts). They are kept here, beside the code that shows them, so that they load with the
// media components rather than with every page.

import type { I18n } from "../i18n.svelte";
import { localWords, type Words as LocalWords } from "../localWords";

const EN = {
  pause: "Pause recording",
  resume: "Resume recording",
  open_camera: "Open the camera",
  take_photo: "Take a photo",
  record_video: "Record video",
  start_streaming: "Start streaming",
  stop_streaming: "Stop streaming",
  from_upload: "Upload a file",
  from_webcam: "Use the webcam",
  camera_insecure: "The camera is not available here (the browser needs a secure page: HTTPS or localhost).",
  camera_denied: "Camera access was denied.",
  no_camera: "No camera was found.",
  camera_cannot_open: "The camera could not be opened: {reason}",
} as const;

export type WordKey = keyof typeof EN;

const ZH_CN: Readonly<Record<WordKey, string>> = {
  pause: "暂停录制",
  resume: "继续录制",
  open_camera: "打开摄像头",
  take_photo: "拍照",
  record_video: "录制视频",
  start_streaming: "开始流式传输",
  stop_streaming: "停止流式传输",
  from_upload: "上传文件",
  from_webcam: "使用摄像头",
  camera_insecure: "此处无法使用摄像头（浏览器要求安全的页面：HTTPS 或 localhost）。",
  camera_denied: "摄像头权限被拒绝。",
  no_camera: "未找到摄像头。",
  camera_cannot_open: "无法打开摄像头：{reason}",
};

/** These words in the page's UI language, each `{reason}` filled from `values`. */
export type Words = LocalWords<WordKey>;

export function words(i18n: I18n): Words {
  return localWords(i18n, EN, ZH_CN);
}
