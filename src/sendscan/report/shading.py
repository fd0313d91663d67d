"""Shading: how many weakness findings make a cell (or a hexagon) which shade of red."""

from __future__ import annotations

#: Weakness counts at which a cell gets the next shade of red (w1..w4).
SHADES = (1, 2, 4, 7)


def cell_class(weak: int) -> str:
    """w1..w4 by the number of weakness findings; s where there are only strengths."""
    # max(1, ...): an average below one finding is still some weakness.
    return f"w{max(1, sum(1 for step in SHADES if weak >= step))}" if weak else "s"
