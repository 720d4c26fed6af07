// Words a lazily loaded component keeps beside its code, so they load with it rather than with every
// page, in the languages of the UI's own dictionary (i18n.svelte.ts).

import type { I18n } from "./i18n.svelte";

/** A word by its key, each `{name}` in it filled from `values`. */
export type Words<K extends string> = (key: K, values?: Record<string, string | number>) => string;

/** `en`'s words, or `zhCN`'s when the page is in Simplified Chinese. */
export function localWords<K extends string>(i18n: I18n, en: Readonly<Record<K, string>>,
  zhCN: Readonly<Record<K, string>>): Words<K> {
  const table = i18n.language === "zh-CN" ? zhCN : en;
  return (key, values = {}) => table[key].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in values ? String(values[name]) : whole);
}
