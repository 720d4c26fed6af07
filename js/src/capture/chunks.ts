// A microphone's sound cut into WAV files of a few seconds each, for an Audio that streams to a
// `.stream` listener (Gradio sends each chunk as a WAV of its own): Web Audio collects the samples.

import { wavFile } from "./wav";

export class WavChunks {
  #context: AudioContext | null = null;
  #timer: ReturnType<typeof setInterval> | undefined;
  #pending: Float32Array[] = [];

  /** Cut `stream`'s sound into chunks of `seconds`, each handed to `onchunk` as a mono .wav file. */
  start(stream: MediaStream, seconds: number, onchunk: (file: File) => void): void {
    this.stop();
    const context = (this.#context = new AudioContext());
    const source = context.createMediaStreamSource(stream);
    // A ScriptProcessor rather than a worklet: a worklet loads a module, which the page's CSP may refuse.
    const processor = context.createScriptProcessor(4096, 1, 1);
    processor.onaudioprocess = (event) => this.#pending.push(new Float32Array(event.inputBuffer.getChannelData(0)));
    source.connect(processor);
    processor.connect(context.destination); // it only runs when connected; what it plays is silence
    this.#timer = setInterval(() => {
      const parts = this.#pending.splice(0);
      if (!parts.length) return;
      const samples = new Float32Array(parts.reduce((total, part) => total + part.length, 0));
      parts.reduce((offset, part) => (samples.set(part, offset), offset + part.length), 0);
      onchunk(wavFile([samples], context.sampleRate, "audio.wav"));
    }, seconds * 1000);
  }

  /** Stop cutting; the sound not yet sent is dropped. */
  stop(): void {
    clearInterval(this.#timer);
    void this.#context?.close();
    this.#context = null;
    this.#pending = [];
  }
}
