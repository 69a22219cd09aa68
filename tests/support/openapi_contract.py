"""Contract checks against the official Pinterest OpenAPI description.

The spec is read from ``../shared/pinterest-api/openapi.yaml`` (relative to the repo root) or from
the file named by ``PINTEREST_OPENAPI_SPEC``. It is never copied into the repository.

Public API::

    spec_path() -> Path
    spec_available() -> bool
    load_spec(path=None) -> dict                      # cached per process (+ JSON cache on disk)
    require_spec() -> dict                            # pytest.skip with a clear reason if absent
    find_operation(method, path) -> Operation
    validate_response(method, path, status, body, content_type="application/json")
    validate_request(method, path, query="", body=None, content_type=None, headers=None)
    validate_recording(path, requests=False) -> list[str]
    assert_recording_valid(path, requests=False)      # raises ContractViolation

All validation failures raise :class:`ContractViolation` (an ``AssertionError``).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import hashlib
import json
import os
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, quote, unquote, urlsplit

import yaml
from jsonschema import FormatChecker
from jsonschema.exceptions import ValidationError
from jsonschema.validators import extend
from openapi_schema_validator import (
    OAS30ReadValidator,
    OAS30WriteValidator,
    oas30_format_checker,
)
from referencing import Registry
from referencing.jsonschema import DRAFT4

SPEC_ENV = "PINTEREST_OPENAPI_SPEC"
REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_SPEC_PATH = REPO_ROOT.parent / "shared" / "pinterest-api" / "openapi.yaml"
API_PREFIX = "/v5"
SPEC_URI = "urn:pinterest:openapi"
CACHE_DIR = REPO_ROOT / ".pytest_cache" / "pinagent-openapi"
HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
_MAX_ERROR_CHARS = 400


# --------------------------------------------------------------------------------------------------
# Errors
# --------------------------------------------------------------------------------------------------


class SpecUnavailable(RuntimeError):
    """The official spec file is not there."""


class ContractViolation(AssertionError):
    """A request or response does not conform to the official spec."""

    def __init__(self, summary: str, problems: Iterable[str] = (), *, operation_id: str | None = None):
        self.summary = summary
        self.problems = list(problems)
        self.operation_id = operation_id
        lines = [summary, *(f"  - {p}" for p in self.problems)]
        super().__init__("\n".join(lines))


# --------------------------------------------------------------------------------------------------
# Loading
# --------------------------------------------------------------------------------------------------


# Where the workplace keeps the shared files, for clones made outside the project's own folder (CI).
WORKPLACE_SPEC_PATH = Path("/work/shared/pinterest-api/openapi.yaml")


def spec_path() -> Path:
    """Where the spec is: ``$PINTEREST_OPENAPI_SPEC``, ``<repo>/../shared/...`` or the workplace copy."""
    override = os.environ.get(SPEC_ENV)
    if override:
        return Path(override).expanduser().resolve()
    beside = DEFAULT_SPEC_PATH.resolve()
    if not beside.is_file() and WORKPLACE_SPEC_PATH.is_file():
        return WORKPLACE_SPEC_PATH
    return beside


def spec_available() -> bool:
    return spec_path().is_file()


def _yaml_load(text: str) -> Any:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(text, Loader=loader)  # noqa: S506 - safe loaders only


def _ensure_cache_dir() -> Path:
    pytest_cache = CACHE_DIR.parent
    if not pytest_cache.exists():
        pytest_cache.mkdir(parents=True, exist_ok=True)
        # pytest only writes its own .gitignore when it creates the folder itself.
        (pytest_cache / ".gitignore").write_text("# Created by pytest automatically.\n*\n")
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    return CACHE_DIR


@functools.cache
def _load_spec_cached(path: Path) -> dict[str, Any]:
    if not path.is_file():
        raise SpecUnavailable(f"official Pinterest OpenAPI spec not found at {path}; set {SPEC_ENV}")
    st = path.stat()
    key = hashlib.sha256(f"{path}|{st.st_mtime_ns}|{st.st_size}".encode()).hexdigest()[:24]
    cache_file = CACHE_DIR / f"{key}.json"
    with contextlib.suppress(OSError, ValueError):
        data = json.loads(cache_file.read_text(encoding="utf-8"))
        if isinstance(data, dict) and "paths" in data:
            return data
    data = _yaml_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or "paths" not in data:
        raise SpecUnavailable(f"{path} does not look like an OpenAPI document")
    with contextlib.suppress(OSError, TypeError, ValueError):
        cache_dir = _ensure_cache_dir()
        for old in cache_dir.glob("*.json"):
            with contextlib.suppress(OSError):
                old.unlink()
        tmp = cache_file.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps(data), encoding="utf-8")
        os.replace(tmp, cache_file)
    return data


def load_spec(path: str | os.PathLike[str] | None = None) -> dict[str, Any]:
    """Parse the spec (once per process; a JSON copy under ``.pytest_cache/`` saves the YAML parse).

    Raises :class:`SpecUnavailable` if the file is absent. Do not mutate the returned dict.
    """
    return _load_spec_cached(Path(path).resolve() if path is not None else spec_path())


def require_spec() -> dict[str, Any]:
    """Return the spec, or ``pytest.skip`` with a clear reason if the file is absent."""
    import pytest

    try:
        return load_spec()
    except SpecUnavailable:
        pytest.skip(f"official Pinterest OpenAPI spec not found at {spec_path()}; set {SPEC_ENV}")


# --------------------------------------------------------------------------------------------------
# Validator classes (OAS 3.0 + a few pragmatic additions)
# --------------------------------------------------------------------------------------------------

_RFC3339 = re.compile(
    r"^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$",
)


def _is_date(instance: object) -> bool:
    if not isinstance(instance, str):
        return True
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", instance):
        return False
    try:
        dt.date.fromisoformat(instance)
    except ValueError:
        return False
    return True


def _is_date_time(instance: object) -> bool:
    if not isinstance(instance, str):
        return True
    if not _RFC3339.match(instance):
        return False
    try:
        dt.datetime.fromisoformat(instance.upper().replace("Z", "+00:00"))
    except ValueError:
        return False
    return True


FORMAT_CHECKER = FormatChecker(formats=())
FORMAT_CHECKER.checkers = dict(oas30_format_checker.checkers)
FORMAT_CHECKER.checks("date")(_is_date)
FORMAT_CHECKER.checks("date-time")(_is_date_time)


def _type(validator: Any, data_type: str, instance: Any, schema: Mapping[str, Any]) -> Iterator[ValidationError]:
    if instance is None:
        if schema.get("nullable") is not True:
            yield ValidationError(f"None is not of type {data_type!r} (schema is not nullable)")
        return
    if data_type == "string" and schema.get("format") == "binary" and isinstance(instance, bytes):
        return
    if not validator.is_type(instance, data_type):
        yield ValidationError(f"{instance!r} is not of type {data_type!r}")


def _null_tolerant(fn: Any) -> Any:
    """``nullable: true`` admits ``null`` for the whole Schema Object.

    Pinterest writes e.g. ``{type: string, nullable: true, allOf: [{$ref: ObjectiveType}]}`` and
    means "an ObjectiveType or null"; a strict 3.0.3 reading would reject ``null`` inside the allOf.
    """

    @functools.wraps(fn)
    def keyword(validator: Any, value: Any, instance: Any, schema: Mapping[str, Any]) -> Any:
        if instance is None and schema.get("nullable") is True:
            return
        errors = fn(validator, value, instance, schema)
        if errors:
            yield from errors

    return keyword


def _standalone_discriminator(
    validator: Any, discriminator: Mapping[str, Any], instance: Any, schema: Mapping[str, Any]
) -> Iterator[ValidationError]:
    """A discriminator without oneOf/anyOf/allOf (OauthAccessToken{Request,Response}): follow the
    mapping so that the concrete variant is checked too. Discriminators inside oneOf/anyOf/allOf
    are handled by openapi-schema-validator itself."""
    if any(k in schema for k in ("oneOf", "anyOf", "allOf")) or not isinstance(instance, dict):
        return
    value = instance.get(discriminator.get("propertyName", ""))
    if not isinstance(value, str):
        return
    ref = discriminator.get("mapping", {}).get(value)
    if isinstance(ref, str):
        yield from validator.descend(instance, {"$ref": ref})


def _overlapping_enums_tolerant(fn: Any) -> Any:
    """``oneOf`` over plain string enums that share values means "any of these values".

    ``pins/analytics`` lists its ``metric_types`` as oneOf [video metrics, standard metrics], and
    both contain IMPRESSION, SAVE, …; read strictly, no request asking for IMPRESSION could be valid.
    """

    @functools.wraps(fn)
    def keyword(validator: Any, value: Any, instance: Any, schema: Mapping[str, Any]) -> Any:
        enums = [o.get("enum") for o in value if isinstance(o, Mapping)]
        if isinstance(instance, str) and all(enums) and any(instance in e for e in enums if e):
            return
        errors = fn(validator, value, instance, schema)
        if errors:
            yield from errors

    return keyword


def _extend(base: Any) -> Any:
    keywords = {name: _null_tolerant(fn) for name, fn in base.VALIDATORS.items() if name != "type"}
    keywords["oneOf"] = _null_tolerant(_overlapping_enums_tolerant(base.VALIDATORS["oneOf"]))
    keywords["type"] = _type
    keywords["discriminator"] = _standalone_discriminator
    return extend(base, keywords, format_checker=FORMAT_CHECKER)


ResponseValidator = _extend(OAS30ReadValidator)  # writeOnly must not appear, readOnly is fine
RequestValidator = _extend(OAS30WriteValidator)  # readOnly must not be sent


def _escape(part: str) -> str:
    return quote(part.replace("~", "~0").replace("/", "~1"), safe="~")


def _pointer(*parts: str) -> str:
    return "#/" + "/".join(_escape(p) for p in parts)


def _child_pointer(base: str, *parts: str) -> str:
    return base + "".join("/" + _escape(p) for p in parts)


# --------------------------------------------------------------------------------------------------
# Operations and routing
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Parameter:
    name: str
    location: str  # query | path | header | cookie
    required: bool
    schema: Mapping[str, Any]
    schema_pointer: str
    style: str
    explode: bool


@dataclass(frozen=True)
class Operation:
    method: str  # upper case
    template: str  # spec path, without /v5
    operation_id: str
    parameters: tuple[Parameter, ...]
    request_body: Mapping[str, Any] | None  # resolved requestBody object
    responses: Mapping[str, Any]  # status -> resolved response object
    security: tuple[str, ...]
    raw: Mapping[str, Any] = field(repr=False)

    def request_body_schema(self, content_type: str = "application/json") -> Mapping[str, Any] | None:
        if not self.request_body:
            return None
        media = _pick_media(self.request_body.get("content", {}), content_type)
        return None if media is None else media[1].get("schema")

    def response_status_key(self, status: int | str) -> str | None:
        status = str(status)
        for key in (status, f"{status[0]}XX", f"{status[0]}xx", "default"):
            if key in self.responses:
                return key
        return None

    def response_schema(self, status: int | str, content_type: str = "application/json") -> Any:
        key = self.response_status_key(status)
        if key is None:
            return None
        media = _pick_media(self.responses[key].get("content") or {}, content_type)
        return None if media is None else media[1].get("schema")


def _media_type(content_type: str | None) -> str:
    return (content_type or "").split(";", 1)[0].strip().lower()


def _pick_media(content: Mapping[str, Any], content_type: str | None) -> tuple[str, Mapping[str, Any]] | None:
    wanted = _media_type(content_type)
    if wanted in content:
        return wanted, content[wanted]
    major = wanted.split("/", 1)[0]
    for candidate in (f"{major}/*", "*/*"):
        if candidate in content:
            return candidate, content[candidate]
    return None


def _is_json(content_type: str | None) -> bool:
    mt = _media_type(content_type)
    return mt == "application/json" or mt.endswith("+json")


@dataclass
class _Route:
    template: str
    segments: tuple[str | None, ...]  # None = template segment
    param_names: tuple[str | None, ...]
    methods: dict[str, Operation]


class Contract:
    """Everything derived from one spec document; build once, reuse (see :func:`get_contract`)."""

    def __init__(self, spec: Mapping[str, Any]):
        self.spec = spec
        self.registry: Registry[Any] = Registry().with_resource(SPEC_URI, DRAFT4.create_resource(spec))
        self._validators: dict[tuple[str, str], Any] = {}
        self.routes: list[_Route] = []
        self.operations: dict[str, Operation] = {}
        for template, item in spec.get("paths", {}).items():
            item = self._deref(item)
            segs: list[str | None] = []
            names: list[str | None] = []
            for seg in template.strip("/").split("/"):
                m = re.fullmatch(r"\{([^}]+)\}", seg)
                segs.append(None if m else seg)
                names.append(m.group(1) if m else None)
            route = _Route(template, tuple(segs), tuple(names), {})
            for method in HTTP_METHODS:
                if method in item:
                    op = self._build_operation(template, method, item)
                    route.methods[method.upper()] = op
                    self.operations[op.operation_id] = op
            self.routes.append(route)

    # -- spec helpers -------------------------------------------------------------------------------

    def _resolve_pointer(self, ref: str) -> Any:
        if not ref.startswith("#/"):
            raise ValueError(f"only local $refs are supported, got {ref!r}")
        node: Any = self.spec
        for part in ref[2:].split("/"):
            part = unquote(part).replace("~1", "/").replace("~0", "~")
            node = node[int(part)] if isinstance(node, list) else node[part]
        return node

    def _deref(self, node: Any) -> Any:
        seen = 0
        while isinstance(node, Mapping) and "$ref" in node:
            node = self._resolve_pointer(node["$ref"])
            seen += 1
            if seen > 20:
                raise ValueError("$ref loop")
        return node

    def _build_operation(self, template: str, method: str, item: Mapping[str, Any]) -> Operation:
        op = item[method]
        params: dict[tuple[str, str], Parameter] = {}
        for owner_ptr, plist in (
            (("paths", template), item.get("parameters", [])),
            (("paths", template, method), op.get("parameters", [])),
        ):
            for i, raw in enumerate(plist):
                pointer = raw["$ref"] if "$ref" in raw else _pointer(*owner_ptr, "parameters", str(i))
                p = self._deref(raw)
                location = p["in"]
                default_style = "form" if location in ("query", "cookie") else "simple"
                style = p.get("style", default_style)
                params[(p["name"], location)] = Parameter(
                    name=p["name"],
                    location=location,
                    required=bool(p.get("required", location == "path")),
                    schema=p.get("schema", {}),
                    schema_pointer=pointer + "/schema",
                    style=style,
                    explode=bool(p.get("explode", style == "form")),
                )
        responses = {str(k): self._deref(v) for k, v in op.get("responses", {}).items()}
        security = tuple(name for req in op.get("security", self.spec.get("security", [])) for name in req)
        return Operation(
            method=method.upper(),
            template=template,
            operation_id=op.get("operationId", f"{method.upper()} {template}"),
            parameters=tuple(params.values()),
            request_body=self._deref(op["requestBody"]) if "requestBody" in op else None,
            responses=responses,
            security=security,
            raw=op,
        )

    def validator(self, pointer: str, *, request: bool) -> Any:
        """A validator for the schema at ``pointer`` (a ``#/...`` JSON pointer into the spec)."""
        key = (pointer, "req" if request else "resp")
        v = self._validators.get(key)
        if v is None:
            cls = RequestValidator if request else ResponseValidator
            v = cls({"$ref": SPEC_URI + pointer}, registry=self.registry, format_checker=FORMAT_CHECKER)
            self._validators[key] = v
        return v

    # -- routing ------------------------------------------------------------------------------------

    def _match(self, path: str) -> list[tuple[tuple[int, ...], _Route, dict[str, str]]]:
        segments = path.strip("/").split("/") if path.strip("/") else []
        found = []
        for route in self.routes:
            if len(route.segments) != len(segments):
                continue
            params: dict[str, str] = {}
            score: list[int] = []
            for want, name, got in zip(route.segments, route.param_names, segments, strict=True):
                if want is None:
                    if got == "":
                        break
                    params[name or ""] = unquote(got)
                    score.append(0)
                elif want == unquote(got):
                    score.append(1)
                else:
                    break
            else:
                found.append((tuple(score), route, params))
        # Literal segments beat templated ones, compared from the left.
        found.sort(key=lambda item: item[0], reverse=True)
        return found

    def route(self, method: str, path: str) -> tuple[Operation, dict[str, str]]:
        method = method.upper()
        raw_path = urlsplit(path).path if "?" in path or "://" in path else path
        api_path = strip_prefix(raw_path)
        if api_path is None:
            raise ContractViolation(f"{method} {raw_path}: not under {API_PREFIX}")
        candidates = self._match(api_path)
        for _score, route, params in candidates:
            if method in route.methods:
                return route.methods[method], params
        if candidates:
            templates = ", ".join(sorted({r.template for _s, r, _p in candidates}))
            raise ContractViolation(f"{method} {raw_path}: the spec has no {method} for {templates}")
        raise ContractViolation(f"{method} {raw_path}: no path in the spec matches")

    def find_operation(self, method: str, path: str) -> Operation:
        return self.route(method, path)[0]

    # -- responses ----------------------------------------------------------------------------------

    def response_errors(
        self,
        method: str,
        path: str,
        status: int,
        body: Any,
        content_type: str | None = "application/json",
    ) -> tuple[Operation, list[str]]:
        op, _ = self.route(method, path)
        key = op.response_status_key(status)
        if key is None:
            documented = ", ".join(op.responses) or "none"
            return op, [f"status {status} is not documented (documented: {documented})"]
        response = op.responses[key]
        content = response.get("content") or {}
        if isinstance(body, bytes | bytearray):
            body = bytes(body)
        empty = body is None or body in (b"", "")
        if not content:
            if not empty:
                return op, [f"status {status} has no body in the spec, but one was sent: {_short(body)}"]
            return op, []
        media = _pick_media(content, content_type)
        if media is None:
            return op, [f"content type {content_type!r} is not one of {sorted(content)}"]
        media_type, media_obj = media
        if "schema" not in media_obj:
            return op, []
        if isinstance(body, bytes) and _is_json(media_type):
            try:
                body = json.loads(body) if body else None
            except ValueError as exc:
                return op, [f"body is not valid JSON ({exc}): {_short(body)}"]
        if empty and _is_json(media_type):
            return op, ["empty body where the spec expects a JSON document"]
        pointer = self._response_pointer(op, key, media_type)
        return op, _schema_errors(self.validator(pointer, request=False), body)

    def _response_pointer(self, op: Operation, key: str, media_type: str) -> str:
        raw = op.raw["responses"][key]
        base = raw["$ref"] if "$ref" in raw else _pointer("paths", op.template, op.method.lower(), "responses", key)
        return _child_pointer(base, "content", media_type, "schema")

    def validate_response(
        self,
        method: str,
        path: str,
        status: int,
        body: Any,
        content_type: str | None = "application/json",
    ) -> Operation:
        op, problems = self.response_errors(method, path, status, body, content_type)
        if problems:
            raise ContractViolation(
                f"response {method.upper()} {path} -> {status} violates {op.operation_id} "
                f"(spec {op.method} {op.template}, status {op.response_status_key(status) or status}):",
                problems,
                operation_id=op.operation_id,
            )
        return op

    # -- requests -----------------------------------------------------------------------------------

    def request_errors(
        self,
        method: str,
        path: str,
        query: str | Mapping[str, Any] | None = "",
        body: Any = None,
        content_type: str | None = None,
        headers: Mapping[str, str] | None = None,
        *,
        allow_unknown_query: bool = False,
        check_auth: bool = True,
    ) -> tuple[Operation, list[str]]:
        if "?" in path and not query:
            path, _, query = path.partition("?")
        op, path_values = self.route(method, path)
        problems: list[str] = []
        pairs = _query_pairs(query)
        known = set()
        for param in op.parameters:
            if param.location == "path":
                raw = path_values.get(param.name)
                if raw is None:
                    problems.append(f"path parameter {param.name!r} missing")
                    continue
                value, err = _coerce(param.schema, raw, self)
                problems.extend(self._param_problems(param, value, err))
            elif param.location == "query":
                if param.style == "deepObject":
                    prefix = param.name + "["
                    items = [(k, v) for k, v in pairs if k.startswith(prefix) and k.endswith("]")]
                    known.update(k for k, _ in items)
                    if not items:
                        if param.required:
                            problems.append(f"required query parameter {param.name!r} is missing")
                        continue
                    obj = {k[len(prefix) : -1]: v for k, v in items}
                    problems.extend(self._param_problems(param, self._coerce_object(param.schema, obj), None))
                    continue
                known.add(param.name)
                values = [v for k, v in pairs if k == param.name]
                if not values:
                    if param.required:
                        problems.append(f"required query parameter {param.name!r} is missing")
                    continue
                value, err = self._query_value(param, values)
                found = self._param_problems(param, value, err)
                if found and param.explode and len(values) == 1 and "," in values[0]:
                    found.append(
                        f"query parameter {param.name!r} is form/explode=true: repeat it "
                        f"({param.name}=a&{param.name}=b) instead of comma-separating"
                    )
                problems.extend(found)
            elif param.location == "header" and headers is not None:
                lower = {k.lower(): v for k, v in headers.items()}
                raw = lower.get(param.name.lower())
                if raw is None:
                    if param.required:
                        problems.append(f"required header {param.name!r} is missing")
                    continue
                value, err = _coerce(param.schema, raw, self)
                problems.extend(self._param_problems(param, value, err))
        if not allow_unknown_query:
            unknown = sorted({k for k, _ in pairs} - known)
            if unknown:
                problems.append(f"query parameters not in the spec: {', '.join(unknown)}")
        if headers is not None and check_auth:
            problems.extend(_auth_problems(op, headers))
        problems.extend(self._body_problems(op, body, content_type, headers))
        return op, problems

    def _param_problems(self, param: Parameter, value: Any, err: str | None) -> list[str]:
        label = f"{param.location} parameter {param.name!r}"
        if err:
            return [f"{label}: {err}"]
        return [f"{label}: {e}" for e in _schema_errors(self.validator(param.schema_pointer, request=True), value)]

    def _query_value(self, param: Parameter, values: list[str]) -> tuple[Any, str | None]:
        schema = self._deref(param.schema)
        if schema.get("type") == "array":
            if param.explode:
                raw_items = values
            else:
                if len(values) > 1:
                    return None, (
                        f"given {len(values)} times, but style={param.style} explode=false expects "
                        f"one delimited value (e.g. {param.name}=a,b)"
                    )
                sep = {"form": ",", "spaceDelimited": " ", "pipeDelimited": "|"}.get(param.style, ",")
                raw_items = values[0].split(sep) if values[0] != "" else []
            item_schema = schema.get("items", {})
            out = []
            for raw in raw_items:
                value, err = _coerce(item_schema, raw, self)
                if err:
                    return None, f"item {raw!r}: {err}"
                out.append(value)
            return out, None
        if len(values) > 1:
            return None, f"given {len(values)} times but is not an array"
        if schema.get("type") == "object":
            return self._coerce_object(schema, dict(parse_qsl(values[0].replace(",", "&")))), None
        return _coerce(schema, values[0], self)

    def _coerce_object(self, schema: Mapping[str, Any], obj: Mapping[str, str]) -> dict[str, Any]:
        schema = self._deref(schema)
        props = _collect_properties(schema, self)
        out: dict[str, Any] = {}
        for k, v in obj.items():
            value, err = _coerce(props.get(k, {}), v, self)
            out[k] = v if err else value
        return out

    def _body_problems(
        self, op: Operation, body: Any, content_type: str | None, headers: Mapping[str, str] | None
    ) -> list[str]:
        if content_type is None and headers is not None:
            content_type = {k.lower(): v for k, v in headers.items()}.get("content-type")
        has_body = body not in (None, b"", "")
        if op.request_body is None:
            return [f"the spec defines no request body, but one was sent: {_short(body)}"] if has_body else []
        if not has_body:
            return ["required request body is missing"] if op.request_body.get("required") else []
        content = op.request_body.get("content", {})
        if content_type is None:
            content_type = "application/json" if "application/json" in content else next(iter(content), "")
        media = _pick_media(content, content_type)
        if media is None:
            return [f"request content type {content_type!r} is not one of {sorted(content)}"]
        media_type, media_obj = media
        if "schema" not in media_obj:
            return []
        if isinstance(body, bytes | bytearray):
            body = bytes(body).decode("utf-8", "replace")
        if media_type == "application/x-www-form-urlencoded":
            if isinstance(body, str):
                body = dict(parse_qsl(body, keep_blank_values=True))
            if isinstance(body, Mapping):
                body = self._coerce_object(media_obj["schema"], body)
        elif _is_json(media_type) and isinstance(body, str):
            try:
                body = json.loads(body)
            except ValueError as exc:
                return [f"request body is not valid JSON ({exc}): {_short(body)}"]
        raw_rb = op.raw["requestBody"]
        base = raw_rb["$ref"] if "$ref" in raw_rb else _pointer("paths", op.template, op.method.lower(), "requestBody")
        pointer = _child_pointer(base, "content", media_type, "schema")
        return [f"body: {e}" for e in _schema_errors(self.validator(pointer, request=True), body)]

    def validate_request(
        self,
        method: str,
        path: str,
        query: str | Mapping[str, Any] | None = "",
        body: Any = None,
        content_type: str | None = None,
        headers: Mapping[str, str] | None = None,
        *,
        allow_unknown_query: bool = False,
    ) -> Operation:
        op, problems = self.request_errors(
            method, path, query, body, content_type, headers, allow_unknown_query=allow_unknown_query
        )
        if problems:
            shown = f"{path}?{query}" if isinstance(query, str) and query else path
            raise ContractViolation(
                f"request {method.upper()} {shown} violates {op.operation_id} (spec {op.method} {op.template}):",
                problems,
                operation_id=op.operation_id,
            )
        return op


# --------------------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------------------


def strip_prefix(path: str) -> str | None:
    """``/v5/ad_accounts`` -> ``/ad_accounts``; ``None`` when not under ``/v5``."""
    if path == API_PREFIX or path.startswith(API_PREFIX + "/"):
        return path[len(API_PREFIX) :] or "/"
    return None


def _short(value: Any, limit: int = 200) -> str:
    text = value if isinstance(value, str) else repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _json_path(error: ValidationError) -> str:
    path = "$"
    for part in error.absolute_path:
        path += f"[{part}]" if isinstance(part, int) else f".{part}"
    return path


def _error_line(error: ValidationError) -> str:
    message = error.message
    if error.validator == "enum" and isinstance(error.validator_value, list) and len(error.validator_value) > 8:
        allowed = error.validator_value
        preview = ", ".join(repr(v) for v in allowed[:6])
        message = f"{error.instance!r} is not one of the {len(allowed)} allowed values ({preview}, ...)"
    if error.context:
        # oneOf/anyOf: say why the closest alternative failed.
        best = min(error.context, key=lambda e: (len(e.absolute_path) * -1, len(e.message)))
        message += f" [closest alternative: {_json_path(best)}: {best.message}]"
    if len(message) > _MAX_ERROR_CHARS:
        message = message[: _MAX_ERROR_CHARS - 3] + "..."
    schema_at = "/".join(str(p) for p in list(error.schema_path)[-3:])
    return f"{_json_path(error)}: {message} (schema …/{schema_at})"


def _schema_errors(validator: Any, instance: Any) -> list[str]:
    errors = sorted(validator.iter_errors(instance), key=lambda e: (list(map(str, e.absolute_path)), e.message))
    lines: list[str] = []
    seen: set[tuple[str, str]] = set()
    for error in errors:
        key = (_json_path(error), error.message)
        if key not in seen:  # the same failure reached through allOf and a discriminator, say
            seen.add(key)
            lines.append(_error_line(error))
    return lines


def _collect_properties(schema: Mapping[str, Any], contract: Contract, depth: int = 0) -> dict[str, Any]:
    schema = contract._deref(schema)
    props = dict(schema.get("properties", {}))
    if depth < 8:
        for key in ("allOf", "oneOf", "anyOf"):
            for sub in schema.get(key, []):
                for name, sub_schema in _collect_properties(sub, contract, depth + 1).items():
                    props.setdefault(name, sub_schema)
    return props


def _schema_type(schema: Mapping[str, Any], contract: Contract) -> str | None:
    schema = contract._deref(schema)
    if "type" in schema:
        return str(schema["type"])
    for key in ("allOf", "oneOf", "anyOf"):
        for sub in schema.get(key, []):
            found = _schema_type(sub, contract)
            if found:
                return found
    return None


def _coerce(schema: Mapping[str, Any], raw: str, contract: Contract) -> tuple[Any, str | None]:
    """Turn a query/path/form string into the schema's type."""
    kind = _schema_type(schema, contract)
    if kind == "integer":
        if re.fullmatch(r"[+-]?\d+", raw):
            return int(raw), None
        return None, f"{raw!r} is not an integer"
    if kind == "number":
        try:
            return float(raw) if not re.fullmatch(r"[+-]?\d+", raw) else int(raw), None
        except ValueError:
            return None, f"{raw!r} is not a number"
    if kind == "boolean":
        if raw in ("true", "false"):
            return raw == "true", None
        return None, f"{raw!r} is not a boolean (use true/false)"
    return raw, None


def _auth_problems(op: Operation, headers: Mapping[str, str]) -> list[str]:
    if not op.security:
        return []
    auth = {k.lower(): v for k, v in headers.items()}.get("authorization", "")
    wants_basic = "basic" in op.security
    wants_bearer = any(s != "basic" for s in op.security)
    if wants_basic and auth.lower().startswith("basic "):
        return []
    if wants_bearer and auth.lower().startswith("bearer ") and auth[7:].strip():
        return []
    expected = " or ".join(x for x, ok in (("Basic", wants_basic), ("Bearer", wants_bearer)) if ok)
    return [f"Authorization header must be {expected} credentials (security: {', '.join(op.security)})"]


# --------------------------------------------------------------------------------------------------
# Module-level conveniences bound to the default spec
# --------------------------------------------------------------------------------------------------


@functools.cache
def _contract_for(path: Path) -> Contract:
    return Contract(_load_spec_cached(path))


def get_contract() -> Contract:
    """The :class:`Contract` for the default spec (built once per process)."""
    return _contract_for(spec_path())


def find_operation(method: str, path: str) -> Operation:
    return get_contract().find_operation(method, path)


def validate_response(
    method: str, path: str, status: int, body: Any, content_type: str | None = "application/json"
) -> Operation:
    return get_contract().validate_response(method, path, status, body, content_type)


def validate_request(
    method: str,
    path: str,
    query: str | Mapping[str, Any] | None = "",
    body: Any = None,
    content_type: str | None = None,
    headers: Mapping[str, str] | None = None,
    *,
    allow_unknown_query: bool = False,
) -> Operation:
    return get_contract().validate_request(
        method, path, query, body, content_type, headers, allow_unknown_query=allow_unknown_query
    )


def _query_pairs(query: str | Mapping[str, Any] | None) -> list[tuple[str, str]]:
    if not query:
        return []
    if isinstance(query, str):
        return parse_qsl(query.lstrip("?"), keep_blank_values=True)
    pairs: list[tuple[str, str]] = []
    for k, v in query.items():
        for item in v if isinstance(v, list | tuple) else [v]:
            pairs.append((k, str(item).lower() if isinstance(item, bool) else str(item)))
    return pairs


def _header(headers: Any, name: str) -> str | None:
    if isinstance(headers, Mapping):
        for k, v in headers.items():
            if k.lower() == name:
                return str(v)
    elif isinstance(headers, list):  # [[name, value], ...]
        for pair in headers:
            if len(pair) == 2 and str(pair[0]).lower() == name:
                return str(pair[1])
    return None


def _headers_dict(headers: Any) -> dict[str, str]:
    if isinstance(headers, Mapping):
        return {str(k): str(v) for k, v in headers.items()}
    if isinstance(headers, list):
        return {str(p[0]): str(p[1]) for p in headers if len(p) == 2}
    return {}


def _maybe_json(body: Any, content_type: str | None) -> Any:
    if isinstance(body, str) and _is_json(content_type):
        try:
            return json.loads(body)
        except ValueError:
            return body
    return body


def validate_recording(
    path: str | os.PathLike[str],
    *,
    requests: bool = False,
    allow_unknown_query: bool = False,
    contract: Contract | None = None,
    start: int = 0,
) -> list[str]:
    """Check every /v5 exchange of an emulator recording (JSONL); return readable violations.

    Each line: ``{"method", "path", "query", "request_headers", "request_body", "status",
    "response_headers", "response_body", "operation_id"}``. Bodies are stored parsed (JSON) or as
    text; headers as an object or a list of ``[name, value]`` pairs. Lines whose path is not under
    ``/v5`` are skipped. With ``requests=True`` the client's requests are checked as well.
    ``start`` is a byte offset: only lines from there on are checked (one shared file, many tests).
    """
    contract = contract or get_contract()
    violations: list[str] = []
    file = Path(path)
    if not file.exists():
        return violations
    with file.open("rb") as fh:
        fh.seek(start)
        lines = fh.read().decode("utf-8", "replace").splitlines()
    for lineno, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except ValueError as exc:
            violations.append(f"{file.name}:{lineno}: not JSON ({exc})")
            continue
        method = str(rec.get("method", "GET")).upper()
        raw_path = str(rec.get("path", ""))
        url = urlsplit(raw_path)
        req_path = url.path
        query = rec.get("query") or url.query or ""
        if strip_prefix(req_path) is None:
            continue
        where = f"{file.name}:{lineno}: {method} {req_path}"
        try:
            if requests:
                req_headers = _headers_dict(rec.get("request_headers"))
                req_ct = _header(rec.get("request_headers"), "content-type")
                op, problems = contract.request_errors(
                    method,
                    req_path,
                    query,
                    _maybe_json(rec.get("request_body"), req_ct),
                    req_ct,
                    req_headers,
                    allow_unknown_query=allow_unknown_query,
                    # The emulator's recorder drops Authorization; check it only when it was kept.
                    check_auth=_header(req_headers, "authorization") is not None,
                )
                violations.extend(f"{where} request ({op.operation_id}): {p}" for p in problems)
            status = int(rec.get("status", 0))
            resp_ct = _header(rec.get("response_headers"), "content-type") or "application/json"
            body = _maybe_json(rec.get("response_body"), resp_ct)
            op, problems = contract.response_errors(method, req_path, status, body, resp_ct)
            recorded_id = rec.get("operation_id")
            if recorded_id and recorded_id != op.operation_id:
                problems.append(f"emulator routed to {recorded_id!r}, the spec says {op.operation_id!r}")
            violations.extend(f"{where} -> {status} ({op.operation_id}): {p}" for p in problems)
        except ContractViolation as exc:
            violations.append(f"{where}: {exc}")
    return violations


def assert_recording_valid(path: str | os.PathLike[str], *, requests: bool = False, **kwargs: Any) -> None:
    problems = validate_recording(path, requests=requests, **kwargs)
    if problems:
        raise ContractViolation(f"{len(problems)} contract violation(s) in {path}:", problems)
