// MDN's callouts (`> [!NOTE]`) read as a bold label in the reader's language when shown in a terminal.

import { type Labels, localLabel } from "../text/labels.js";

const LABELS: Readonly<Record<string, Labels>> = {
  note: { en: "Note:", fr: "Note :", es: "Nota:", de: "Hinweis:", ja: "メモ:", ko: "참고:", pt: "Nota:", ru: "Примечание:", zh: "备注：", it: "Nota:" },
  warning: { en: "Warning:", fr: "Attention :", es: "Advertencia:", de: "Warnung:", ja: "警告:", ko: "경고:", pt: "Aviso:", ru: "Предупреждение:", zh: "警告：", it: "Attenzione:" },
  tip: { en: "Tip:", fr: "Astuce :", es: "Consejo:", de: "Tipp:", ja: "ヒント:", ko: "팁:", pt: "Dica:", ru: "Совет:", zh: "提示：", it: "Suggerimento:" },
  important: { en: "Important:", fr: "Important :", es: "Importante:", de: "Wichtig:", ja: "重要:", ko: "중요:", pt: "Importante:", ru: "Важно:", zh: "重要：", it: "Importante:" },
  caution: { en: "Caution:", fr: "Prudence :", es: "Precaución:", de: "Vorsicht:", ja: "注意:", ko: "주의:", pt: "Cuidado:", ru: "Осторожно:", zh: "注意：", it: "Cautela:" },
};

const CALLOUT = /^([ \t]*>[ \t]*)\[!(NOTE|WARNING|TIP|IMPORTANT|CAUTION|CALLOUT)\][ \t]*$/gim;

/**
 * Replaces the `[!NOTE]` line that opens an MDN callout with a bold label ("**Note:**", « Note : » in
 * French); `[!CALLOUT]` has no label and its line is dropped.
 * @example calloutsAsText("> [!NOTE]\n> Text", "en-US") // "> **Note:**\n> Text"
 */
export function calloutsAsText(markdown: string, locale: string): string {
  return markdown.replace(CALLOUT, (_line, prefix: string, kind: string) => {
    const labels = LABELS[kind.toLowerCase()];
    if (!labels) return prefix.trimEnd();
    const label = localLabel(labels, locale).replace(/ :$/, "\u00a0:");
    return `${prefix}**${label}**`;
  });
}
