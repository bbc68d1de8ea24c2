"""A comment's bare surnames are read in the context of its thread's article (issue 14):
commenters write "Harper" because the article named Stephen Harper."""

from __future__ import annotations

from discourse.model import Article, Comment, Thread
from discourse.pipeline import analyze

FAST = {"features": ["questions"], "incivility": False, "n_boot": 50}


def _comment_actors(article: str, comments: list[str]) -> dict[str, list[str]]:
    thread = Thread(
        Article(id="a", text=article),
        tuple(Comment(id=f"c{i}", text=text) for i, text in enumerate(comments)),
    )
    mentions = analyze(thread, **FAST)["mentions"]
    found = {f"c{i}": [] for i in range(len(comments))}
    for row in mentions[mentions["unit_kind"] == "comment"].itertuples():
        found[row.unit_id].append(row.actor)
    return found


def test_a_bare_surname_in_a_comment_is_the_person_the_article_names():
    found = _comment_actors(
        "Prime Minister Stephen Harper announced the budget in Ottawa.",
        ["Harper is wrong again.", "Sanders would never do that."],
    )
    assert found == {"c0": ["stephen_harper"], "c1": []}  # Sanders: the article names no Sanders


def test_without_the_article_the_same_comment_names_nobody():
    # (not "Harper": a former prime minister's surname needs no state in the text, see
    # [top_office] of actor_rules.toml; Goodale was a minister)
    found = _comment_actors("The weather was fine all week.", ["Goodale is wrong again."])
    assert found == {"c0": []}


def test_a_shared_surname_resolves_to_the_person_the_article_names_in_full():
    # "Sanders" is no alias (two registry persons share it); the article decides which.
    assert _comment_actors("Bernie Sanders spoke in Vermont.", ["Sanders is right."]) == {"c0": ["bernie_sanders"]}


def test_the_comment_s_own_full_name_takes_precedence_over_the_article_s():
    found = _comment_actors(
        "Bernie Sanders spoke in Vermont.",
        ["Sarah Huckabee Sanders replied. Sanders was angry."],
    )
    assert found == {"c0": ["sarah_huckabee_sanders", "sarah_huckabee_sanders"]}


def test_the_article_itself_is_read_without_the_comments():
    thread = Thread(Article(id="a", text="Goodale spoke."), (Comment(id="c0", text="Ralph Goodale is in Ottawa."),))
    mentions = analyze(thread, **FAST)["mentions"]
    assert mentions[mentions["unit_kind"] == "article"].empty  # no context flows backwards
