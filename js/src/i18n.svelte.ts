// The page's language: the UI's own words in English or Simplified Chinese, chosen from the browser's
// languages (or `?__lang=zh-CN`), and the app's `gr.I18n` translations, which replace each
// `__i18n__{"key": ...}` marker in the strings the app sends (reblocks/i18n.py). One I18n per app,
// made by the runtime from the config and handed down by context.

import { createContext } from "svelte";

const EN = {
  "common.submit": "Submit",
  "common.stop": "Stop",
  "common.clear": "Clear",
  "common.close": "Close",
  "common.copy": "Copy",
  "common.copied": "Copied",
  "common.delete": "Delete",
  "common.dismiss": "Dismiss",
  "common.download": "Download",
  "common.share": "Share",
  "common.message": "Message",
  "common.remove": "Remove",
  "common.remove_named": "Remove {name}",
  "common.previous": "Previous",
  "common.next": "Next",
  "common.loading": "Loading",
  "sidebar.toggle": "Toggle the sidebar",
  "nav.pages": "Pages",
  "nav.home": "Home",
  "common.error": "Error",
  "common.info": "Info",
  "common.warning": "Warning",
  "common.success": "Success",
  "common.queue": "queue: {rank}/{size}",
  "common.connection_lost": "Connection lost, retrying…",
  "common.tab": "Tab {number}",
  "common.exact_value": "Exact value",
  "common.reset": "Reset",
  "common.reset_to_default": "Reset to default",
  "datetime.pick_date": "Pick a date",
  "highlighted_text.legend": "Categories",
  "chat_interface.submit": "Submit",
  "chat_interface.stop": "Stop",
  "chat_interface.message_placeholder": "Type a message...",
  "chat_interface.new_chat": "New chat",
  "chat_interface.chats": "Chats",
  "chat_interface.additional_inputs": "Additional Inputs",
  "chat_interface.saved_chats": "Saved chats",
  "chat_interface.no_saved_chats": "No saved chats yet",
  "chat_interface.delete_chat": "Delete chat: {title}",
  "chat_interface.storage_dropped_one": "Storage is full: removed the oldest chat.",
  "chat_interface.storage_dropped_many": "Storage is full: removed {count} oldest chats.",
  "chat_interface.storage_too_large": "Storage is full: this chat is too large to be saved.",
  "chat_interface.storage_failed": "Could not save chats: {reason}",
  "chatbot.conversation": "Chatbot conversation",
  "chatbot.edit": "Edit",
  "chatbot.edit_message": "Edit message",
  "chatbot.save": "Save",
  "chatbot.cancel": "Cancel",
  "chatbot.retry": "Retry",
  "chatbot.undo": "Undo",
  "chatbot.like": "Like",
  "chatbot.dislike": "Dislike",
  "chatbot.flag": "Flag",
  "chatbot.flagged": "Flagged: {option}",
  "chatbot.flag_as": "Flag as",
  "chatbot.waiting": "Waiting for a response",
  "chatbot.in_progress": "In progress",
  "chatbot.scroll_to_bottom": "Scroll to bottom",
  "chatbot.user_avatar": "user avatar",
  "chatbot.assistant_avatar": "assistant avatar",
  "chatbot.user": "User",
  "chatbot.assistant": "Assistant",
  "chatbot.copy_conversation": "Copy conversation",
  "chatbot.conversation_copied": "Conversation copied",
  "chatbot.resize": "Resize the chat",
  "upload.uploading": "Uploading",
  "upload.wrong_type": "\"{name}\" is not an accepted file type ({types})",
  "upload.too_large": "\"{name}\" is too large ({size}; the limit is {limit})",
  "upload.attach_files": "Attach files",
  "upload.add_files": "Add files",
  "upload.no_file": "No file",
  "upload.upload_file": "Upload a file",
  "upload.upload_files": "Upload files",
  "upload.upload_folder": "Upload a folder",
  "upload.drop_file": "Drop a file here or click to upload",
  "upload.drop_files": "Drop files here or click to upload",
  "upload.drop_folder": "Drop a folder here or click to upload",
  "upload.upload_image": "Upload image",
  "slider.before": "Before",
  "slider.after": "After",
  "slider.position": "Slider position",
  "upload.drop_image": "Drop an image here or click to upload",
  "upload.paste_image": "Paste an image here",
  "upload.or_paste_image": "or paste one from the clipboard",
  "dataframe.sort_by": "Sort by {name}",
  "dataframe.edit_cell": "Edit row {row}, {name}",
  "dataframe.search": "Search",
  "dataframe.filter": "Filter {name}",
  "dataframe.filter_hint": "Filter",
  "dataframe.copy": "Copy as CSV",
  "dataframe.fullscreen": "Full screen",
  "dataframe.add_row": "Add row",
  "dataframe.delete_row": "Delete row {row}",
  "dataframe.add_column": "Add column",
  "dataframe.delete_column": "Delete column {name}",
  "upload.paste_clipboard": "Paste from clipboard",
  "upload.clipboard_no_image": "The clipboard holds no image.",
  "upload.clipboard_unreadable": "The clipboard could not be read: {reason}",
  "upload.upload_images": "Upload images",
  "upload.drop_images": "Drop images here or click to upload",
  "upload.upload_audio": "Upload audio",
  "upload.drop_audio": "Drop audio here or click to upload",
  "upload.upload_video": "Upload video",
  "upload.drop_video": "Drop a video here or click to upload",
  "audio.record": "Record",
  "audio.record_audio": "Record audio",
  "audio.stop_recording": "Stop recording",
  "audio.recording": "Recording…",
  "audio.insecure_page": "Recording is not available here (the browser needs a secure page: HTTPS or localhost).",
  "audio.denied": "Microphone access was denied.",
  "audio.no_microphone": "No microphone was found.",
  "audio.cannot_open": "The microphone could not be opened: {reason}",
  "gallery.preview": "Preview",
  "gallery.close_preview": "Close preview",
  "code.code": "Code",
  "code.copy_code": "Copy code",
  "plot.plot": "Plot",
  "plot.plotly": "Plotly figure",
  "plot.altair": "Altair chart",
  "plot.bokeh": "Bokeh plot",
  "plot.other": "{type} plot",
  "deep_link.invalid": "The link's saved values could not be read: the page shows the app as it starts.",
  "dev.failed": "The edited code failed to run; the previous version is still serving.",
  "dev.line": ", line {line}",
} as const;

export type MessageKey = keyof typeof EN;
type Messages = Readonly<Record<MessageKey, string>>;

const ZH_CN: Messages = {
  "common.submit": "提交",
  "common.stop": "停止",
  "common.clear": "清除",
  "common.close": "关闭",
  "common.copy": "复制",
  "common.copied": "已复制",
  "common.delete": "删除",
  "common.dismiss": "知道了",
  "common.download": "下载",
  "common.share": "分享",
  "common.message": "消息",
  "common.remove": "移除",
  "common.remove_named": "移除 {name}",
  "common.previous": "上一个",
  "common.next": "下一个",
  "common.loading": "加载中",
  "sidebar.toggle": "展开或收起侧边栏",
  "nav.pages": "页面",
  "nav.home": "首页",
  "common.error": "错误",
  "common.info": "提示",
  "common.warning": "警告",
  "common.success": "成功",
  "common.queue": "排队中：{rank}/{size}",
  "common.connection_lost": "连接已断开，正在重试…",
  "common.tab": "标签页 {number}",
  "common.exact_value": "精确数值",
  "common.reset": "重置",
  "common.reset_to_default": "恢复默认值",
  "datetime.pick_date": "选择日期",
  "highlighted_text.legend": "类别",
  "chat_interface.submit": "发送",
  "chat_interface.stop": "停止",
  "chat_interface.message_placeholder": "输入消息…",
  "chat_interface.new_chat": "新对话",
  "chat_interface.chats": "对话",
  "chat_interface.additional_inputs": "更多输入",
  "chat_interface.saved_chats": "已保存的对话",
  "chat_interface.no_saved_chats": "还没有保存的对话",
  "chat_interface.delete_chat": "删除对话：{title}",
  "chat_interface.storage_dropped_one": "存储空间已满：已删除最早的一个对话。",
  "chat_interface.storage_dropped_many": "存储空间已满：已删除最早的 {count} 个对话。",
  "chat_interface.storage_too_large": "存储空间已满：此对话太大，无法保存。",
  "chat_interface.storage_failed": "无法保存对话：{reason}",
  "chatbot.conversation": "聊天记录",
  "chatbot.edit": "编辑",
  "chatbot.edit_message": "编辑消息",
  "chatbot.save": "保存",
  "chatbot.cancel": "取消",
  "chatbot.retry": "重试",
  "chatbot.undo": "撤销",
  "chatbot.like": "赞",
  "chatbot.dislike": "踩",
  "chatbot.flag": "标记",
  "chatbot.flagged": "已标记：{option}",
  "chatbot.flag_as": "标记为",
  "chatbot.waiting": "正在等待回复",
  "chatbot.in_progress": "进行中",
  "chatbot.scroll_to_bottom": "滚动到底部",
  "chatbot.user_avatar": "用户头像",
  "chatbot.assistant_avatar": "助手头像",
  "chatbot.user": "用户",
  "chatbot.assistant": "助手",
  "chatbot.copy_conversation": "复制整个对话",
  "chatbot.conversation_copied": "已复制对话",
  "chatbot.resize": "调整聊天框高度",
  "upload.uploading": "正在上传",
  "upload.wrong_type": "不接受“{name}”的文件类型（可接受：{types}）",
  "upload.too_large": "“{name}”太大（{size}，上限为 {limit}）",
  "upload.attach_files": "添加文件",
  "upload.add_files": "添加文件",
  "upload.no_file": "没有文件",
  "upload.upload_file": "上传文件",
  "upload.upload_files": "上传文件",
  "upload.upload_folder": "上传文件夹",
  "upload.drop_file": "将文件拖放到此处，或点击上传",
  "upload.drop_files": "将文件拖放到此处，或点击上传",
  "upload.drop_folder": "将文件夹拖放到此处，或点击上传",
  "upload.upload_image": "上传图像",
  "slider.before": "之前",
  "slider.after": "之后",
  "slider.position": "滑块位置",
  "upload.drop_image": "将图像拖放到此处，或点击上传",
  "upload.paste_image": "在此处粘贴图像",
  "upload.or_paste_image": "或从剪贴板粘贴",
  "dataframe.sort_by": "按 {name} 排序",
  "dataframe.edit_cell": "编辑第 {row} 行的 {name}",
  "dataframe.search": "搜索",
  "dataframe.filter": "筛选 {name}",
  "dataframe.filter_hint": "筛选",
  "dataframe.copy": "复制为 CSV",
  "dataframe.fullscreen": "全屏",
  "dataframe.add_row": "添加行",
  "dataframe.delete_row": "删除第 {row} 行",
  "dataframe.add_column": "添加列",
  "dataframe.delete_column": "删除列 {name}",
  "upload.paste_clipboard": "从剪贴板粘贴",
  "upload.clipboard_no_image": "剪贴板中没有图像。",
  "upload.clipboard_unreadable": "无法读取剪贴板：{reason}",
  "upload.upload_images": "上传图像",
  "upload.drop_images": "将图像拖放到此处，或点击上传",
  "upload.upload_audio": "上传音频",
  "upload.drop_audio": "将音频拖放到此处，或点击上传",
  "upload.upload_video": "上传视频",
  "upload.drop_video": "将视频拖放到此处，或点击上传",
  "audio.record": "录音",
  "audio.record_audio": "录音",
  "audio.stop_recording": "停止录音",
  "audio.recording": "正在录音…",
  "audio.insecure_page": "此处无法录音（浏览器要求安全的页面：HTTPS 或 localhost）。",
  "audio.denied": "麦克风权限被拒绝。",
  "audio.no_microphone": "未找到麦克风。",
  "audio.cannot_open": "无法打开麦克风：{reason}",
  "gallery.preview": "预览",
  "gallery.close_preview": "关闭预览",
  "code.code": "代码",
  "code.copy_code": "复制代码",
  "plot.plot": "图表",
  "plot.plotly": "Plotly 图表",
  "plot.altair": "Altair 图表",
  "plot.bokeh": "Bokeh 图表",
  "plot.other": "{type} 图表",
  "deep_link.invalid": "无法读取此链接保存的数值：页面显示的是应用的初始状态。",
  "dev.failed": "修改后的代码运行失败，页面仍在使用之前的版本。",
  "dev.line": "，第 {line} 行",
};

/** Chinese written in Traditional characters, which the Simplified dictionary does not serve. */
const TRADITIONAL = /^zh-(hant|tw|hk|mo)(-|$)/;

/** The UI dictionary for a lower-case language tag, if there is one. */
function dictionary(tag: string): Messages | undefined {
  if (tag === "en" || tag.startsWith("en-")) return EN;
  if ((tag === "zh" || tag.startsWith("zh-")) && !TRADITIONAL.test(tag)) return ZH_CN;
  return undefined;
}

/** The languages the page is for, most preferred first: `?__lang=` when given, else the browser's. */
export function pageLanguages(): string[] {
  const chosen = new URLSearchParams(location.search).get("__lang");
  if (chosen) return [chosen];
  return navigator.languages?.length ? [...navigator.languages] : [navigator.language || "en"];
}

/** A locale of the app's translations (lower case), or a UI dictionary. */
type Source = string | Messages;

/**
 * Where a key is looked up, in order: each language tag and its shorter forms ("zh-hans-cn",
 * "zh-hans", "zh") in the app's translations, the UI dictionary once the tags of the language it serves
 * are done (so an app can reword the UI), and English last.
 */
function lookupOrder(tags: readonly string[], uiTag: string | undefined): Source[] {
  const order: Source[] = [];
  for (const tag of tags) {
    const parts = tag.split("-");
    order.push(...parts.map((_, index) => parts.slice(0, parts.length - index).join("-")));
    if (tag === uiTag) order.push(dictionary(tag)!);
  }
  return [...new Set([...order, "en", EN])];
}

// What Gradio 6 puts in a string for a key of gr.I18n: __i18n__{"__type__": "translation_metadata", "key": "…"}
const MARKER = /__i18n__(\{[^}]*\})/g;

export class I18n {
  /** The language of the UI's own words: that of the first page language with a dictionary, else English. */
  readonly language: "en" | "zh-CN";
  readonly #order: Source[];
  /** The app's translations by lower-case locale; the dev mode replaces them when the app's code changes. */
  #authored: Map<string, Record<string, string>> = $state.raw(new Map());

  constructor(languages: readonly string[], translations: Record<string, Record<string, string>> | null | undefined) {
    const tags = languages.map((tag) => tag.toLowerCase());
    const uiTag = tags.find((tag) => dictionary(tag) !== undefined);
    this.language = uiTag !== undefined && dictionary(uiTag) === ZH_CN ? "zh-CN" : "en";
    this.#order = lookupOrder(tags, uiTag);
    this.useTranslations(translations);
  }

  /** Look keys up in these translations of the app's (config.i18n_translations) from now on. */
  useTranslations(translations: Record<string, Record<string, string>> | null | undefined): void {
    this.#authored = new Map(Object.entries(translations ?? {}).map(([locale, texts]) => [locale.toLowerCase(), texts]));
  }

  #lookup(key: string): string | undefined {
    for (const source of this.#order) {
      const text = typeof source === "string" ? this.#authored.get(source)?.[key] : source[key as MessageKey];
      if (text !== undefined) return text;
    }
    return undefined;
  }

  /** One of the UI's own strings in the page's language, with each `{name}` filled from `values`. */
  t(key: MessageKey, values: Record<string, string | number> = {}): string {
    const text = this.#lookup(key) ?? EN[key];
    return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
  }

  /** `value` with each gr.I18n marker replaced by its key's text (the key itself when none has it). */
  text(value: string): string {
    if (!value.includes("__i18n__")) return value;
    return value.replace(MARKER, (whole, json: string) => {
      try {
        const { key } = JSON.parse(json) as { key?: unknown };
        return typeof key === "string" ? (this.#lookup(key) ?? key) : whole;
      } catch {
        return whole; // not a marker after all: shown as it is
      }
    });
  }

  /** A block's props (its value included) with marked strings translated; the same object when none is. */
  props(props: Record<string, unknown>): Record<string, unknown> {
    let translated: Record<string, unknown> | null = null;
    for (const [name, value] of Object.entries(props)) {
      if (typeof value !== "string" || !value.includes("__i18n__")) continue;
      translated ??= { ...props };
      translated[name] = this.text(value);
    }
    return translated ?? props;
  }
}

export const [getI18n, setI18n] = createContext<I18n>();
