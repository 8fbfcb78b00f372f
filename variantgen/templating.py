"""The jinja2 templates that word new questions and scenarios.

Templates ship in the repository's ``templates/`` folder (installed as ``variantgen.templates``).
A user folder given by ``VARIANTGEN_TEMPLATES`` (or ``set_user_dir``) is searched first, so a
file of the same name there overrides the built-in one without forking the project.
"""

from __future__ import annotations

import functools
import hashlib
import os
from importlib.resources import files
from pathlib import Path

import jinja2

USER_DIR_ENV = "VARIANTGEN_TEMPLATES"


def builtin_dir() -> Path:
    """The repository's ``templates/`` in a source checkout, else the installed package data.

    The checkout is looked at first because running from the repository root puts the source
    package ahead of an editable install's mapping on ``sys.path``.
    """
    checkout = Path(__file__).resolve().parent.parent / "templates"
    if (checkout / "context").is_dir():
        return checkout
    return Path(str(files("variantgen.templates")))


@functools.lru_cache(maxsize=4)
def environment(user_dir: str | None = None) -> jinja2.Environment:
    """A strict environment: an undefined variable is an error, never an empty string."""
    user_dir = user_dir if user_dir is not None else os.environ.get(USER_DIR_ENV)
    search = [user_dir] if user_dir else []
    search.append(str(builtin_dir()))
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(search),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
        autoescape=False,
    )


def render(name: str, **variables: object) -> str:
    """Render a template and collapse its whitespace into the single-spaced text of a question."""
    text = environment().get_template(name).render(**variables)
    return " ".join(text.split())


def template_hash(name: str) -> str:
    """Hash of the template's source, recorded in provenance: editing a template changes ids."""
    source, _, _ = environment().loader.get_source(environment(), name)  # type: ignore[union-attr]
    return hashlib.sha256(source.encode("utf-8")).hexdigest()[:12]


def list_templates(folder: str) -> list[str]:
    """Names of the templates in ``folder`` (``context`` → ``context/surveying.j2``, ...), sorted."""
    return sorted(name for name in environment().list_templates() if name.startswith(f"{folder}/") and name.endswith(".j2"))
