"""Classes of real-world actors the registry lacked (issue 14, reading real text outside the gold
sample): regional parties with seats in a national parliament.

Each class has sentences like the ones read (NewsMTSC, PTC) that failed before, and guard
sentences where an ordinary word must not become the new actor.
"""

from __future__ import annotations

import sys

import pytest

from actor_helpers import found_mentions as _found
from discourse.lexicons import DATA_DIR

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


def _parties() -> dict[str, dict]:
    data = tomllib.loads((DATA_DIR / "gazetteer" / "40_parties.toml").read_text(encoding="utf-8"))
    return {t["id"]: t for t in data["actors"]}


# -- parties: at least 0.5% of the national vote at their best election, active since 2000 ------


@pytest.mark.parametrize(
    "party_id",
    # regional parties that win seats with a small national share (Party Facts: 0.6-1.9%)
    ["united_kingdom_dup", "united_kingdom_uup", "united_kingdom_plaid", "united_kingdom_sdlp",
     "india_bjd", "spain_pnv", "spain_ehbildu", "italy_svp"],
)
def test_regional_parties_with_seats_are_in_the_registry(party_id):
    parties = _parties()
    assert party_id in parties
    assert "partyfacts" in parties[party_id]["sources"]


@pytest.mark.parametrize(
    "party_id",
    ["australia_clp", "germany_ssw", "united_kingdom_ukup"],  # 0.2-0.4% at their best election
)
def test_parties_under_half_a_per_cent_stay_out(party_id):
    assert party_id not in _parties()


@pytest.mark.parametrize(
    "text, surface, actor_id",
    [
        ("DUP leader Arlene Foster with Sinn Féin leaders Michelle O'Neill and Mary Lou McDonald.", "DUP", "united_kingdom_dup"),
        ("For the DUP to trigger an election that could well lose it seats.", "DUP", "united_kingdom_dup"),
        ("SDLP leader Colum Eastwood said unionism needed to feel comfortable.", "SDLP", "united_kingdom_sdlp"),
        ("the Westminster leaders of the SNP and Plaid Cymru, Ian Blackford", "Plaid Cymru", "united_kingdom_plaid"),
        ("The UUP voted against the deal.", "UUP", "united_kingdom_uup"),
        ("The Democratic Unionist Party propped up the government.", "Democratic Unionist Party", "united_kingdom_dup"),
    ],
)
def test_northern_irish_and_welsh_parties_are_found(reg, text, surface, actor_id):
    assert (surface, actor_id) in _found(reg, text), _found(reg, text)


@pytest.mark.parametrize(
    "text, word",
    [
        ("He wore a plaid shirt to the rally.", "plaid"),
        ("The Plaid shirt was on sale.", "Plaid"),
        ("The Alliance said the deal was dead.", "Alliance"),
        ("I will dup the file and send it.", "dup"),
    ],
)
def test_ordinary_words_are_not_the_new_parties(reg, text, word):
    assert word not in [s for s, _ in _found(reg, text)], _found(reg, text)
