"""Issue 14, rows 7, 8, 9, 16 and 19: every report escapes by its own rules, whatever the input
holds, and a report file is written whole or not at all.

Property tests put one hostile string (hypothesis: any text, weighted towards controls, escape
sequences, line breaks, workflow commands, URLs, markup) into every field a report shows: the
article path and title, the claim id and statement, the evidence sentence and reason, the
acknowledgement's reason and owner, a problem's file and message."""

from __future__ import annotations

import json
import re
import signal
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import unquote

from hostile import HANG, KEY, copy, environment, gate, verifier
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from verifier.execution.examples import ExampleOutcome
from verifier.model import (
    Acknowledgement,
    Article,
    ArticleMeta,
    Claim,
    Evidence,
    Example,
    Position,
    Project,
    Result,
    Span,
    Verdict,
)
from verifier.problems import Problem
from verifier.report import render
from verifier.report.text import brief_contradiction, describe_contradiction, describe_example

PIECES = ["\n", "\r", "\r\n", "::", "::add-mask::x", "::error file=a::b", "::stop-commands::t",
          "%", "%0A", ",", "\x1b]8;;http://evil.example/\x07", "\x1b[2J", "\x1b]0;title\x07",
          "\x9b31m", "\x85", "\u2028", "\u2029", "\u202e", "\x00", "\x7f", "\t",
          "http://2130706433/", "https://example\uff0ecom", "www\uff0eexample\uff0ecom",
          "www.example.com", "mailto:a@b.c", "xmpp:a@b.c", "a@b.com", "<script>", "]]>",
          "&amp;", "`", "|", "[x](http://e.com)", "![i](http://e.com/i.png)", "@everyone",
          " ", "a b#1?%.txt", "\ufffe"]
# (no lone surrogates: no loader lets one through, see test_hostile_files)
HOSTILE = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=6)),
                   min_size=1, max_size=8).map("".join)
SETTINGS = settings(max_examples=60, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def hostile_result(s: str) -> Result:
    path = f"seeds/{s}.txt"
    claim_id = f"c-{s}"
    text = f"Before. {s} after.\n"
    span = Span(8, 8 + len(s), 1, 9, s)
    against = Evidence("contradict", 1, 9, text.strip(), f"reason {s}", (span,))
    ack = Acknowledgement(claim_id, path, f"ack {s}", owner=s,
                          position=Position(f"claims/{s}.yaml", 2, 3))
    claims = (Claim(claim_id, f"statement {s}", "phrases", {}, tags=(s,),
                    position=Position(f"claims/{s}.yaml", 1, 1)),
              Claim("other", f"other {s}", "phrases", {}))
    articles = (Article(path, text, ArticleMeta(title=s, outlet=s, url=s)),)
    verdicts = (Verdict(claim_id, path, "contradicted", (against,)),
                Verdict("other", path, "contradicted", (against,), acknowledged=True,
                        acknowledgement=ack))
    problems = (Problem(f"claims/{s}.yaml", 3, 4, "schema", f"message {s}", f"$.{s}"),)
    project = Project(".", {}, claims, articles, (ack,), problems)
    return Result(project, verdicts, (ack,), problems)


@SETTINGS
@given(HOSTILE)
def test_github_lines_are_each_one_command_of_ours(s: str) -> None:
    """Row 7: a newline in a YAML key started `::add-mask::` on standard error."""
    out = render("github", hostile_result(s))
    lines = out.split("\n")
    assert lines[-1] == "" and len(lines) == 5  # 2 contradictions, 1 stale, 1 problem
    for line in lines[:-1]:
        head = re.fullmatch(r"::(error|notice|warning)( [^:]*)?::(.*)", line)
        assert head, line
        assert "\r" not in line and not CONTROL.search(line)


@SETTINGS
@given(HOSTILE)
def test_problems_print_on_one_line(s: str) -> None:
    """Row 7: how `check` prints problems on standard error (read for commands too)."""
    shown = str(Problem(f"claims/{s}.yaml", 1, 2, "schema", f"m {s}", f"$.{s}"))
    assert "\n" not in shown and "\r" not in shown and not CONTROL.search(shown)


@SETTINGS
@given(HOSTILE)
def test_the_text_report_holds_no_control_character(s: str) -> None:
    """Row 8: OSC 8 links, window titles and screen clears from a title or a reason."""
    out = render("text", hostile_result(s))
    assert not CONTROL.search(out.replace("\n", "")), repr(out)
    assert "\r" not in out


LINKS = re.compile(r"(?i)([a-z][a-z0-9+.-]*://|www[.\uff0e\u3002\uff61]|mailto:[^\u2060]|"
                   r"xmpp:[^\u2060])")


@SETTINGS
@given(HOSTILE)
def test_markdown_has_no_autolink_of_any_form(s: str) -> None:
    """Row 9: full-width dots and decimal IPs made live links after escaping."""
    from markdown_it import MarkdownIt

    out = render("markdown", hostile_result(s))
    prose = re.sub(r"(`+).*?\1", "", out)  # GitHub makes no link inside a code span
    assert not LINKS.search(prose), out
    assert not CONTROL.search(out.replace("\n", ""))
    tokens = MarkdownIt("commonmark", {"html": True}).enable("table").parse(out)
    inline = [c for t in tokens for c in t.children or ()]
    kinds = {t.type for t in tokens} | {c.type for c in inline}
    assert not kinds & {"link_open", "image"}
    ours = re.compile(r"</details>\n|<details><summary>[A-Za-z ]+\(\d+\)</summary>\n")
    assert all(ours.fullmatch(t.content) for t in tokens if t.type == "html_block")
    assert {c.content for c in inline if c.type == "html_inline"} <= {"<b>", "</b>"}


@SETTINGS
@given(HOSTILE)
def test_sarif_uris_are_percent_encoded(s: str) -> None:
    """Row 19: `seeds/a b#1?%.txt` was read as `seeds/a b`."""
    found = json.loads(render("sarif", hostile_result(s)))
    uris = re.findall(r'"uri": "([^"]*)"', json.dumps(found))
    assert uris
    for value in uris:
        assert re.fullmatch(r"[A-Za-z0-9\-._~/%!$&'()*+,;=:@]*", value), value
    from verifier.report.safe import uri

    path = f"seeds/{s}.txt".encode("utf-8", "replace").decode("utf-8")
    assert unquote(uri(path)) == path


@SETTINGS
@given(HOSTILE)
def test_junit_json_claimreview_and_html_stay_well_formed(s: str) -> None:
    result = hostile_result(s)
    ET.fromstring(render("junit", result))
    json.loads(render("json", result))
    json.loads(render("claimreview", result))
    page = render("html", result)
    assert page.count("<script") == render("html", hostile_result("plain")).count("<script")


def test_one_line_shows_what_it_escapes() -> None:
    from verifier.report.safe import one_line

    assert one_line("a\nb\x1b[2J\u202e") == "a\\nb\\x1b[2J\\u202e"


def test_a_full_disk_leaves_the_old_report_in_place(tmp_path: Path) -> None:
    """Row 16: the disk filled while the JSON report was written: a truncated file stayed.
    A file size limit (RLIMIT_FSIZE) stands for the full disk."""
    root = copy("contradicted", tmp_path / "project")
    (root / "out").mkdir()
    old = root / "out" / "report.json"
    old.write_text("the previous report\n", encoding="utf-8")
    script = ("import resource, signal, sys\n"
              "signal.signal(signal.SIGXFSZ, signal.SIG_IGN)\n"
              "resource.setrlimit(resource.RLIMIT_FSIZE, (3000, 3000))\n"
              "from verifier.cli import main\n"
              "sys.argv = ['verifier', 'check', '--no-cache', '--format', "
              "'json:out/report.json']\n"
              "main()\n")
    done = subprocess.run([sys.executable, "-c", script], cwd=root, capture_output=True,
                          text=True, timeout=HANG, env=environment(KEY), check=False)
    assert done.returncode == 2, done.stderr
    assert old.read_text(encoding="utf-8") == "the previous report\n"
    assert sorted(p.name for p in (root / "out").iterdir()) == ["report.json"]
    assert signal.SIGXFSZ  # the platform has the signal the script ignores


def test_terminal_output_of_check_and_explain_is_inert(tmp_path: Path) -> None:
    """Row 8 end to end: an escape sequence in an article's contradicting sentence and title."""
    root = copy("contradicted", tmp_path / "project")
    text = root / "seeds" / "003_ferry.txt"
    text.write_text(text.read_text(encoding="utf-8").replace(
        "Mayor Dana Okafur said", "Mayor Dana Okafur \x1b]0;owned\x07\x1b[2J said"),
        encoding="utf-8")
    meta = root / "seeds" / "003_ferry.meta.yaml"
    meta.write_text(meta.read_text(encoding="utf-8").replace(
        'title: "Ferry service to end"', 'title: "Ferry \\e]8;;http://evil.example/\\a end"'),
        encoding="utf-8")
    for args in (["check", "--no-cache"], ["explain", "mayor-name", "003"]):
        done = subprocess.run([sys.executable, "-m", "verifier", *args], cwd=root,
                              capture_output=True, text=True, timeout=HANG,
                              env=environment(KEY), check=False)
        assert "Okafur" in done.stdout, done.stderr
        assert "\x1b" not in done.stdout + done.stderr and "\x07" not in done.stdout
        assert "\\x1b" in done.stdout


def test_markdown_table_cell_keeps_a_pipe_inside_its_code_span() -> None:
    """Hypothesis found '|[x](http://e.com)': the pipe split the claim's cell, and the rest
    became a live link outside any code span."""
    from markdown_it import MarkdownIt

    out = render("markdown", hostile_result("|[x](http://e.com)"))
    tokens = MarkdownIt("commonmark").enable("table").parse(out)
    kinds = {t.type for t in tokens} | {c.type for t in tokens for c in t.children or ()}
    assert "link_open" not in kinds
    assert "| `c-\\|[x](http://e.com)` |" in out


def pytest_texts(s: str) -> list[str]:
    """What the pytest gate prints of a failure, with `s` in every field it shows."""
    result = hostile_result(s)
    claim, verdict = result.project.claims[0], result.verdicts[0]
    texts = [describe_contradiction(verdict, claim), describe_contradiction(result.verdicts[1],
                                                                            claim)]
    for known_miss in ("", f"mark {s}"):
        example = Example(f"example {s}", "supported", position=claim.position,
                          known_miss=known_miss)
        for got in (verdict, Verdict(claim.id, "x", "supported")):
            texts.append(describe_example(ExampleOutcome(claim, 1, example, got, f"why {s}")))
    return [*texts, "\n".join(brief_contradiction(verdict))]


@SETTINGS
@given(HOSTILE)
def test_pytest_failure_texts_hold_no_control_character_and_no_line_of_the_input(s: str
                                                                               ) -> None:
    """B5: a known_miss reason, the example's explanation and the end-of-run brief were shown
    raw; hostile text must neither add a line nor hold a control character."""
    for shown, plain in zip(pytest_texts(s), pytest_texts("plain"), strict=True):
        assert shown.count("\n") == plain.count("\n"), repr(shown)
        assert "\r" not in shown and not CONTROL.search(shown.replace("\n", "")), repr(shown)


# an acknowledgement's reason and owner, a claim statement: a GitHub workflow command on a line
# of its own, a CR, a window title and a screen clear (YAML double-quoted escapes)
FORGED = r"ok\r\n::error file=README.md,line=1::forged annotation\e]0;pwned\a\e[2J"


def hostile_stale_project(tmp_path: Path) -> Path:
    """The stale fixture project with FORGED in both acknowledgements (one stale, one an
    acknowledged contradiction), their owners, and the statement of claim mayor-name."""
    root = copy("stale", tmp_path / "project")
    acks = root / "claims" / "acknowledgements.yaml"
    text = acks.read_text(encoding="utf-8")
    for old in ("The article was written before the opening and is kept as a regression case.",
                "Once misspelled the mayor; the outlet has since corrected it.",
                "fixture-maintainers"):
        assert old in text
        text = text.replace(old, f'"{FORGED}"')
    acks.write_text(text, encoding="utf-8")
    town = root / "claims" / "town.yaml"
    text = town.read_text(encoding="utf-8")
    old = "statement: Riverton's mayor is Dana Okafor."
    assert old in text
    town.write_text(text.replace(old, f'statement: "Riverton\'s mayor {FORGED}"'),
                    encoding="utf-8")
    return root


def assert_inert(out: str) -> None:
    assert "\x1b" not in out and "\x07" not in out and "\r" not in out, out
    assert not [line for line in out.splitlines() if line.lstrip().startswith("::")], out
    assert "\\r\\n::error file=README.md,line=1::forged annotation\\x1b]0;pwned" in out


def test_the_pytest_gate_shows_hostile_acknowledgements_inert(tmp_path: Path) -> None:
    """B5 (a): a stale acknowledgement's reason reached the CI log raw, its newline starting a
    `::error` workflow command; so did an acknowledged contradiction's reason (-rA)."""
    done = gate(hostile_stale_project(tmp_path), "-rA")
    assert done.returncode == 1, done.stdout + done.stderr
    assert "stale acknowledgement: seeds/001_opening.txt no longer contradicts" in done.stdout
    assert "XFAIL seeds/002_delay.txt::bridge-opened - acknowledged: ok\\r\\n" in done.stdout
    assert_inert(done.stdout + done.stderr)


def test_try_and_explain_show_a_hostile_claim_and_acknowledgement_inert(tmp_path: Path
                                                                         ) -> None:
    """B5 (b): `verifier try` printed the claim statement raw (CR, OSC, a `::error` line);
    `explain` split a statement's newline into a line of its own before making lines inert."""
    root = hostile_stale_project(tmp_path)
    tried = verifier(root, "try", "mayor-name", "Mayor Dana Okafur said\r\n::error::x\x1b[2J")
    assert tried.returncode == 0, tried.stderr
    assert "Okafur said ::error::x" in tried.stdout  # read as an example: a break is a space
    explained = verifier(root, "explain", "mayor-name", "001")
    assert "stale acknowledgement: it expects a contradiction (ok\\r\\n" in explained.stdout
    for done in (tried, explained):
        assert_inert(done.stdout + done.stderr)
