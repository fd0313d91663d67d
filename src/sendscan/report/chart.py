"""Chart: the national picture (a Summary) -> an HTML bar chart drawn with CSS.

One bar per category, as long as the share of areas with a weakness in it and
split by those areas' outcomes; a thin green bar beside for the share with a
strength. Plain elements and inline widths: no script, no image.
"""

from __future__ import annotations

from html import escape

#: Bar colours per outcome (the badge colours of the heatmap, a shade darker).
OUTCOME_COLOURS = {"positive": "#4ac26b", "inconsistent": "#d4a72c", "systemic": "#cf222e",
                   "WSoA required": "#8250df", "no WSoA": "#54aeff", "revisit": "#bf8700", "no outcome": "#8c959f"}

STYLE = """
.national h2 { font-size: 18px; margin: 28px 0 4px; }
.national .chart { display: grid; grid-template-columns: minmax(180px, 280px) minmax(240px, 520px) auto; gap: 3px 10px; align-items: center; margin: 10px 0; }
.national .label { text-align: right; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.national .track { background: #f6f8fa; height: 16px; display: flex; }
.national .track span { display: block; height: 100%; }
.national .strong { background: #2da44e; height: 4px; margin-top: 2px; }
.national .figure { font-variant-numeric: tabular-nums; color: #424a53; white-space: nowrap; }
.national .key span.swatch { display: inline-block; width: 12px; height: 12px; margin: 0 4px 0 10px; vertical-align: middle; }
"""


def summary_chart(summary, labels: dict[str, str]) -> str:
    """The section of the report: heading, key, and one bar per category."""
    key = "".join(f'<span class="swatch" style="background:{OUTCOME_COLOURS[o]}"></span>{escape(o)} ({n})'
                  for o, n in summary.outcomes.items())
    bars = "".join(bar(line, summary, labels) for line in summary.lines)
    return (f'<section class="national" id="national"><h2>The national picture</h2>'
            f'<p class="meta">Categories ranked by the number of the {summary.areas} areas with at least one '
            "weakness finding in them; each bar is split by those areas' outcomes. The thin green bar: areas with "
            f'a strength in the category.</p><p class="key">Outcome:{key}'
            '<span class="swatch" style="background:#2da44e"></span>strength</p>'
            f'<div class="chart">{bars}</div></section>')


def bar(line, summary, labels: dict[str, str]) -> str:
    label = labels.get(line.category, line.category)
    parts = "".join(f'<span style="width:{100 * n / summary.areas:.2f}%;background:{OUTCOME_COLOURS[o]}" '
                    f'title="{escape(o)}: {n}"></span>' for o, n in line.by_outcome.items() if n)
    split = ", ".join(f"{n} {o}" for o, n in line.by_outcome.items() if n)
    strong = f'<div class="strong" style="width:{100 * line.strength / summary.areas:.2f}%"></div>' \
        if summary.areas else ""
    return (f'<div class="label" title="{escape(label)}">{escape(label)}</div>'
            f'<div><div class="track" title="{escape(split)}">{parts}</div>{strong}</div>'
            f'<div class="figure">{line.weakness} of {summary.areas} ({summary.share(line.weakness):.0%})'
            f" · strength {line.strength}</div>")
