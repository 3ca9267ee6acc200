import pandas as pd
import pytest

from helpers.tables.names import NameResolver, fold, load_affixes, load_aliases

ROSTER = pd.DataFrame(
    {
        "member": ["Abidjan", "Brussels", "Mexico City", "Barcelona (city)",
                   "Barcelona (metropolitan area)", "Kathmandu", "Montréal", "Johannesburg",
                   "Daegu", "Daejeon", "Greater Lyon", "Greater Paris", "Seoul", "Taipei",
                   "New Taipei", "Male'"],
        "region": ["Africa"] * 16,
    }
)  # fmt: skip


@pytest.fixture(scope="module")
def resolver():
    return NameResolver(ROSTER, load_aliases(), load_affixes())


@pytest.mark.parametrize(
    "name, member, how",
    [
        ("Seoul", "Seoul", "exact"),
        ("Bruxelles", "Brussels", "alias"),
        ("Ciudad de México", "Mexico City", "alias"),
        ("Grand Paris", "Greater Paris", "alias"),
        ("Grand Lyon", "Greater Lyon", "alias"),
        ("Barcelona (área metropolitana)", "Barcelona (metropolitan area)", "alias"),
        ("Barcelona (ciudad)", "Barcelona (city)", "alias"),
        ("Kathmandu Metropolitan City", "Kathmandu", "alias"),
        ("Montreal", "Montréal", "folded"),
        ("MONTRÉAL", "Montréal", "folded"),
        ("City of Johannesburg", "Johannesburg", "folded"),
        ("Abdijan", "Abidjan", "fuzzy"),
        ("Johannesberg", "Johannesburg", "fuzzy"),
        ("Kigali", None, "none"),
        ("Barcelona", None, "none"),  # two Barcelonas: never guess
        ("Daegu", "Daegu", "exact"),
        ("Lagos", None, "none"),
        ("Taipei", "Taipei", "exact"),
        ("UCLG - Africa", None, "none"),
    ],
)
def test_resolution_paths(resolver, name, member, how):
    m = resolver.resolve(name)
    assert (m.member, m.how) == (member, how)


def test_fuzzy_never_picks_a_different_city(resolver):
    # one letter away from two members, or a different first letter: no match
    for name in ["Daeju", "Naegu", "Seol", "Abc"]:
        assert resolver.resolve(name).member is None, name


def test_fold_removes_accents_case_and_punctuation():
    assert fold("  São-Paulo  ") == "sao paulo"
    assert fold("MONTRÉAL") == "montreal"


def test_alias_to_a_member_not_on_this_roster_is_ignored():
    r = NameResolver(ROSTER[ROSTER.member != "Brussels"], load_aliases(), load_affixes())
    assert r.resolve("Bruxelles").member is None


def test_alias_table_clash_is_a_user_error(tmp_path):
    from helpers.errors import UserError

    ref = tmp_path / "data" / "reference"
    ref.mkdir(parents=True)
    (ref / "member_aliases.csv").write_text("alias,member\nGrand X,A\ngrand x,B\n")
    with pytest.raises(UserError, match="two members"):
        load_aliases(tmp_path)


def test_member_named_inside_an_office_title(resolver):
    assert resolver.find_in_text("Mayor of Abidjan") == "Abidjan"
    assert resolver.find_in_text("Head of Government of Mexico City") == "Mexico City"
    assert resolver.find_in_text("female leader") is None  # no "Male'" inside a word
