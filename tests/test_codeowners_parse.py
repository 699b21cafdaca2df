"""CODEOWNERS read the way GitHub reads it: patterns, owners, the last match wins, lines
GitHub skips. Each case names the rule of GitHub's "About code owners" it follows."""

from __future__ import annotations

from pathlib import Path

import pytest

from mldwizard.core.codeowners import (
    Owner,
    find_codeowners,
    parse_codeowners,
    parse_owner,
    read_codeowners,
)
from mldwizard.core.codeowners_chapters import map_owner
from mldwizard.core.document import Person
from mldwizard.core.errors import LoadError


def owners(text: str, path: str) -> list[str]:
    return [o.text for o in parse_codeowners(text, Path("CODEOWNERS")).owners_of(path)]


@pytest.mark.parametrize(
    ("pattern", "path", "matched"),
    [
        # a leading / anchors to the root
        ("/build/logs/", "build/logs/x.txt", True),
        ("/build/logs/", "build/logs/deep/x.txt", True),
        ("/build/logs/", "src/build/logs/x.txt", False),
        ("/README.md", "README.md", True),
        ("/README.md", "docs/README.md", False),
        # a / inside the pattern anchors it too (gitignore)
        ("src/model.py", "src/model.py", True),
        ("src/model.py", "lib/src/model.py", False),
        # a trailing / is a directory, at any depth when nothing else anchors it
        ("apps/", "apps/a.py", True),
        ("apps/", "deep/down/apps/a.py", True),
        ("apps/", "apps", False),  # a file named apps is not the directory
        ("apps/", "myapps/a.py", False),
        # a directory named without a trailing / covers what is inside it
        ("/apps/github", "apps/github/index.js", True),
        # no slash: a name matched at any depth
        ("*.js", "index.js", True),
        ("*.js", "a/b/c/index.js", True),
        ("Makefile", "tools/ci/Makefile", True),
        ("Makefile", "Makefile.inc", False),
        # * does not cross /, ** does
        ("docs/*", "docs/getting-started.md", True),
        ("docs/*", "docs/build-app/troubleshooting.md", False),
        ("docs/*.md", "docs/a/b.md", False),
        ("docs/**/*.md", "docs/a/b.md", True),
        ("docs/**/*.md", "docs/b.md", True),
        ("**/logs", "build/logs/x", True),
        ("**/logs", "logs/x", True),
        ("src/**", "src/a/b/c.py", True),
        ("src/**", "lib/src/c.py", False),
        ("?.py", "a.py", True),
        ("?.py", "ab.py", False),
        ("src/?/x.py", "src/a/x.py", True),
        ("src/?/x.py", "src/a/b/x.py", False),
        ("*", "any/thing/at/all.txt", True),
    ],
)
def test_patterns_follow_gitignore_rules(pattern: str, path: str, matched: bool) -> None:
    assert owners(f"{pattern} @owner\n", path) == (["@owner"] if matched else [])


def test_the_last_matching_pattern_wins() -> None:
    text = "*       @global\n*.js    @js-owner\n/src/ @src-owner\n"
    assert owners(text, "README.md") == ["@global"]
    assert owners(text, "lib/index.js") == ["@js-owner"]
    # /src/ comes after *.js: it wins for a .js file under src/, not the other way round
    assert owners(text, "src/index.js") == ["@src-owner"]
    assert owners("/src/ @src-owner\n*.js @js-owner\n", "src/index.js") == ["@js-owner"]


def test_the_last_match_wins_among_many_lines() -> None:
    """Hundreds of lines (past any limit on a regex's groups), the winner near the top."""
    lines = ["* @global", "/src/core/ @core-owner"]
    lines += [f"/src/module{i}/ @owner{i}" for i in range(400)]
    text = "\n".join(lines) + "\n"
    assert owners(text, "src/core/a.py") == ["@core-owner"]
    assert owners(text, "src/module399/x/y.py") == ["@owner399"]
    assert owners(text, "src/module3/a.py") == ["@owner3"]
    assert owners(text, "src/module3x/a.py") == ["@global"]
    rule = parse_codeowners(text, Path("CODEOWNERS")).rule_for("src/module7/a")
    assert rule is not None and rule.line == 10


def test_a_pattern_without_owners_unassigns() -> None:
    text = "/apps/ @octocat\n/apps/github\n"
    parsed = parse_codeowners(text, Path("CODEOWNERS"))
    assert owners(text, "apps/main/index.js") == ["@octocat"]
    assert owners(text, "apps/github/index.js") == []
    rule = parsed.rule_for("apps/github/index.js")
    assert rule is not None and rule.line == 2 and rule.owners == ()  # matched, no owner
    assert parsed.rule_for("README.md") is None  # not matched at all


def test_owners_users_teams_and_emails() -> None:
    text = "*.py @ana @acme/ml-platform docs@example.com\n"
    parsed = parse_codeowners(text, Path("CODEOWNERS"))
    got = [(o.text, o.kind, o.name) for o in parsed.owners_of("a.py")]
    assert got == [
        ("@ana", "user", "ana"),
        ("@acme/ml-platform", "team", "acme/ml-platform"),
        ("docs@example.com", "email", "docs@example.com"),
    ]
    assert parse_owner("@") is None
    assert parse_owner("ana") is None  # a bare name is not an owner
    assert parse_owner("@acme/") is None


def test_comments_blank_lines_and_inline_comments() -> None:
    text = "# a comment\n\n   \n*.js @js-owner #This is an inline comment.\n  # indented\n"
    parsed = parse_codeowners(text, Path("CODEOWNERS"))
    assert [(r.line, r.pattern) for r in parsed.rules] == [(4, "*.js")]
    assert owners(text, "a.js") == ["@js-owner"]
    assert parsed.invalid == []


def test_an_escaped_hash_inside_a_pattern_is_part_of_the_name() -> None:
    text = "notes/a\\#b.md @hash-owner # a comment\n"
    assert owners(text, "notes/a#b.md") == ["@hash-owner"]
    assert owners(text, "notes/a") == []
    # an escaped space, too
    assert owners("my\\ dir/ @space-owner\n", "my dir/x.txt") == ["@space-owner"]


def test_invalid_lines_are_skipped_and_reported_with_their_number() -> None:
    text = (
        "* @global\n"
        "\\#notes.md @x\n"  # GitHub: escaping a pattern starting with # does not work
        "!vendor/ @x\n"  # ! to negate a pattern does not work
        "src/*.[ch] @x\n"  # [ ] character ranges do not work
        "lib/ not-an-owner\n"
        "/ @x\n"
        "*.py @py-owner\n"
    )
    parsed = parse_codeowners(text, Path("CODEOWNERS"))
    assert [(b.line, b.text) for b in parsed.invalid] == [
        (2, "\\#notes.md @x"),
        (3, "!vendor/ @x"),
        (4, "src/*.[ch] @x"),
        (5, "lib/ not-an-owner"),
        (6, "/ @x"),
    ]
    reasons = [b.reason for b in parsed.invalid]
    assert "escaped #" in reasons[0] and "!" in reasons[1] and "[ ]" in reasons[2]
    assert "'not-an-owner' is not an owner" in reasons[3]
    # the valid lines around them still hold: a skipped line assigns nothing
    assert owners(text, "lib/a.c") == ["@global"]
    assert owners(text, "lib/a.py") == ["@py-owner"]
    assert owners(text, "vendor/x") == ["@global"]


def test_the_file_is_found_where_github_looks_first_found_wins(tmp_path: Path) -> None:
    assert find_codeowners(tmp_path) is None
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "CODEOWNERS").write_text("* @docs\n")
    assert find_codeowners(tmp_path) == tmp_path / "docs" / "CODEOWNERS"
    (tmp_path / "CODEOWNERS").write_text("* @root\n")
    assert find_codeowners(tmp_path) == tmp_path / "CODEOWNERS"
    (tmp_path / ".github").mkdir()
    (tmp_path / ".github" / "CODEOWNERS").write_text("* @github\n")
    assert find_codeowners(tmp_path) == tmp_path / ".github" / "CODEOWNERS"


def test_a_file_that_cannot_be_read_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(LoadError, match="no such file"):
        read_codeowners(tmp_path / "CODEOWNERS")
    bad = tmp_path / "BAD"
    bad.write_bytes(b"* @ana\n\xff @bo\n")
    with pytest.raises(LoadError, match="line 2: not valid UTF-8"):
        read_codeowners(bad)
    with pytest.raises(LoadError, match="not a regular file"):
        read_codeowners(tmp_path)


def owner(text: str) -> Owner:
    parsed = parse_owner(text)
    assert parsed is not None, text
    return parsed


def test_owners_map_to_people_by_handle_and_email() -> None:
    people = [Person(handle="ana"), Person(handle="Bo.Lee")]
    assert map_owner(owner("@ana"), people) == "ana"
    assert map_owner(owner("@ANA"), people) == "ana"  # GitHub user names ignore case
    assert map_owner(owner("bo.lee@example.com"), people) == "Bo.Lee"
    assert map_owner(owner("@zed"), people) is None
    assert map_owner(owner("zed@example.com"), people) is None
    assert map_owner(owner("@ana/ml"), people) is None  # a team: people have no teams
