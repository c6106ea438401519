"""Rows 1, 2 and 17 of issue 14: nothing committed can vouch for a verdict, the cache's
clean-up never deletes outside its own files, and cache files are read as regular files only.

The forgery is what an attacker with the code but without the CI machine's secret can do: run
the verifier on their own machine (their own key), then rewrite every pack so that it holds no
contradiction, with valid checksums and signatures under their key, and commit it."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import msgspec
import pytest
from hostile import KEY, copy, gate, git, verifier

from verifier.execution import cache as cache_module
from verifier.store.files import read_blob, write_blob

ATTACKER = "attacker-key-fedcba9876543210"


@pytest.fixture
def contradicted(tmp_path: Path) -> Path:
    """The fixture project with one unacknowledged contradiction (`check` exits 1)."""
    return copy("contradicted", tmp_path / "project")


def forge(root: Path, monkeypatch: pytest.MonkeyPatch, key: str) -> int:
    """Rewrite every pack under root/.verifier-cache signed with `key`, dropping every
    contradicted verdict on the mayor's name (the acknowledged one stays, else its
    acknowledgement would be stale); the number of packs rewritten."""
    monkeypatch.setenv("VERIFIER_CACHE_KEY", key)
    packs = sorted((root / ".verifier-cache").rglob("pack-*.bin"))
    for pack in packs:
        entries = msgspec.msgpack.decode(read_blob(pack) or b"")
        for name, raw in entries.items():
            if not name.startswith("examples:"):
                claim_set, path, contradicted, claims, supported = raw
                kept = [v for v in contradicted if v[0] != "mayor-name"]  # v[0]: the claim
                entries[name] = (claim_set, path, kept, claims, supported)
        write_blob(pack, msgspec.msgpack.encode(entries))
    return len(packs)


def test_a_forged_cache_is_effective_when_signed_with_the_machines_own_key(
        contradicted: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The control: the forgery is real. Signed with the key the run uses, it hides the
    contradiction, so the tests below show the key (not a broken forgery) stops it."""
    assert verifier(contradicted, "check").returncode == 1
    assert forge(contradicted, monkeypatch, KEY) > 0
    assert verifier(contradicted, "check").returncode == 0


def test_a_forged_cache_signed_elsewhere_cannot_turn_check_or_the_gate_green(
        contradicted: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert verifier(contradicted, "check", key=ATTACKER).returncode == 1
    assert forge(contradicted, monkeypatch, ATTACKER) > 0
    assert verifier(contradicted, "check", key=ATTACKER).returncode == 0  # fooled: their key
    done = verifier(contradicted, "check")
    assert done.returncode == 1, done.stdout + done.stderr
    assert "Okafur" in done.stdout
    assert "unreadable cache file" in done.stderr


def test_a_committed_cache_is_refused_by_check_and_by_the_gate(
        contradicted: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert verifier(contradicted, "check").returncode == 1
    forge(contradicted, monkeypatch, KEY)  # even signed with the right key
    git(contradicted, "init", "-q")
    git(contradicted, "add", "-f", ".")
    git(contradicted, "commit", "-q", "-m", "a pull request carrying a cache")
    done = verifier(contradicted, "check")
    assert done.returncode == 1, done.stdout + done.stderr
    assert "tracked by git" in done.stderr and "running without it" in done.stderr
    run = gate(contradicted)
    assert run.returncode == 1, run.stdout
    assert "Okafur" in run.stdout and "tracked by git" in run.stdout


def test_the_gate_rejects_a_cache_signed_elsewhere(
        contradicted: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert gate(contradicted, key=ATTACKER).returncode == 1
    forge(contradicted, monkeypatch, ATTACKER)
    assert gate(contradicted, key=ATTACKER).returncode == 0  # the attacker's own machine
    run = gate(contradicted)
    assert run.returncode == 1, run.stdout
    assert "Okafur" in run.stdout


def test_a_cache_folder_that_is_a_link_is_not_used_and_its_target_is_untouched(
        contradicted: Path, tmp_path: Path) -> None:
    """Row 2: the old clean-up removed folders named like other cache formats in the target."""
    elsewhere = tmp_path / "elsewhere"
    for victim in ("v1/precious.txt", "v3/abc/pack-1-1.bin", "notes.txt"):
        (elsewhere / victim).parent.mkdir(parents=True, exist_ok=True)
        (elsewhere / victim).write_text("keep me", encoding="utf-8")
    before = sorted(p.relative_to(elsewhere) for p in elsewhere.rglob("*"))
    (contradicted / ".verifier-cache").symlink_to(elsewhere, target_is_directory=True)
    done = verifier(contradicted, "check")
    assert done.returncode == 1
    assert "symbolic link" in done.stderr
    assert sorted(p.relative_to(elsewhere) for p in elsewhere.rglob("*")) == before


def test_clean_up_removes_only_the_caches_own_files_and_never_follows_links(
        tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "pack-1-1.bin").write_bytes(b"not the cache's")
    old = tmp_path / "cache" / "v2" / "engine"
    old.mkdir(parents=True)
    (old / "pack-00000000000000000001-7.bin").write_bytes(b"old pack")
    (old / "mine.txt").write_text("a user's file", encoding="utf-8")
    (old / "link").symlink_to(outside, target_is_directory=True)
    cache_module._remove_ours(tmp_path / "cache" / "v2")
    assert (old / "mine.txt").is_file()
    assert not (old / "pack-00000000000000000001-7.bin").exists()
    assert not (old / "link").exists() and (outside / "pack-1-1.bin").is_file()


@pytest.mark.parametrize("hostile", ["folder", "dev-zero", "fifo", "link-out"])
def test_hostile_cache_files_are_damage_not_a_crash_or_a_hang(
        contradicted: Path, tmp_path: Path, hostile: str) -> None:
    """Row 17: cache file names are predictable; a folder, a link to /dev/zero, a FIFO or a
    link out of the cache in their place is skipped and counted, the run still judges."""
    assert verifier(contradicted, "check").returncode == 1
    files = [p for p in (contradicted / ".verifier-cache").rglob("*")
             if p.is_file() and not p.name.startswith("CACHEDIR")]
    assert files
    secret = tmp_path / "secret.bin"
    secret.write_bytes(b"outside the project")
    for path in files:
        path.unlink()
        if hostile == "folder":
            path.mkdir()
        elif hostile == "dev-zero":
            path.symlink_to("/dev/zero")
        elif hostile == "fifo":
            os.mkfifo(path)
        else:
            path.symlink_to(secret)
    done = verifier(contradicted, "check")
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr and "Okafur" in done.stdout
    assert secret.read_bytes() == b"outside the project"


def test_the_key_file_is_private_and_made_once(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    from verifier.store import trust as cachetrust

    monkeypatch.delenv("VERIFIER_CACHE_KEY", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    first = cachetrust.secret()
    path = tmp_path / "xdg" / "claim-verifier" / "key"
    assert path.stat().st_mode & 0o777 == 0o600
    assert cachetrust.secret() == first and len(first) >= 32
    path.chmod(0o644)
    with pytest.raises(cachetrust.Untrusted, match="private"):
        cachetrust.secret()


def test_without_a_key_the_api_runs_uncached_instead_of_failing(
        contradicted: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """verifier.execution.runner with an Execution's cache, the key unusable (too short)."""
    from verifier.execution import runner
    from verifier.execution.workers import Execution
    from verifier.load.project import load_project

    monkeypatch.setenv("VERIFIER_CACHE_KEY", "short")
    execution = Execution(1, contradicted / ".verifier-cache")
    result = runner.run(load_project(contradicted), execution=execution)
    assert [v.claim for v in result.unacknowledged] == ["mayor-name"]
    assert execution.stats.unwritable > 0


@pytest.mark.parametrize("inner", ["v4/keys", "v4/memo", "v4"])
def test_links_inside_the_cache_are_removed_never_followed(
        contradicted: Path, tmp_path: Path, inner: str) -> None:
    """A link placed inside an untracked cache (by an earlier job, say) must not lead the
    keys' pruning or the memo's writes to another folder."""
    assert verifier(contradicted, "check").returncode == 1
    outside = tmp_path / "outside"
    outside.mkdir()
    for n in range(12):  # more than the keys files the cache keeps: pruning would strike
        (outside / f"{n:064x}.json").write_text("not the cache's", encoding="utf-8")
    link = contradicted / ".verifier-cache" / inner
    shutil.rmtree(link)
    link.symlink_to(outside, target_is_directory=True)
    assert verifier(contradicted, "check").returncode == 1
    assert len(list(outside.iterdir())) == 12
    assert not link.is_symlink()
