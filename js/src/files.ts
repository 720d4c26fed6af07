// Files on the wire (PROTOCOL.md §7): FileData, its URL, uploading, and the checks made before it.

import type { FileData } from "./generated/wire";
import type { I18n } from "./i18n.svelte";

export type { FileData };

export type MediaKind = "image" | "audio" | "video" | "file";

const FAMILIES = new Set(["image", "audio", "video", "text"]);

export function isFileData(value: unknown): value is FileData {
  return value !== null && typeof value === "object" && typeof (value as FileData).path === "string";
}

/** `{root}/gradio_api/file={path}`, the path URL-quoted with its slashes kept, as Gradio builds it. */
export function pathUrl(path: string, root: string): string {
  return `${root.replace(/\/+$/, "")}/gradio_api/file=${encodeURIComponent(path).replace(/%2F/g, "/")}`;
}

/** The URL of a FileData (or a bare URL string) for src/href: its own `url`, else one built from `path`. */
export function fileUrl(file: FileData | string | null | undefined, root: string): string | undefined {
  if (!file) return undefined;
  if (typeof file === "string") return file;
  if (file.url) return file.url;
  return file.path ? pathUrl(file.path, root) : undefined;
}

export function fileName(file: FileData): string {
  return file.orig_name || file.path.split(/[\\/]/).at(-1) || "file";
}

/** "812 B", "4.2 KB", "13 MB". */
export function formatSize(bytes: number | null | undefined): string {
  if (bytes == null) return "";
  const units = ["B", "KB", "MB", "GB", "TB"];
  let size = bytes;
  let unit = 0;
  while (size >= 1024 && unit < units.length - 1) {
    size /= 1024;
    unit++;
  }
  return `${unit === 0 || size >= 10 ? Math.round(size) : size.toFixed(1)} ${units[unit]}`;
}

const EXTENSIONS: Record<Exclude<MediaKind, "file">, RegExp> = {
  image: /\.(png|jpe?g|gif|webp|svg|avif|bmp|ico|tiff?)$/,
  audio: /\.(mp3|wav|ogg|oga|flac|m4a|aac|opus|weba)$/,
  video: /\.(mp4|webm|mov|mkv|ogv|avi|m4v)$/,
};

/** How a file is best shown: by its MIME type, else by its name's extension. */
export function mediaOf(file: FileData): MediaKind {
  const mime = file.mime_type ?? "";
  for (const kind of ["image", "audio", "video"] as const) if (mime.startsWith(`${kind}/`)) return kind;
  const name = (file.orig_name || file.path || "").toLowerCase();
  for (const kind of ["image", "audio", "video"] as const) if (EXTENSIONS[kind].test(name)) return kind;
  return "file";
}

/** The files a component value holds: FileData, `{image|video|audio|file: FileData}`, or lists of them. */
export function filesIn(value: unknown): FileData[] {
  if (Array.isArray(value)) return value.flatMap(filesIn);
  if (isFileData(value)) return [value];
  if (value !== null && typeof value === "object") {
    const record = value as Record<string, unknown>;
    for (const key of ["image", "video", "audio", "file"]) if (isFileData(record[key])) return [record[key] as FileData];
  }
  return [];
}

/** The `accept` attribute for a file_types list: the words "image" etc. become "image/*". */
export function acceptAttribute(fileTypes: readonly string[] | null | undefined): string | undefined {
  if (!fileTypes?.length) return undefined;
  return fileTypes.map((type) => (FAMILIES.has(type.toLowerCase()) ? `${type.toLowerCase()}/*` : type)).join(",");
}

/** Whether `file` matches one of `fileTypes`: extensions (".png"), MIME types or wildcards, or a family word. */
export function acceptsFile(file: File, fileTypes: readonly string[] | null | undefined): boolean {
  if (!fileTypes?.length) return true;
  const name = file.name.toLowerCase();
  const mime = file.type.toLowerCase().split(";")[0].trim();
  return fileTypes.some((raw) => {
    const type = raw.trim().toLowerCase();
    if (!type) return false;
    if (type === "file" || type === "*" || type === "*/*") return true;
    if (type.startsWith(".")) return name.endsWith(type);
    if (FAMILIES.has(type)) return mime.startsWith(`${type}/`) || (type !== "text" && EXTENSIONS[type as "image"].test(name));
    if (type.endsWith("/*")) return mime.startsWith(type.slice(0, -1));
    return mime === type;
  });
}

/** The first reason to refuse `files` before uploading them (in the page's language), or null when all may go. */
export function refusal(
  files: readonly File[], fileTypes: readonly string[] | null | undefined, maxFileSize: number | null | undefined,
  i18n: I18n,
): string | null {
  for (const file of files) {
    if (!acceptsFile(file, fileTypes)) {
      return i18n.t("upload.wrong_type", { name: file.name, types: fileTypes!.join(", ") });
    }
    if (maxFileSize != null && file.size > maxFileSize) {
      return i18n.t("upload.too_large", { name: file.name, size: formatSize(file.size), limit: formatSize(maxFileSize) });
    }
  }
  return null;
}

/** A failed upload; `message` is the server's `detail` when it sent one. */
export class UploadError extends Error {
  constructor(message: string, readonly status: number) {
    super(message);
  }
}

function detailOf(xhr: XMLHttpRequest): string {
  try {
    const body = JSON.parse(xhr.responseText) as { detail?: unknown; error?: unknown };
    const reason = body.detail ?? body.error;
    if (typeof reason === "string") return reason;
    if (reason != null) return JSON.stringify(reason);
  } catch {
    // not JSON: fall back to the raw text or the status
  }
  return xhr.responseText || `Upload failed: ${xhr.status} ${xhr.statusText}`.trim();
}

/**
 * POST `files` to `{root}/gradio_api/upload` (multipart field `files`, one per file) and return
 * their FileData in the same order. XMLHttpRequest rather than fetch: only it reports upload progress.
 */
export function uploadFiles(
  root: string, files: readonly File[], onProgress?: (fraction: number) => void, signal?: AbortSignal,
): Promise<FileData[]> {
  const form = new FormData();
  for (const file of files) form.append("files", file, file.name);
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", `${root.replace(/\/+$/, "")}/gradio_api/upload`);
    xhr.setRequestHeader("x-gradio-user", "app");
    xhr.responseType = "text";
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress?.(event.loaded / event.total);
    };
    xhr.onload = () => {
      if (xhr.status < 200 || xhr.status >= 300) return reject(new UploadError(detailOf(xhr), xhr.status));
      let paths: unknown;
      try {
        paths = JSON.parse(xhr.responseText);
      } catch {
        return reject(new UploadError("The server's upload answer is not JSON.", xhr.status));
      }
      if (!Array.isArray(paths) || paths.length !== files.length || !paths.every((p) => typeof p === "string")) {
        return reject(new UploadError("The server's upload answer is not a list of paths.", xhr.status));
      }
      onProgress?.(1);
      resolve(files.map((file, index) => ({
        path: paths[index],
        url: pathUrl(paths[index], root),
        orig_name: file.name,
        size: file.size,
        mime_type: file.type || null,
        is_stream: false,
        meta: { _type: "gradio.FileData" },
      })));
    };
    xhr.onerror = () => reject(new UploadError("Upload failed: the server could not be reached.", 0));
    xhr.onabort = () => reject(new UploadError("Upload cancelled.", 0));
    signal?.addEventListener("abort", () => xhr.abort(), { once: true });
    xhr.send(form);
  });
}

/** The files of a drop or paste; pasted images arrive as items with no name, so they get one. */
export function transferFiles(data: DataTransfer | null): File[] {
  if (!data) return [];
  const files = [...data.files];
  if (files.length) return files.map(named);
  return [...data.items].flatMap((item) => {
    const file = item.kind === "file" ? item.getAsFile() : null;
    return file ? [named(file)] : [];
  });
}

function named(file: File): File {
  if (file.name) return file;
  const extension = file.type.split("/")[1]?.split(/[;+]/)[0] || "bin";
  return new File([file], `pasted.${extension}`, { type: file.type });
}
