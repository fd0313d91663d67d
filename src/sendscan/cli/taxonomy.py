"""`sendscan taxonomy lint|show`: check and look at a taxonomy file."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.markup import escape
from rich.tree import Tree

from .. import taxonomy as taxonomies
from .output import fail, stderr

app = typer.Typer(help="Check and show the taxonomy.", no_args_is_help=True)

FileArgument = Annotated[Optional[Path], typer.Argument(help="Taxonomy YAML (default: the shipped one).", show_default=False)]


@app.command()
def lint(file: FileArgument = None) -> None:
    """Report every problem: schema errors with their line, duplicate or unknown ids,
    patterns spaCy rejects, and examples that do not behave as declared."""
    from ..batch import built
    from ..tag import example_problems

    path = file or taxonomies.default_path()
    taxonomy, problems = taxonomies.parse(path)
    if taxonomy and not problems:
        try:
            problems = example_problems(taxonomy, built(taxonomy, model=False))  # examples speak of the rules
        except taxonomies.TaxonomyError as error:
            problems = [error]
    for problem in problems:
        stderr.print(f"[bold red]error[/]: {escape(str(problem))}", soft_wrap=True, markup=True, highlight=False)
    if problems:
        raise typer.Exit(code=1)
    patterns = sum(len(c.patterns) for c in taxonomy.categories)
    examples = sum(len(c.match) + len(c.no_match) for c in taxonomy.categories)
    typer.echo(f"{path}: ok ({len(taxonomy.categories)} categories, {patterns} patterns, {examples} examples)")


@app.command()
def show(file: FileArgument = None) -> None:
    """The category tree with pattern and example counts."""
    try:
        taxonomy = taxonomies.load(file)
    except taxonomies.TaxonomyError as error:
        raise fail(error) from None
    tree = Tree(f"[bold]{escape(taxonomy.name)}[/] ({escape(taxonomy.path)})")

    def add(branch: Tree, category) -> None:
        node = branch.add(f"[bold]{category.id}[/] {escape(category.label)} [dim]· {len(category.patterns)} patterns, "
                          f"{len(category.exclude)} exclusions, {len(category.match) + len(category.no_match)} examples[/]")
        for child in taxonomy.children(category.id):
            add(node, child)

    for category in taxonomy.categories:
        if not category.parent:
            add(tree, category)
    Console().print(tree)
