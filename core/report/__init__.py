"""The daily review: one day of history judged against the plan, as Markdown or HTML.

`data.build_review` gathers the numbers (no formatting); `markdown.render` and `html.render`
lay them out. Both work offline on a bastion: Markdown charts are plotext text, HTML charts
are inline SVG, and the HTML file needs no network and no JavaScript.
"""
