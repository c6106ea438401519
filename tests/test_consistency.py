"""verifier.load.consistency: what no single file can check, on hand-made entities and claims."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from verifier.load.consistency import Checked, Where, check
from verifier.load.project import freeze
from verifier.load.source import Locations
from verifier.model import Acknowledgement, Claim, Entity

ENTITIES = [
    Entity("ada", "person", "Ada"), Entity("grace", "person", "Grace"),
    Entity("england", "place", "England"), Entity("london", "place", "London", within=("england",)),
    Entity("hall", "place", "Hall", within=("london",)), Entity("paris", "place", "Paris"),
    Entity("society", "organization", "Society"), Entity("director", "office", "Director"),
    Entity("chair", "office", "Chair"), Entity("opening", "event", "Opening"),
]


def at(file: str, index: int, kind: str = "claims") -> Where:
    """Object `index` of a file sits on line 100 * (index + 1); its fields on the next lines."""
    line = 100 * (index + 1)
    fields = ("id", "holder", "office", "places", "date", "value", "entity", "predecessor",
              "claim", "article", "valid_until", "within", "event")
    values: dict[tuple[str | int, ...], tuple[int, int]] = {(kind, index): (line, 5)}
    values.update({(kind, index, f): (line + n, 9) for n, f in enumerate(fields, start=1)})
    return Where(file, Locations(values), (kind, index))


def claim(id: str, kind: str, until: str | None = None, since: str | None = None,
          **content: Any) -> Claim:
    return Claim(id, "s", kind, freeze(content),  # type: ignore[arg-type]
                 valid_from=dt.date.fromisoformat(since) if since else None,
                 valid_until=dt.date.fromisoformat(until) if until else None)


def run(*claims: Claim, entities: list[Entity] | None = None,
        acks: tuple[Acknowledgement, ...] = (), articles: tuple[str, ...] = (),
        complete: bool = True) -> Checked:
    placed = [(c, at("c.yaml", i)) for i, c in enumerate(claims)]
    ents = [(e, at("e.yaml", i, "entities")) for i, e in enumerate(entities or ENTITIES)]
    acked = [(a, at("a.yaml", i, "acknowledgements")) for i, a in enumerate(acks)]
    return check(ents, placed, acked, articles, complete=complete)


def found(result: Checked) -> list[str]:
    return [str(p) for p in result.problems]


def test_a_consistent_set_has_no_problems_and_keeps_everything() -> None:
    result = run(claim("a", "office", holder="ada", office="director"),
                 claim("b", "place", event="opening", places=("london", "hall")),
                 claim("c", "value", subject="society", property="p", cues=(("x",),),
                       value={"type": "number", "amount": 1}))
    assert result.problems == () and [c.id for c in result.claims] == ["a", "b", "c"]
    assert set(result.entities) == {e.id for e in ENTITIES}


def test_a_duplicate_claim_id_points_at_the_second_and_names_the_first() -> None:
    result = run(claim("a", "event", event="opening"), claim("a", "event", event="opening"))
    assert found(result) == ["c.yaml:201:9: [duplicate-id] duplicate claim id 'a': already "
                             "defined at c.yaml:100:5; ids must be unique across all files, so "
                             "rename one (at $.claims[1].id)"]
    assert len(result.claims) == 1


def test_a_duplicate_entity_id_keeps_the_first() -> None:
    result = run(entities=[*ENTITIES, Entity("ada", "place", "Ada Town")])
    assert [p.code for p in result.problems] == ["duplicate-id"]
    assert result.entities["ada"].type == "person"


def test_an_unknown_reference_suggests_the_closest_id_and_drops_the_claim() -> None:
    result = run(claim("a", "office", holder="adaa", office="director"))
    (problem,) = result.problems
    assert (problem.code, problem.line, problem.json_path) == (
        "unknown-entity", 102, "$.claims[0].holder")
    assert "did you mean 'ada'?" in problem.message
    assert result.claims == ()


@pytest.mark.parametrize(("kind", "content", "field"), [
    ("office", {"holder": "london", "office": "director"}, "holder"),
    ("office", {"holder": "ada", "office": "chair", "also_holds": ("grace",)}, "also_holds"),
    ("succession", {"office": "ada", "holder": "ada", "predecessor": "grace"}, "office"),
    ("place", {"event": "opening", "places": ("london", "society")}, "places"),
    ("date", {"event": "hall", "date": "2020"}, "event"),
    ("value", {"subject": "ada", "property": "p", "cues": (), "value": {}}, "subject"),
])
def test_references_must_name_the_right_type(kind: str, content: dict[str, Any],
                                             field: str) -> None:
    result = run(claim("a", kind, **content))
    assert [p.code for p in result.problems] == ["entity-type"]
    assert result.problems[0].json_path.startswith(f"$.claims[0].{field}")
    assert result.claims == ()


def test_spelling_and_scope_may_name_any_entity() -> None:
    assert run(claim("a", "spelling", entity="london"),
               claim("b", "phrases", support=("x",), scope=("opening", "ada"))).problems == ()


def test_an_office_may_belong_to_a_place_or_an_organisation() -> None:
    entities = [*ENTITIES, Entity("governor", "office", "Governor", jurisdiction="society"),
                Entity("mayor", "office", "Mayor", jurisdiction="london")]
    result = run(entities=entities)
    assert result.problems == ()
    assert result.entities["governor"].jurisdiction == "society"


def test_a_value_may_belong_to_several_subjects_or_an_event() -> None:
    quantity = {"type": "number", "amount": 3}
    result = run(claim("a", "value", subject=("society", "london"), property="p", cues=(),
                       value=quantity),
                 claim("b", "value", subject="opening", property="q", cues=(), value=quantity))
    assert result.problems == ()


def test_a_range_with_min_above_max_is_reported() -> None:
    result = run(claim("a", "value", subject="london", property="p", cues=(),
                       value={"type": "percent", "min": 2, "max": 1}))
    assert [p.code for p in result.problems] == ["range"]


def test_bad_entity_references_are_removed_and_the_entity_kept() -> None:
    entities = [*ENTITIES, Entity("tower", "place", "Tower", within=("london", "ada", "nowhere")),
                Entity("minister", "office", "Minister", jurisdiction="opening"),
                Entity("fair", "event", "Fair", participants=("ada", "ghost"))]
    result = run(entities=entities)
    assert sorted(p.code for p in result.problems) == [
        "entity-type", "entity-type", "unknown-entity", "unknown-entity"]
    assert result.entities["tower"].within == ("london",)
    assert result.entities["minister"].jurisdiction == ""
    assert result.entities["fair"].participants == ("ada",)


def conflict(*claims: Claim) -> list[str]:
    return [p.code for p in run(*claims).problems]


def test_two_current_holders_of_one_office_conflict() -> None:
    a = claim("a", "office", holder="ada", office="director")
    assert conflict(a, claim("b", "office", holder="grace", office="director")) == ["conflict"]
    assert conflict(a, claim("b", "office", holder="grace", office="chair")) == []
    assert conflict(a, claim("b", "office", holder="grace", office="director",
                             status="former")) == []
    assert conflict(a, claim("b", "office", holder="ada", office="director")) == []


def test_claims_valid_at_different_times_do_not_conflict() -> None:
    a = claim("a", "office", holder="ada", office="director", until="2020-01-01")
    assert conflict(a, claim("b", "office", holder="grace", office="director",
                             since="2020-01-02")) == []
    assert conflict(a, claim("b", "office", holder="grace", office="director",
                             since="2019-12-31")) == ["conflict"]


@pytest.mark.parametrize(("first", "second", "clash"), [
    ("2022", "2022-07-08", False), ("2022-07", "2022-07-08", False), ("2022-07-08", "2022-07-08",
                                                                        False),
    ("2022", "2021", True), ("2022-07", "2022-08-01", True), ("2022-01", "2022-10", True)])
def test_two_dates_for_one_event_conflict_unless_one_refines_the_other(
        first: str, second: str, clash: bool) -> None:
    result = conflict(claim("a", "date", event="opening", date=first),
                      claim("b", "date", event="opening", date=second))
    assert result == (["conflict"] if clash else [])


@pytest.mark.parametrize(("first", "second", "clash"), [
    (("london",), ("hall",), False), (("england",), ("hall",), False),
    (("london",), ("paris",), True), (("hall", "paris"), ("england",), False)])
def test_places_conflict_only_when_none_lies_within_another(
        first: tuple[str, ...], second: tuple[str, ...], clash: bool) -> None:
    result = conflict(claim("a", "place", event="opening", places=first),
                      claim("b", "place", event="opening", places=second))
    assert result == (["conflict"] if clash else [])


def value(id: str, amount: float, tolerance: float = 0, prop: str = "budget",
          **extra: Any) -> Claim:
    return claim(id, "value", subject="society", property=prop, cues=(("x",),),
                 value={"type": "money", "amount": amount, "currency": "USD"},
                 tolerance=tolerance, **extra)


def test_values_for_one_subject_and_property_must_agree_within_tolerance() -> None:
    assert conflict(value("a", 100), value("b", 101)) == ["conflict"]
    assert conflict(value("a", 100), value("b", 101, tolerance=1)) == []
    assert conflict(value("a", 100), value("b", 101, prop="Budget ")) == ["conflict"]
    assert conflict(value("a", 100), value("b", 101, prop="staff")) == []
    assert conflict(value("a", 100), value("b", 101, context=("london",))) == []


def test_two_spellings_of_one_entity_conflict() -> None:
    assert conflict(claim("a", "spelling", entity="ada"),
                    claim("b", "spelling", entity="ada", spelling="Adah")) == ["conflict"]
    assert conflict(claim("a", "spelling", entity="ada"),
                    claim("b", "spelling", entity="ada", spelling="Ada")) == []


def test_a_conflict_names_the_other_claim_and_where_it_is() -> None:
    (problem,) = run(claim("a", "succession", office="chair", holder="ada", predecessor="grace"),
                     claim("b", "succession", office="chair", holder="ada",
                           predecessor="ada")).problems
    assert problem.json_path == "$.claims[1].predecessor"
    assert "contradicts claim 'a' at c.yaml:100:5" in problem.message


def test_a_validity_window_that_ends_before_it_starts_is_an_error() -> None:
    result = run(claim("a", "event", event="opening", since="2020-01-01", until="2019-01-01"))
    assert [(p.code, p.json_path) for p in result.problems] == [
        ("dates", "$.claims[0].valid_until")]


def test_acknowledgements_must_name_a_known_claim_and_article() -> None:
    acks = (Acknowledgement("a", "seeds/x.txt", "r"), Acknowledgement("b", "seeds/y.txt", "r"),
            Acknowledgement("a", "seeds/x.txt", "again"))
    result = run(claim("a", "event", event="opening"), acks=acks, articles=("seeds/x.txt",))
    assert [(p.code, p.json_path) for p in result.problems] == [
        ("unknown-claim", "$.acknowledgements[1].claim"),
        ("unknown-article", "$.acknowledgements[1].article"),
        ("duplicate-acknowledgement", "$.acknowledgements[2]")]
    assert [a.claim for a in result.acknowledgements] == ["a", "a"]


def test_claims_dropped_earlier_are_not_unknown_to_acknowledgements() -> None:
    acks = [(Acknowledgement("gone", "seeds/x.txt", "r"), at("a.yaml", 0, "acknowledgements"))]
    result = check([], [], acks, ("seeds/x.txt",), other_claim_ids=("gone",))
    assert result.problems == ()


def test_an_incomplete_project_does_not_report_unknown_ids_but_still_drops_them() -> None:
    acks = (Acknowledgement("b", "seeds/x.txt", "r"),)
    result = run(claim("a", "office", holder="nobody", office="director"), acks=acks,
                 articles=("seeds/x.txt",), complete=False)
    assert result.problems == () and result.claims == ()


def test_did_you_mean_hints_stay_within_a_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    """A thousand acknowledgements naming unknown claims against a thousand claims took three
    minutes of difflib (red-team finding): hints stop once the run's comparisons are spent."""
    from verifier.load import consistency

    calls: list[str] = []
    real = consistency.difflib.get_close_matches

    def counted(word: str, *args: Any, **kwargs: Any) -> list[str]:
        calls.append(word)
        return real(word, *args, **kwargs)

    monkeypatch.setattr(consistency.difflib, "get_close_matches", counted)
    hints = consistency.Hints(f"summit-claim-{i:04d}" for i in range(1000))
    assert hints("summit-claim-0007x") == " (did you mean 'summit-claim-0007'?)"
    assert hints("summit-claim-0007x") and calls == ["summit-claim-0007x"]  # asked once
    for i in range(1000):
        hints(f"other-claim-{i:04d}")
    assert len(calls) == consistency._COMPARISONS // 1000
    assert hints("x" * 65) == "" and len(calls) == consistency._COMPARISONS // 1000
