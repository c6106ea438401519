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

from hostile import HANG, KEY, copy, environment
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from verifier.model import (
    Acknowledgement,
    Article,
    ArticleMeta,
    Claim,
    Evidence,
    Position,
    Project,
    Result,
    Span,
    Verdict,
)
from verifier.problems import Problem
from verifier.report import render

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
