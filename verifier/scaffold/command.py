"""`verifier init DIR`: write a new claims repository (see verifier.scaffold). Exit 0 when
written; 2 when DIR is a file or a non-empty folder (without --force), or cannot be written."""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path

import click

from verifier.scaffold import ScaffoldError, default_options, render, write

REFUSED = 2


@click.command("init")
@click.argument("directory", type=click.Path(path_type=Path), metavar="DIR")
@click.option("--force", is_flag=True, help="Write into a non-empty DIR, replacing files of the "
              "same name (other files are kept).")
@click.option("--tool", metavar="REQUIREMENT", help="What the workflow and the pre-commit hook "
              "install, as a pip requirement. Default: claim-verifier==<this version>.")
def init(directory: Path, force: bool, tool: str | None) -> None:
    """Start a claims repository for another story in DIR: claims/ (entities, a sample claim
    with examples, acknowledgements), seeds/ (a sample article), pytest.ini (the gate), a
    GitHub workflow, a pre-commit config and a README on adding claims and articles."""
    options = default_options()
    if tool:
        options = dataclasses.replace(options, tool=tool)
    try:
        written = write(directory, render(options), force=force)
    except ScaffoldError as error:
        click.echo(f"verifier init: error: {error}", err=True)
        sys.exit(REFUSED)
    except OSError as error:
        click.echo(f"verifier init: error: cannot write {error.filename or directory} "
                   f"({error.strerror or error})", err=True)
        sys.exit(REFUSED)
    for path in written:
        click.echo(f"wrote {path}")
    click.echo(f"\nNext: cd {directory}, replace the SAMPLE claim, entities and article with "
               "your story's (README.md says how), then run `verifier check` and `pytest`.")
