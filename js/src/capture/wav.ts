// A microphone recording as 16-bit PCM WAV at 44.1 kHz (or WaveformOptions.sample_rate), as Gradio's Audio
// sends one: the server then reads it with the standard library (gr.Audio(type="numpy")), with no ffmpeg.

const RATE = 44100; // Gradio's WaveformOptions.sample_rate default

/** `recording` (the browser's own container: webm, ogg, mp4) decoded and written as a .wav file of `rate` Hz. */
export async function toWav(recording: File, rate: number = RATE): Promise<File> {
  // An offline context decodes (and resamples to `rate`) without an audio output or a user gesture.
  const audio = await new OfflineAudioContext(1, 1, rate).decodeAudioData(await recording.arrayBuffer());
  const channels = Array.from({ length: audio.numberOfChannels }, (_, index) => audio.getChannelData(index));
  return wavFile(channels, rate, recording.name.replace(/\.\w+$/, "") + ".wav");
}

/** Samples (one array per channel, each from -1 to 1) as a 16-bit PCM .wav file called `name`. */
export function wavFile(channels: readonly Float32Array[], rate: number, name: string): File {
  const frames = channels[0]?.length ?? 0;
  const bytes = frames * channels.length * 2;
  const view = new DataView(new ArrayBuffer(44 + bytes));
  const ascii = (offset: number, text: string): void =>
    [...text].forEach((char, index) => view.setUint8(offset + index, char.charCodeAt(0)));
  ascii(0, "RIFF");
  view.setUint32(4, 36 + bytes, true);
  ascii(8, "WAVEfmt ");
  view.setUint32(16, 16, true); // the size of the format chunk
  view.setUint16(20, 1, true); // PCM
  view.setUint16(22, channels.length, true);
  view.setUint32(24, rate, true);
  view.setUint32(28, rate * channels.length * 2, true); // bytes per second
  view.setUint16(32, channels.length * 2, true); // bytes per frame
  view.setUint16(34, 16, true); // bits per sample
  ascii(36, "data");
  view.setUint32(40, bytes, true);
  let offset = 44;
  for (let frame = 0; frame < frames; frame++) {
    for (const channel of channels) {
      const sample = Math.max(-1, Math.min(1, channel[frame]));
      view.setInt16(offset, sample < 0 ? sample * 0x8000 : sample * 0x7fff, true);
      offset += 2;
    }
  }
  return new File([view], name, { type: "audio/wav" });
}
