"""Chart geometry without a screen: what the sparklines, the detail chart and the report draw.

`scale` picks value spans that do not exaggerate, `timeaxis` wall-clock ticks, `gaps` splits a
series where data is missing, `levels` and `marks` are the labelled lines and the annotated
moments, `model` puts one detail chart together and `recorded` reads its window from history.
The choices are documented in docs/charts.md.
"""
