import pytest

from cjm.errors import UsageError
from cjm.project.slugs import check_slug, slugify


@pytest.mark.parametrize(
    ("name", "slug"),
    [("Boutique Été 2026", "boutique-ete-2026"), ("Acme Retail", "acme-retail"),
     ("  Cœur de Ville — Réclamations  ", "coeur-de-ville-reclamations"),
     ("SAV/Retours (FR)", "sav-retours-fr"), ("x" * 80, "x" * 63)],
)
def test_slugify(name, slug):
    assert slugify(name) == slug
    assert check_slug(slug) == slug


@pytest.mark.parametrize("name", ["", "   ", "!!!", "日本"])
def test_names_without_letters_are_refused(name):
    with pytest.raises(UsageError, match="cannot make a project folder name"):
        slugify(name)


@pytest.mark.parametrize("slug", ["../etc", "Acme", "-acme", "a/b", "a b", "", "a" * 64, ".."])
def test_unsafe_slugs_are_refused_before_any_path_is_built(slug):
    with pytest.raises(UsageError, match="is not a valid project slug"):
        check_slug(slug)
