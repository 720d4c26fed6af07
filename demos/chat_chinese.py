"""A tea assistant for Chinese and English speakers. The page follows the browser's language (or
`?__lang=zh-CN`): the chat's own buttons, placeholder and message actions need nothing, and the app's
own texts are gr.I18n keys with a Chinese and an English text each."""

import reblocks as gr

i18n = gr.I18n(
    en={
        "title": "Tea assistant",
        "description": "Ask about a Chinese tea: 龙井, 普洱, 铁观音 or 大红袍.",
    },
    zh={
        "title": "茶叶助手",
        "description": "问问中国茶：龙井、普洱、铁观音或大红袍。",
    },
)

TEAS = {
    "龙井": "龙井 (Longjing) is a pan-fired green tea from Hangzhou: 80 °C water, two to three minutes.",
    "普洱": "普洱 (Pu'er) is a fermented tea from Yunnan: boiling water, a quick rinse, then short steeps.",
    "铁观音": "铁观音 (Tieguanyin) is an oolong from Anxi: 95 °C water, many short steeps.",
    "大红袍": "大红袍 (Da Hong Pao) is a roasted rock oolong from the Wuyi mountains: boiling water.",
}


def tea(message: str, history: list) -> str:
    for name, answer in TEAS.items():
        if name in message:
            return answer
    return "我只懂茶 / I only know about tea: " + "、".join(TEAS)


demo = gr.ChatInterface(
    tea,
    title=i18n("title"),
    description=i18n("description"),
    examples=["龙井怎么泡？", "What is 普洱?"],
)

if __name__ == "__main__":
    demo.launch(i18n=i18n)
