"""Reports of a comparison, one module per kind: the terminal table (`terminal`),
CSV/JSON/Markdown (`text`), the self-contained HTML page (`heatmap`)."""
