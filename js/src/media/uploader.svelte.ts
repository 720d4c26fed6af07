// One component's uploads: the checks before, the progress during, the error after. One per component.

import { refusal, uploadFiles, type FileData } from "../files";
import type { I18n } from "../i18n.svelte";

export interface UploadOptions {
  root: string;
  fileTypes?: readonly string[] | null;
  maxFileSize?: number | null;
}

interface Job {
  names: string[];
  fraction: number;
}

export class Uploader {
  /** The last refusal or server error, shown until the next attempt. */
  error: string | null = $state(null);
  /** Uploads under way: several may run at once (files dropped while others still upload). */
  #jobs: Job[] = $state([]);

  /** `options` is read at each upload, so it follows the component's current props; `i18n` words refusals. */
  constructor(readonly options: () => UploadOptions, readonly i18n: I18n) {}

  /** 0…1 over every upload under way, null when none runs. */
  get progress(): number | null {
    return this.#jobs.length ? this.#jobs.reduce((sum, job) => sum + job.fraction, 0) / this.#jobs.length : null;
  }

  get busy(): boolean {
    return this.#jobs.length > 0;
  }

  /** Names of the files being uploaded (shown as pending attachments). */
  get pending(): string[] {
    return this.#jobs.flatMap((job) => job.names);
  }

  /** Check and upload `files`; their FileData, or null when refused or failed (with `error` set). */
  async upload(files: readonly File[]): Promise<FileData[] | null> {
    if (!files.length) return null;
    const { root, fileTypes, maxFileSize } = this.options();
    this.error = refusal(files, fileTypes, maxFileSize, this.i18n);
    if (this.error) return null;
    this.#jobs.push({ names: files.map((file) => file.name), fraction: 0 });
    const job = this.#jobs.at(-1)!; // the reactive proxy, not the literal pushed
    try {
      return await uploadFiles(root, files, (fraction) => (job.fraction = fraction));
    } catch (error) {
      this.error = error instanceof Error ? error.message : String(error);
      return null;
    } finally {
      this.#jobs = this.#jobs.filter((other) => other !== job);
    }
  }

  /** A single-file component's upload: the first file becomes the value, then upload/input/change. */
  async takeOne(files: readonly File[], set: (value: FileData) => void, emit: (event: string) => void): Promise<void> {
    const uploaded = await this.upload(files.slice(0, 1));
    if (!uploaded) return;
    set(uploaded[0]);
    for (const event of ["upload", "input", "change"]) emit(event);
  }

  /** A single-file component's clear button: no value, no error, then clear/input/change. */
  clearOne(set: (value: null) => void, emit: (event: string) => void): void {
    set(null);
    this.error = null;
    for (const event of ["clear", "input", "change"]) emit(event);
  }
}
