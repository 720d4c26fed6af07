// A microphone or camera: getUserMedia for a live stream, MediaRecorder for a recording that can pause,
// and the errors worded for the user. One per component; `close` releases the device.

/** What to tell the user when the device cannot be opened. */
export interface DeviceMessages {
  insecure: string;
  denied: string;
  missing: string;
  cannotOpen: (reason: string) => string;
}

export class MediaCapture {
  /** The open device's stream (the camera view shows it live); null while closed. */
  stream: MediaStream | null = $state.raw(null);
  recording = $state(false);
  paused = $state(false);
  /** Seconds recorded so far, pauses left out. */
  seconds = $state(0);
  error: string | null = $state(null);
  #recorder: MediaRecorder | null = null;
  #chunks: Blob[] = [];
  #timer: ReturnType<typeof setInterval> | undefined;

  /** `messages` is read when an error happens, so it words it in the page's current language. */
  constructor(readonly messages: () => DeviceMessages) {}

  /** Ask for the device; false (with `error` set) when it is unavailable or refused. */
  async open(constraints: MediaStreamConstraints): Promise<boolean> {
    this.error = null;
    if (this.stream) return true;
    if (!navigator.mediaDevices?.getUserMedia) {
      this.error = this.messages().insecure;
      return false;
    }
    try {
      this.stream = await navigator.mediaDevices.getUserMedia(constraints);
      return true;
    } catch (error) {
      const name = error instanceof DOMException ? error.name : "";
      const messages = this.messages();
      this.error = name === "NotAllowedError" ? messages.denied
        : name === "NotFoundError" ? messages.missing
        : messages.cannotOpen(error instanceof Error ? error.message : String(error));
      return false;
    }
  }

  /** Start recording the open stream; false (with `error` set) when the browser cannot record. */
  record(): boolean {
    if (!this.stream || this.#recorder) return false;
    if (typeof MediaRecorder === "undefined") {
      this.error = this.messages().insecure;
      return false;
    }
    const video = this.stream.getVideoTracks().length > 0;
    const mimeType = video
      ? ["video/webm", "video/mp4"].find((type) => MediaRecorder.isTypeSupported(type))
      : undefined;
    const recorder = new MediaRecorder(this.stream, mimeType ? { mimeType } : undefined);
    this.#chunks = [];
    recorder.ondataavailable = (event) => {
      if (event.data.size) this.#chunks.push(event.data);
    };
    recorder.start();
    this.#recorder = recorder;
    this.recording = true;
    this.paused = false;
    this.seconds = 0;
    this.#timer = setInterval(() => {
      if (!this.paused) this.seconds++;
    }, 1000);
    return true;
  }

  pause(): void {
    if (this.#recorder?.state !== "recording") return;
    this.#recorder.pause();
    this.paused = true;
  }

  resume(): void {
    if (this.#recorder?.state !== "paused") return;
    this.#recorder.resume();
    this.paused = false;
  }

  /** Stop recording: the recording as a file called `name` and its container's extension, or null when
   * nothing was recorded. The device stays open. */
  stop(name: string): Promise<File | null> {
    const recorder = this.#end();
    if (!recorder || recorder.state === "inactive") return Promise.resolve(null);
    return new Promise((resolve) => {
      recorder.onstop = () => {
        // The browser picks the container (Chromium: webm, Firefox: ogg, Safari: mp4); name the file after it.
        const video = recorder.stream.getVideoTracks().length > 0;
        const type = (recorder.mimeType || this.#chunks[0]?.type || "").split(";")[0]
          || (video ? "video/webm" : "audio/webm");
        const extension = type.includes("ogg") ? "ogg" : type.includes("mp4") ? (video ? "mp4" : "m4a") : "webm";
        resolve(this.#chunks.length ? new File(this.#chunks, `${name}.${extension}`, { type }) : null);
      };
      recorder.stop();
    });
  }

  /** Drop any recording under way and release the device (its light goes off). */
  close(): void {
    const recorder = this.#end();
    if (recorder && recorder.state !== "inactive") recorder.stop();
    this.stream?.getTracks().forEach((track) => track.stop());
    this.stream = null;
  }

  #end(): MediaRecorder | null {
    const recorder = this.#recorder;
    clearInterval(this.#timer);
    this.#recorder = null;
    this.recording = false;
    this.paused = false;
    return recorder;
  }
}
