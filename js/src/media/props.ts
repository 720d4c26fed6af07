// The props Image, Audio and Video share: one file as the value, where it may come from, and whether
// it can be downloaded.

import type { FileData } from "../files";
import type { BlockContract } from "../types";

export interface SingleFileProps extends BlockContract {
  value?: FileData | null;
  label?: string | null;
  show_label?: boolean | null;
  interactive?: boolean | null;
  sources?: string[] | null;
  show_download_button?: boolean | null;
  /** Gradio 6 lists the corner buttons here ("download", "fullscreen", ...). */
  buttons?: unknown[] | null;
}
