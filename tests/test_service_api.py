"""The HTTP service against a real uvicorn server on loopback: API, errors, limits, auth, OpenAPI.

Limits (issue 8, part 5) are each tested by what a client sees: body size (413,
on the header and on a chunked stream), time (503), concurrency (503 at once),
malformed and deeply nested JSON (400), slow clients (408, and other clients
served meanwhile).
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import jsonschema
import pytest
from referencing import Registry
from referencing.jsonschema import DRAFT202012

from factlint.api import builtin_rules, lint
from factlint.service.launch import ServerProcess, start_server
from factlint.service.payload import ApiError, parse_lint_request
from factlint.service.settings import ServiceSettings, SettingsError, load_config, parse_size

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "examples" / "mali-2013.txt"
WRONG = "Niono is 60 kilometres (20 miles) south of Diabaly."
# Seconds of lint work in a few hundred kilobytes: thousands of wrong conversions.
SLOW_TEXT = "It is 60 kilometres (20 miles) away. " * 6000  # about 2 s
BUSY_TEXT = "It is 60 kilometres (20 miles) away. " * 2000  # about 0.7 s


def _server(*args: str, env: dict[str, str] | None = None):
    server = start_server(args, env=env)
    yield server
    server.stop()


@pytest.fixture(scope="module")
def server():
    yield from _server("--log-level", "warning")


@pytest.fixture(scope="module")
def small_server():
    """Small body limit and a short read deadline, for size and slow-client tests."""
    yield from _server("--max-body", "4k", "--read-timeout", "0.5", "--log-level", "warning")


@pytest.fixture(scope="module")
def guarded_server():
    """Bearer token (from the environment) and one allowed CORS origin."""
    yield from _server(
        "--allow-origin", "https://cms.example", "--log-level", "warning",
        env={"FACTLINT_TOKEN": "s3cret"},
    )  # fmt: skip


def post(server: ServerProcess, body, **kwargs) -> httpx.Response:
    return httpx.post(f"{server.url}/v1/lint", json=body, timeout=30, **kwargs)


def raw_post(server: ServerProcess, content: bytes, content_type="application/json"):
    return httpx.post(
        f"{server.url}/v1/lint",
        content=content,
        headers={"content-type": content_type},
        timeout=30,
    )


# --- the API -------------------------------------------------------------------------------


def test_findings_are_the_cli_json_objects(server):
    text = SEED.read_text(encoding="utf-8")
    response = post(server, {"text": text})
    assert response.status_code == 200
    data = response.json()
    assert data["findings"] == [f.to_json() for f in lint(text)]
    (wrong,) = [f for f in data["findings"] if f["rule"] == "unit-conversion"]
    assert text[wrong["offset"] : wrong["end_offset"]] == "20 miles"
    assert wrong["fix"]["replacement"] == "37 miles"
    assert data["summary"]["error"] == sum(f["severity"] == "error" for f in data["findings"])


def test_cli_json_output_has_the_same_findings(server):
    done = subprocess.run(
        [sys.executable, "-m", "factlint", "check", "--format", "json", "-"],
        input=WRONG,
        capture_output=True,
        text=True,
        timeout=60,
    )
    cli = json.loads(done.stdout)["findings"]
    service = post(server, {"text": WRONG}).json()["findings"]
    for item in cli:
        item["path"] = None  # stdin is reported as "-" by the CLI
    assert service == cli and service


def test_date_format_and_rule_selection_reach_the_linter(server):
    money = "The mission cost about 500 million dollars (about 100 million euros)."
    dated = post(server, {"text": money, "date": "2013-01-21"}).json()["findings"]
    assert dated and "2013-01-21" in dated[0]["message"]
    code = f"`{WRONG}`"
    assert post(server, {"text": code, "format": "markdown"}).json()["findings"] == []
    assert post(server, {"text": code, "format": "text"}).json()["findings"]
    ignored = post(server, {"text": WRONG, "rules": {"ignore": ["unit-conversion"]}})
    assert ignored.json()["findings"] == []
    selected = post(server, {"text": WRONG + " " + money, "rules": {"select": ["units"]}})
    assert {f["rule"] for f in selected.json()["findings"]} == {"unit-conversion"}


@pytest.mark.parametrize(
    "prefix",
    ["🎉 emoji first: ", "\U0001d400\U0001d401 maths letters ", "e\u0301 combining: "],
    ids=["emoji", "astral", "combining"],
)
def test_offsets_count_code_points(server, prefix):
    text = prefix + WRONG
    (finding,) = post(server, {"text": text}).json()["findings"]
    assert text[finding["offset"] : finding["end_offset"]] == "20 miles"
    assert finding["column"] == finding["offset"] + 1


def test_offsets_count_a_leading_byte_order_mark(server):
    text = "\ufeff" + WRONG
    (finding,) = post(server, {"text": text}).json()["findings"]
    assert text[finding["offset"] : finding["end_offset"]] == "20 miles"
    assert text[finding["fix"]["offset"] : finding["fix"]["end_offset"]] == "20 miles"


def test_lone_surrogates_keep_offsets(server):
    # json.dumps escapes the lone surrogate as \ud800, which JSON allows and UTF-8 cannot carry.
    body = json.dumps({"text": "\ud800 " + WRONG}).encode("ascii")
    response = raw_post(server, body)
    assert response.status_code == 200
    (finding,) = response.json()["findings"]
    assert ("\ud800 " + WRONG)[finding["offset"] : finding["end_offset"]] == "20 miles"


def test_rules_and_health(server):
    rules = httpx.get(f"{server.url}/v1/rules").json()["rules"]
    assert [r["id"] for r in rules] == [r.id for r in builtin_rules()]
    assert all(r["description"] and r["severity"] in ("error", "warning", "info") for r in rules)
    health = httpx.get(f"{server.url}/healthz").json()
    assert health["status"] == "ok" and health["rules"] == len(rules)


def test_page_and_its_files_are_served_without_outside_resources(server):
    page = httpx.get(f"{server.url}/")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert "default-src 'none'" in page.headers["content-security-policy"]
    for name in ("app.js", "style.css"):
        assert f"/static/{name}" in page.text
        asset = httpx.get(f"{server.url}/static/{name}")
        assert asset.status_code == 200
        assert "http://" not in asset.text and "https://" not in asset.text
    assert "http://" not in page.text and "https://" not in page.text
    missing = httpx.get(f"{server.url}/static/../../pyproject.toml")
    assert missing.status_code == 404


# --- errors a client can make ----------------------------------------------------------------


@pytest.mark.parametrize(
    "content_type",
    ["text/plain", "application/x-www-form-urlencoded", "", "application/json; charset=latin-1"],
)
def test_non_json_content_type_is_415(server, content_type):
    response = raw_post(server, json.dumps({"text": WRONG}).encode(), content_type)
    assert response.status_code == 415
    assert "JSON" in response.json()["error"] or "UTF-8" in response.json()["error"]


@pytest.mark.parametrize(
    "body",
    [b"{", b"{'text': 'single quotes'}", b"", b"   ", b'{"text": "\xff\xfe"}', b"[1,]"],
    ids=["truncated", "python-repr", "empty", "blank", "bad-utf8", "trailing-comma"],
)
def test_malformed_json_is_400(server, body):
    response = raw_post(server, body)
    assert response.status_code == 400
    assert response.json()["status"] == 400 and response.json()["error"]


@pytest.mark.parametrize(
    "body",
    [b"[" * 200_000, b'{"text": "x", "rules": ' + b'{"a": ' * 100_000, b"9" * 100_000],
    ids=["arrays", "objects", "huge-number"],
)
def test_deeply_nested_or_huge_json_is_400_and_harmless(server, body):
    started = time.monotonic()
    response = raw_post(server, body)
    assert response.status_code == 400
    assert time.monotonic() - started < 5
    assert post(server, {"text": WRONG}).status_code == 200


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, "text"),
        ({"text": 12}, "text"),
        ({"text": "x", "format": "html"}, "format"),
        ({"text": "x", "date": "21 January 2013"}, "date"),
        ({"text": "x", "date": "2013-02-30"}, "date"),
        ({"text": "x", "rules": ["units"]}, "rules"),
        ({"text": "x", "rules": {"paths": ["/etc"]}}, "rules.paths"),
        ({"text": "x", "rules": {"select": "units"}}, "rules.select"),
        ({"text": "x", "rules": {"select": ["no-such-rule"]}}, "rules.select"),
        ({"text": "x", "path": "/etc/passwd"}, "path"),
        ({"text": "x", "rule_files": ["/tmp/evil.yaml"]}, "rule_files"),
    ],
)
def test_invalid_fields_are_422_naming_the_field(server, body, field):
    response = post(server, body)
    assert response.status_code == 422
    data = response.json()
    assert data["field"] == field
    assert f"'{field}'" in data["error"]


def test_a_body_that_is_not_an_object_is_422(server):
    response = post(server, ["text"])
    assert response.status_code == 422 and "object" in response.json()["error"]


def test_unknown_routes_and_methods_answer_json(server):
    missing = httpx.get(f"{server.url}/v2/lint")
    assert missing.status_code == 404 and missing.json()["status"] == 404
    wrong = httpx.get(f"{server.url}/v1/lint")
    assert wrong.status_code == 405 and "POST" in wrong.headers["allow"]


# --- limits ----------------------------------------------------------------------------------


def test_body_over_the_limit_is_refused_on_its_header(small_server):
    """The server answers 413 from Content-Length alone, without waiting for the body."""
    with socket.create_connection(("127.0.0.1", int(small_server.url.rsplit(":", 1)[1]))) as sock:
        sock.settimeout(5)
        sock.sendall(
            b"POST /v1/lint HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            b'Content-Length: 50000000\r\n\r\n{"text": "'
        )
        received = b""
        while b"bytes" not in received:  # the headers and the body may come in two reads
            chunk = sock.recv(65536)
            if not chunk:
                break
            received += chunk
        answer = received.decode()
    assert answer.startswith("HTTP/1.1 413")
    assert "larger than the limit of 4096 bytes" in answer


def test_body_over_the_limit_is_refused_while_streaming(small_server):
    """Chunked uploads have no length: the bytes are counted as they arrive."""

    def chunks():
        yield b'{"text": "'
        for _ in range(100):
            yield b"x" * 1000

    response = httpx.post(
        f"{small_server.url}/v1/lint",
        content=chunks(),
        headers={"content-type": "application/json"},
        timeout=10,
    )
    assert response.status_code == 413
    assert post(small_server, {"text": WRONG}).status_code == 200


def test_slow_body_is_cut_off_with_408_and_others_are_served(small_server):
    port = int(small_server.url.rsplit(":", 1)[1])
    with socket.create_connection(("127.0.0.1", port)) as sock:
        sock.settimeout(10)
        sock.sendall(
            b"POST /v1/lint HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            b'Content-Length: 100\r\n\r\n{"te'
        )
        # Meanwhile a normal client is served at once.
        started = time.monotonic()
        assert post(small_server, {"text": WRONG}).status_code == 200
        assert time.monotonic() - started < 1.0  # not held for the 408's 10 s
        answer = sock.recv(65536).decode()
    assert answer.startswith("HTTP/1.1 408")


def test_a_client_trickling_its_headers_does_not_block_others(small_server):
    port = int(small_server.url.rsplit(":", 1)[1])
    with socket.create_connection(("127.0.0.1", port)) as sock:
        sock.sendall(b"POST /v1/lint HTTP/1.1\r\nHost: x\r\n")
        for _ in range(3):
            sock.sendall(b"X-Slow: 1\r\n")
            started = time.monotonic()
            assert httpx.get(f"{small_server.url}/healthz").status_code == 200
            assert post(small_server, {"text": WRONG}).status_code == 200
            assert time.monotonic() - started < 2
            time.sleep(0.1)


def test_request_over_the_time_limit_is_503_and_the_loop_stays_free():
    with start_server(["--timeout", "0.3", "--log-level", "warning"]) as server:
        result: dict[str, httpx.Response] = {}
        worker = threading.Thread(
            target=lambda: result.update(slow=post(server, {"text": SLOW_TEXT}))
        )
        started = time.monotonic()
        worker.start()
        time.sleep(0.1)
        health_started = time.monotonic()
        assert httpx.get(f"{server.url}/healthz", timeout=5).status_code == 200
        assert time.monotonic() - health_started < 0.75  # lint work is off the event loop
        worker.join(30)
        elapsed = time.monotonic() - started
        assert result["slow"].status_code == 503
        assert "longer than the limit of 0.3 seconds" in result["slow"].json()["error"]
        assert result["slow"].headers["retry-after"]
        assert elapsed < 1.2  # answered at the deadline, not when the work ended


def test_requests_over_the_concurrency_limit_are_503_at_once():
    args = ["--concurrency", "1", "--max-queue", "0", "--timeout", "60", "--log-level", "warning"]
    with start_server(args) as server:
        result: dict[str, httpx.Response] = {}
        worker = threading.Thread(
            target=lambda: result.update(slow=post(server, {"text": BUSY_TEXT}))
        )
        worker.start()
        deadline = time.monotonic() + 10
        while httpx.get(f"{server.url}/healthz").json()["pending"] < 1:
            assert time.monotonic() < deadline
            time.sleep(0.01)
        started = time.monotonic()
        busy = post(server, {"text": WRONG})
        assert busy.status_code == 503 and "busy" in busy.json()["error"]
        assert time.monotonic() - started < 1.5  # refused, not queued behind 60 s
        worker.join(60)
        assert result["slow"].status_code == 200
        assert post(server, {"text": WRONG}).status_code == 200


# --- auth and CORS ---------------------------------------------------------------------------


def test_bearer_token_guards_the_api_only(guarded_server):
    url = guarded_server.url
    refused = post(guarded_server, {"text": WRONG})
    assert refused.status_code == 401 and refused.headers["www-authenticate"].startswith("Bearer")
    wrong = post(guarded_server, {"text": WRONG}, headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 401
    assert httpx.get(f"{url}/v1/rules").status_code == 401
    ok = post(guarded_server, {"text": WRONG}, headers={"Authorization": "Bearer s3cret"})
    assert ok.status_code == 200 and ok.json()["findings"]
    assert httpx.get(f"{url}/healthz").status_code == 200
    assert httpx.get(f"{url}/").status_code == 200


def test_cors_is_off_by_default_and_limited_to_allowed_origins(server, guarded_server):
    origin = {"Origin": "https://cms.example"}
    assert "access-control-allow-origin" not in post(server, {"text": "x"}, headers=origin).headers
    preflight = {**origin, "Access-Control-Request-Method": "POST"}
    allowed = httpx.options(f"{guarded_server.url}/v1/lint", headers=preflight)
    assert allowed.headers["access-control-allow-origin"] == "https://cms.example"
    other = httpx.options(
        f"{guarded_server.url}/v1/lint",
        headers={**preflight, "Origin": "https://evil.example"},
    )
    assert other.headers.get("access-control-allow-origin") != "https://evil.example"


def test_workers_share_the_settings_and_token():
    env = {"FACTLINT_TOKEN": "w0rkers"}
    args = ["--workers", "2", "--max-body", "2k", "--log-level", "warning"]
    with start_server(args, env=env) as s:
        auth = {"Authorization": "Bearer w0rkers"}
        for _ in range(4):
            assert post(s, {"text": WRONG}, headers=auth).status_code == 200
            assert post(s, {"text": WRONG}).status_code == 401
        assert post(s, {"text": "x" * 5000}, headers=auth).status_code == 413


# --- OpenAPI ---------------------------------------------------------------------------------


def _validator(spec: dict, name: str) -> jsonschema.Draft202012Validator:
    registry = Registry().with_resource("urn:factlint", DRAFT202012.create_resource(spec))
    schema = {"$ref": f"urn:factlint#/components/schemas/{name}"}
    return jsonschema.Draft202012Validator(schema, registry=registry)


def test_openapi_describes_every_route(server):
    spec = httpx.get(f"{server.url}/openapi.json").json()
    assert spec["openapi"].startswith("3.1")
    from factlint.service.app import create_app

    app = create_app(ServiceSettings())
    described = {(path, method.upper()) for path, ops in spec["paths"].items() for method in ops}
    for route in app.routes:
        path = route.path if route.path else "/"
        if getattr(route, "methods", None):
            for method in route.methods - {"HEAD"}:
                assert (path, method) in described, f"{method} {path} is not described"
        else:  # the static mount
            assert (path + "/{name}", "GET") in described
    for path, ops in spec["paths"].items():
        for method in ops:
            if path.endswith("{name}"):
                continue
            response = httpx.request(method.upper(), f"{server.url}{path}", json={"text": "x"})
            assert str(response.status_code) in ops[method]["responses"], (path, method)


def test_responses_match_their_documented_schemas(server):
    spec = httpx.get(f"{server.url}/openapi.json").json()
    text = "🎉 " + SEED.read_text(encoding="utf-8")
    _validator(spec, "LintResponse").validate(post(server, {"text": text}).json())
    _validator(spec, "RulesResponse").validate(httpx.get(f"{server.url}/v1/rules").json())
    _validator(spec, "Health").validate(httpx.get(f"{server.url}/healthz").json())
    for bad in ({"text": 1}, ["x"]):
        _validator(spec, "Error").validate(post(server, bad).json())


@pytest.mark.parametrize(
    "body",
    [
        {"text": "x"},
        {"text": "x", "format": "markdown", "date": "2013-01-21"},
        {"text": "x", "format": None, "date": None, "rules": {"ignore": ["units"]}},
        {"text": "x", "rules": {"select": ["unit-conversion"], "ignore": []}},
        {},
        {"text": None},
        {"text": "x", "format": "html"},
        {"text": "x", "date": "2013/01/21"},
        {"text": "x", "rules": {"paths": []}},
        {"text": "x", "rules": {"select": [1]}},
        {"text": "x", "extra": 1},
        ["x"],
    ],
)
def test_request_schema_and_validator_agree(body):
    from factlint.service.openapi import build_openapi

    spec = build_openapi(ServiceSettings())
    by_schema = _validator(spec, "LintRequest").is_valid(body)
    try:
        parse_lint_request(body, lambda name: True)
        by_code = True
    except ApiError:
        by_code = False
    assert by_schema == by_code


# --- settings and the command ----------------------------------------------------------------


def test_config_file_sets_rules_relative_to_itself(tmp_path):
    (tmp_path / "packs").mkdir()
    (tmp_path / "packs" / "units.yaml").write_text(
        (ROOT / "rules" / "units.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    config = tmp_path / "service.yaml"
    config.write_text("builtin: false\nrules: [packs/units.yaml]\nmax_body: 2m\ntimeout: 3\n")
    settings = load_config(config)
    assert settings.rules == (str(tmp_path / "packs/units.yaml"),)
    assert settings.max_body == 2 * 1024 * 1024 and settings.timeout == 3.0
    from factlint.service.app import server_rules

    assert {rule.pack for rule in server_rules(settings)} == {"units"}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("max_bdy: 1m\n", "unknown setting 'max_bdy'"),
        ("token: abc\n", "cannot be set in a file"),
        ("timeout: soon\n", "'timeout' must be float"),
        ("concurrency: 0\n", "'concurrency' must be greater than zero"),
        ("- a list\n", "must be a mapping"),
    ],
)
def test_bad_config_is_one_clear_line(tmp_path, text, message):
    config = tmp_path / "service.yaml"
    config.write_text(text)
    with pytest.raises(SettingsError, match=message):
        load_config(config)


def test_serve_refuses_a_bad_config_with_exit_code_2(tmp_path):
    config = tmp_path / "service.yaml"
    config.write_text("rules: [missing.yaml]\n")
    done = subprocess.run(
        [sys.executable, "-m", "factlint", "serve", "--config", str(config), "--port", "0"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert done.stderr.startswith("factlint serve: ") and "Traceback" not in done.stderr


def test_sizes_and_environment_hand_over():
    assert parse_size("512k") == 512 * 1024 and parse_size("1m") == 1024 * 1024
    assert parse_size("300") == 300
    with pytest.raises(ValueError):
        parse_size("lots")
    settings = ServiceSettings(token="t", max_body=2048, cors_origins=("https://a.example",))
    env = {"FACTLINT_SERVICE_SETTINGS": settings.to_env()}
    assert "t" not in json.loads(env["FACTLINT_SERVICE_SETTINGS"]).values()
    restored = ServiceSettings.from_env({**env, "FACTLINT_TOKEN": "t"})
    assert restored == settings


# --- hostile settings and dense bodies (issue 17) --------------------------------------------


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("pattern_timeout: .nan\n", "'pattern_timeout' must be a finite number"),
        ("timeout: .inf\n", "'timeout' must be a finite number"),
        ("max_findings: 0\n", "'max_findings' must be greater than zero"),
        ("port: 1:0:0\n", "'port' must be int"),
        ("a: &x [*x]\n", "aliases"),
    ],
)
def test_hostile_service_settings_are_refused(tmp_path, text, message):
    config = tmp_path / "service.yaml"
    config.write_text(text)
    with pytest.raises(SettingsError, match=message):
        load_config(config)


@pytest.mark.parametrize("token", ["sécret", "two words ", "tab\there"])
def test_a_token_no_header_can_carry_is_refused_at_start(token):
    env = {**__import__("os").environ, "FACTLINT_TOKEN": token}
    done = subprocess.run(
        [sys.executable, "-m", "factlint", "serve", "--port", "0"],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        cwd=ROOT,
    )
    assert done.returncode == 2
    assert "printable ASCII" in done.stderr and "Traceback" not in done.stderr


def test_findings_per_request_are_capped_and_marked_truncated(tmp_path):
    config = tmp_path / "service.yaml"
    config.write_text("max_findings: 40\n")
    with start_server(["--config", str(config), "--log-level", "warning"]) as s:
        body = post(s, {"text": BUSY_TEXT}).json()
        assert len(body["findings"]) == 40 and body["truncated"] is True
        assert sum(body["summary"].values()) == 40
        claims = post(s, {"text": "It is 60 km (37 miles) away. " * 100}).json()
        assert len(claims["checked"]) == 40 and claims["truncated"] is True
        assert claims["claims"]["consistent"] == 100  # counted whole, listed up to the cap
        small = post(s, {"text": WRONG}).json()
        assert "truncated" not in small and len(small["findings"]) == 1
        spec = httpx.get(f"{s.url}/openapi.json").json()
        _validator(spec, "LintResponse").validate(body)


@pytest.mark.parametrize(
    "front",
    [
        "date: 0x" + "f" * 3700,
        "date:\n  - &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        + "".join(
            f"  - &a{n} [" + ", ".join([f"*a{n - 1}"] * 9) + "]\n" for n in range(1, 9)
        ).rstrip("\n"),
    ],
)
def test_hostile_front_matter_is_answered_and_health_stays_fast(server, front):
    text = f"---\n{front}\n---\n{WRONG}\n"
    started = time.monotonic()
    answer = post(server, {"text": text, "format": "markdown"})
    assert answer.status_code == 200, answer.text
    rules = [f["rule"] for f in answer.json()["findings"]]
    assert "unit-conversion" in rules and "rule-error" not in rules
    assert time.monotonic() - started < 10
    assert httpx.get(f"{server.url}/healthz", timeout=5).status_code == 200
