// Microphone recording with getUserMedia + MediaRecorder; the result is a File ready to upload.

import type { I18n } from "../i18n.svelte";

export class Recorder {
  recording = $state(false);
  seconds = $state(0);
  error: string | null = $state(null);
  #recorder: MediaRecorder | null = null;
  #timer: ReturnType<typeof setInterval> | undefined;
  #done: ((file: File | null) => void) | null = null;

  /** `i18n` words the errors in the page's language. */
  constructor(readonly i18n: I18n) {}

  /** Ask for the microphone and start; false (with `error` set) when it is unavailable or denied. */
  async start(): Promise<boolean> {
    this.error = null;
    if (!navigator.mediaDevices?.getUserMedia || typeof MediaRecorder === "undefined") {
      this.error = this.i18n.t("audio.insecure_page");
      return false;
    }
    let stream: MediaStream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({ audio: true });
    } catch (error) {
      const name = error instanceof DOMException ? error.name : "";
      this.error = name === "NotAllowedError" ? this.i18n.t("audio.denied")
        : name === "NotFoundError" ? this.i18n.t("audio.no_microphone")
        : this.i18n.t("audio.cannot_open", { reason: error instanceof Error ? error.message : String(error) });
      return false;
    }
    const chunks: Blob[] = [];
    const recorder = new MediaRecorder(stream);
    recorder.ondataavailable = (event) => {
      if (event.data.size) chunks.push(event.data);
    };
    recorder.onstop = () => {
      stream.getTracks().forEach((track) => track.stop());
      // The browser picks the container (Chromium: webm, Firefox: ogg); name the file after it.
      const type = (recorder.mimeType || chunks[0]?.type || "audio/webm").split(";")[0];
      const extension = type.includes("ogg") ? "ogg" : type.includes("mp4") ? "m4a" : "webm";
      const file = chunks.length ? new File(chunks, `recording.${extension}`, { type }) : null;
      this.#done?.(file);
      this.#done = null;
    };
    recorder.start();
    this.#recorder = recorder;
    this.recording = true;
    this.seconds = 0;
    this.#timer = setInterval(() => this.seconds++, 1000);
    return true;
  }

  /** Stop and return the recording (null when nothing was recorded). */
  stop(): Promise<File | null> {
    const recorder = this.#recorder;
    clearInterval(this.#timer);
    this.recording = false;
    this.#recorder = null;
    if (!recorder || recorder.state === "inactive") return Promise.resolve(null);
    return new Promise((resolve) => {
      this.#done = resolve;
      recorder.stop();
    });
  }

  /** The record button: start, or stop and hand the recording to `use`; events as Gradio names them. */
  async toggle(emit: (event: string) => void, use: (files: File[]) => Promise<unknown>): Promise<void> {
    if (!this.recording) {
      if (await this.start()) emit("start_recording");
      return;
    }
    const file = await this.stop();
    emit("stop_recording");
    if (file) await use([file]);
  }

  /** Drop a recording in progress (the component went away). */
  cancel(): void {
    this.#done = null;
    void this.stop();
  }
}

/** "0:07", "1:32". */
export function clock(seconds: number): string {
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
}
