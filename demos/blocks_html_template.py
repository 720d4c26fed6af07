"""gr.HTML as a component of your own: a star rating drawn from a template with props, set by clicks in
js_on_load, sent with a custom `submit` event, described by a server function; and a card that draws
other blocks at `@children`."""

import reblocks as gr

WORDS = ["poor", "fair", "good", "very good", "excellent"]


def describe(stars: int) -> str:
    """Called from the page as `server.describe(stars)`."""
    return f"{stars} stars: {WORDS[min(max(int(stars), 1), len(WORDS)) - 1]}"


def submitted(stars: int, event: gr.EventData) -> str:
    return f"You rated {stars} of {event.max} stars"


with gr.Blocks(title="HTML components") as demo:
    rating = gr.HTML(
        3,
        html_template="""
            <h2>${label}</h2>
            <div class="stars" role="group" aria-label="Rating">
              ${Array.from({length: max_stars}, (_, i) =>
                `<button type="button" class="star ${i < value ? 'on' : ''}" data-stars="${i + 1}"
                   aria-pressed="${i < value}" aria-label="${i + 1} stars">★</button>`).join('')}
            </div>
            <button type="button" class="describe">Describe</button>
            <button type="button" class="submit">Submit rating</button>
            <p class="note" aria-live="polite"></p>
        """,
        css_template="""
            .stars { display: flex; gap: 4px; }
            .star { font-size: ${size}px; background: none; border: 0; cursor: pointer; color: var(--text-muted); }
            .star.on { color: var(--color-accent); }
        """,
        js_on_load="""
            element.addEventListener('click', async (event) => {
              const star = event.target.closest('.star');
              if (star) props.value = Number(star.dataset.stars);
              if (event.target.closest('.submit')) trigger('submit', {max: props.max_stars});
              if (event.target.closest('.describe')) {
                element.querySelector('.note').textContent = await server.describe(props.value);
              }
            });
        """,
        server_functions=[describe],
        label="Rate this demo",
        max_stars=5,
        size=28,
    )
    stars_shown = gr.Slider(3, 10, value=5, step=1, label="Stars shown")
    result = gr.Textbox(label="Submitted")
    rating.submit(submitted, rating, result, api_name="rate")
    stars_shown.change(lambda count: gr.HTML(max_stars=count), stars_shown, rating)

    with gr.HTML(html_template="<h2>${title}</h2>@children<p class='card-end'>Both fields are optional.</p>",
                 css_template="border: 1px solid var(--border-color); border-radius: 12px; padding: 16px;",
                 js_on_load=None, title="Your details") as card:
        name = gr.Textbox(label="Name")
        email = gr.Textbox(label="Email")

if __name__ == "__main__":
    demo.launch()
