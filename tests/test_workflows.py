"""The GitHub workflows and pre-commit hooks: parsed with yaml and checked step by step."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sysconfig
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = ROOT / ".github" / "workflows"
# An action is pinned by the full commit hash its release tag points to, the tag in a comment
# after it (tags can be moved; the comment says which release the hash is).
PINNED = re.compile(r"^[\w.-]+/[\w./-]+@[0-9a-f]{40}$")
USES_LINE = re.compile(r"^\s*(?:-\s+)?uses:\s*(?P<ref>\S+)(?P<rest>.*)$")
VERSION_COMMENT = re.compile(r"^\s+# v\d+\.\d+\.\d+$")


def _load(name: str) -> dict[str, Any]:
    data = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    assert isinstance(data, dict), f"{name} is not a mapping"
    return data


def _triggers(workflow: dict[str, Any]) -> dict[str, Any]:
    # YAML 1.1 (PyYAML) reads the bare key `on` as the boolean True.
    triggers = workflow.get("on", workflow.get(True))
    if isinstance(triggers, str):
        return {triggers: None}
    if isinstance(triggers, list):
        return dict.fromkeys(triggers)
    return triggers or {}


def _steps(workflow: dict[str, Any]) -> list[dict[str, Any]]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def _index(steps: list[dict[str, Any]], predicate: Any, what: str) -> int:
    for i, step in enumerate(steps):
        if predicate(step):
            return i
    raise AssertionError(f"no step {what}")


def _runs(text: str) -> Any:
    return lambda step: text in step.get("run", "")


def _uses(action: str) -> Any:
    return lambda step: step.get("uses", "").split("@")[0] == action


@pytest.fixture(scope="module")
def pull_request() -> dict[str, Any]:
    return _load("pull-request.yml")


@pytest.fixture(scope="module")
def pages() -> dict[str, Any]:
    return _load("pages.yml")


def test_every_action_is_pinned_to_a_commit_with_its_version() -> None:
    files = sorted(WORKFLOWS.glob("*.yml"))
    assert files
    for path in files:
        used = [step["uses"] for step in _steps(_load(path.name)) if "uses" in step]
        for ref in used:
            assert PINNED.match(ref), f"{path.name}: {ref} is not pinned by commit hash"
        # The comment is lost to yaml: read the lines. Each `uses:` is on a line of its own.
        lines = [m for line in path.read_text(encoding="utf-8").splitlines()
                 if (m := USES_LINE.match(line))]
        assert [m["ref"] for m in lines] == used, f"{path.name}: a uses: line was not read"
        for m in lines:
            assert VERSION_COMMENT.match(m["rest"]), \
                f"{path.name}: {m['ref']} has no '# vX.Y.Z' comment naming its release"


def _zizmor() -> str:
    # Installed with the test extras into the interpreter's scripts directory, which is not
    # on PATH when `make test` runs .venv/bin/python without activating the virtualenv.
    beside = Path(sysconfig.get_path("scripts")) / "zizmor"
    found = str(beside) if beside.is_file() else shutil.which("zizmor")
    assert found, "zizmor is not installed: pip install -c requirements.lock -e '.[test]'"
    return found


def _audit(output: str) -> subprocess.CompletedProcess[str]:
    # --offline: no audit that asks GitHub, so the result is the same without a network or a
    # token. --strict-collection: a workflow zizmor cannot parse fails rather than is skipped.
    command = [_zizmor(), "--offline", "--strict-collection", "--no-progress", "--color=never",
               f"--format={output}", str(WORKFLOWS.relative_to(ROOT))]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False,
                          env={**os.environ, "NO_COLOR": "1"})


def test_zizmor_finds_nothing_in_the_workflows() -> None:
    result = _audit("json")
    findings = json.loads(result.stdout) if result.stdout.strip() else None
    if result.returncode != 0 or findings != []:
        plain = _audit("plain")
        pytest.fail(f"zizmor (exit {result.returncode}) reports:\n{plain.stdout}{plain.stderr}")
    audited = set(re.findall(r"completed (\S+\.ya?ml)$", result.stderr, re.MULTILINE))
    expected = {str(p.relative_to(ROOT)) for p in WORKFLOWS.glob("*.y*ml")}
    assert audited == expected, result.stderr


@pytest.mark.parametrize("name", ["pages.yml", "pull-request.yml"])
def test_permissions_are_granted_per_job(name: str) -> None:
    workflow = _load(name)
    assert workflow["permissions"] == {}, f"{name}: the workflow itself must grant nothing"
    for job_name, job in workflow["jobs"].items():
        assert "permissions" in job, f"{name}: job {job_name} does not state its permissions"


def test_pull_request_checks_in_order(pull_request: dict[str, Any]) -> None:
    assert "pull_request" in _triggers(pull_request)
    steps = _steps(pull_request)
    install = _index(steps, _runs("-c requirements.lock"), "installing with the lock file")
    assert '-e ".[test]"' in steps[install]["run"]
    audit = _index(steps, _runs("zizmor --offline"), "auditing the workflows with zizmor")
    assert ".github/workflows" in steps[audit]["run"]
    validate = _index(steps, _runs("briefbook validate --format github"), "validating briefs")
    tests = _index(steps, _runs("make test"), "running make test")
    build = _index(steps, _runs("briefbook build"), "building the site")
    upload = _index(steps, _uses("actions/upload-artifact"), "uploading the site")
    assert install < audit < tests and install < validate < tests and install < build < upload
    assert "--audience public" in steps[build]["run"]
    assert steps[upload]["with"]["path"].rstrip("/") == "site"


def test_every_checkout_drops_its_credentials() -> None:
    for path in sorted(WORKFLOWS.glob("*.yml")):
        for step in _steps(_load(path.name)):
            if _uses("actions/checkout")(step):
                assert step.get("with", {}).get("persist-credentials") is False, path.name


def test_pull_request_builds_strict() -> None:
    # The build step relies on mkdocs.yml for strict mode (warnings are errors).
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    assert config["strict"] == "true"


def test_pull_request_cannot_write(pull_request: dict[str, Any]) -> None:
    assert pull_request["permissions"] == {}
    for job in pull_request["jobs"].values():
        assert job["permissions"] == {"contents": "read"}


def test_pages_deploys_main_with_pages_actions(pages: dict[str, Any]) -> None:
    assert _triggers(pages)["push"]["branches"] == ["main"]
    assert pages["concurrency"]["group"] == "pages"
    steps = _steps(pages)
    configure = _index(steps, _uses("actions/configure-pages"), "configuring Pages")
    build = _index(steps, _runs("briefbook build"), "building the site")
    upload = _index(steps, _uses("actions/upload-pages-artifact"), "uploading the site")
    deploy = _index(steps, _uses("actions/deploy-pages"), "deploying")
    assert configure < upload and build < upload < deploy
    assert steps[upload]["with"]["path"].rstrip("/") == "site"
    deploy_jobs = [job for job in pages["jobs"].values()
                   if any(_uses("actions/deploy-pages")(s) for s in job.get("steps", []))]
    assert [job["environment"]["name"] for job in deploy_jobs] == ["github-pages"]
    # Only the deploying job may write to Pages or get an OIDC token; the build reads.
    for job in pages["jobs"].values():
        if job in deploy_jobs:
            assert job["permissions"] == {"pages": "write", "id-token": "write"}
        else:
            assert "write" not in job["permissions"].values(), job["permissions"]


def test_pages_builds_only_the_public_audience(pages: dict[str, Any]) -> None:
    steps = _steps(pages)
    builds = [s["run"] for s in steps if "briefbook build" in s.get("run", "")]
    assert builds == ["briefbook build --audience public --site-dir site"]
    assert pages["env"]["BRIEFBOOK_AUDIENCE"] == "public"
    for job in pages["jobs"].values():
        assert job.get("env", {}).get("BRIEFBOOK_AUDIENCE", "public") == "public"


def _run_guard(script: str, env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["bash", "-e", "-c", script], cwd=cwd, env={**os.environ, **env},
                          capture_output=True, text=True, check=False)


def test_pages_audience_guard_refuses_other_audiences(pages: dict[str, Any],
                                                      tmp_path: Path) -> None:
    steps = _steps(pages)
    guard = _index(steps, _runs('"$BRIEFBOOK_AUDIENCE" != "public"'), "checking the audience")
    assert guard < _index(steps, _runs("briefbook build"), "building the site")
    script = steps[guard]["run"]
    assert _run_guard(script, {"BRIEFBOOK_AUDIENCE": "public"}, tmp_path).returncode == 0
    for audience in ("internal", "community", ""):
        result = _run_guard(script, {"BRIEFBOOK_AUDIENCE": audience}, tmp_path)
        assert result.returncode != 0, f"guard let audience {audience!r} through"
        assert "::error::" in result.stdout


def test_pages_refuses_built_pages_above_clear(pages: dict[str, Any], tmp_path: Path) -> None:
    steps = _steps(pages)
    check = _index(steps, _runs("bb-marking--"), "checking the built markings")
    assert _index(steps, _runs("briefbook build"), "building") < check
    # The site's stylesheets name every marking's class: only pages count.
    shutil.copytree(ROOT / "docs" / "assets", tmp_path / "site" / "assets")
    page = tmp_path / "site" / "a" / "index.html"
    page.parent.mkdir(parents=True)
    page.write_text('<div class="bb-marking bb-marking--clear bb-marking--top">', "utf-8")
    assert _run_guard(steps[check]["run"], {}, tmp_path).returncode == 0
    for marking in ("green", "amber", "amber-strict", "red"):
        page.write_text(f'<div class="bb-marking bb-marking--{marking} bb-marking--top">', "utf-8")
        assert _run_guard(steps[check]["run"], {}, tmp_path).returncode != 0, marking


def test_pages_keeps_the_build_cache_between_runs(pages: dict[str, Any]) -> None:
    steps = _steps(pages)
    cache = _index(steps, _uses("actions/cache"), "restoring the build cache")
    build = _index(steps, _runs("briefbook build"), "building the site")
    assert cache < build
    options = steps[cache]["with"]
    # The page cache is inside .briefbook/; the packs' PDFs are kept in generated/.
    paths = {line.strip().rstrip("/") for line in options["path"].splitlines() if line.strip()}
    assert paths == {".briefbook", "generated"}
    inputs = "hashFiles('requirements.lock', 'templates/**', 'pyproject.toml')"
    assert options["key"].startswith(f"briefbook-${{{{ {inputs} }}}}-")
    assert options["restore-keys"].strip() == f"briefbook-${{{{ {inputs} }}}}-"


def test_pre_commit_hooks_are_local_or_pinned() -> None:
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    entries = []
    for repo in config["repos"]:
        if repo["repo"] == "local":
            assert all(hook["language"] == "system" for hook in repo["hooks"])
            entries += [hook["entry"] for hook in repo["hooks"]]
        else:
            assert repo["repo"] == "https://github.com/astral-sh/ruff-pre-commit"
            assert re.fullmatch(r"v\d+\.\d+\.\d+", repo["rev"])
            entries += ["ruff"]
    assert any(e.startswith("briefbook validate") for e in entries)
    assert any(e.startswith("briefbook schema --check") for e in entries)
    assert any(e.split()[0] == "ruff" for e in entries)
