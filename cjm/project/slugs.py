"""Project names to safe folder names ("Boutique Été 2026" -> "boutique-ete-2026")."""

from __future__ import annotations

import re
import unicodedata

from ..errors import UsageError
from ..messages import tr

SLUG_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{0,62}$")


def slugify(name: str) -> str:
    """Turn a project name into a slug: ASCII, lower case, words joined by hyphens."""
    ascii_name = (
        unicodedata.normalize("NFKD", name.replace("œ", "oe").replace("Œ", "OE"))
        .encode("ascii", "ignore")
        .decode("ascii")
    )
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")
    slug = slug[:63].rstrip("-")
    if not SLUG_PATTERN.match(slug):
        raise UsageError(tr(
            "cannot make a project folder name from {name} "
            "(expected a name with at least one letter or digit)", name=repr(name)))
    return slug


def check_slug(slug: str) -> str:
    """Return `slug` if it is a valid project slug, else raise UsageError."""
    if not isinstance(slug, str) or not SLUG_PATTERN.match(slug):
        raise UsageError(tr(
            "{slug} is not a valid project slug "
            "(expected lower-case letters, digits and hyphens, starting with a letter or digit, "
            "at most 63 characters)", slug=repr(slug)))
    return slug
