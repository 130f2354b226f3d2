"""Validating the API's answers against the vendored HSDS 3.0 schemas (``hsds_schemas/``)."""

import json
from functools import cache
from pathlib import Path

from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

SCHEMAS = Path(__file__).parent / "hsds_schemas"
SPEC = "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/"


@cache
def openapi() -> dict:
    return json.loads((SCHEMAS / "openapi.json").read_text())


@cache
def registry() -> Registry:
    """The schema files under the addresses the OpenAPI and the schemas refer to them by."""
    resources = []
    for path in SCHEMAS.rglob("*.json"):
        if path.name == "openapi.json":
            continue
        contents = json.loads(path.read_text())
        resource = Resource.from_contents(contents, default_specification=DRAFT202012)
        relative = path.relative_to(SCHEMAS).as_posix()
        resources.append((SPEC + relative, resource))
        resources.append((relative, resource))
    return Registry().with_resources(resources)


@cache
def validator(schema_file: str) -> Draft202012Validator:
    """Draft 2020-12 with format checking on, as the specification's own tests validate."""
    contents = json.loads((SCHEMAS / schema_file).read_text())
    schema = {"$id": SPEC + schema_file, **contents}
    return Draft202012Validator(
        schema, registry=registry(), format_checker=Draft202012Validator.FORMAT_CHECKER
    )


def response_schema(path: str) -> dict:
    """The 200 schema the HSDS OpenAPI names for ``path`` (e.g. ``/services/{id}``)."""
    return openapi()["paths"][path]["get"]["responses"]["200"]["content"]["application/json"][
        "schema"
    ]


def schema_file_for(path: str) -> str:
    """The schema file the HSDS OpenAPI names for a detail path, or for a list's items."""
    schema = response_schema(path)
    ref = schema["$ref"] if "$ref" in schema else schema["properties"]["contents"]["items"]["$ref"]
    return ref.removeprefix(SPEC)


@cache
def page_validator(path: str) -> Draft202012Validator:
    """The list's page, as the OpenAPI describes it: its Page schema and its contents."""
    schema = dict(response_schema(path))
    page = openapi()["components"]["schemas"]["Page"]
    schema["allOf"] = [page]
    schema["required"] = [*page["properties"], "contents"]
    return Draft202012Validator(
        schema, registry=registry(), format_checker=Draft202012Validator.FORMAT_CHECKER
    )


def errors(path: str, payload) -> list[str]:
    """Every schema error of an answer of ``path``: none means it is valid HSDS."""
    if "contents" in response_schema(path).get("properties", {}):
        found = list(page_validator(path).iter_errors(payload))
    elif path == "/":
        found = list(
            Draft202012Validator(
                response_schema(path), format_checker=Draft202012Validator.FORMAT_CHECKER
            ).iter_errors(payload)
        )
    else:
        found = list(validator(schema_file_for(path)).iter_errors(payload))
    return [f"{path} {'/'.join(map(str, e.absolute_path))}: {e.message}" for e in found]


def errors_against(schema_file: str, payload) -> list[str]:
    """Every error of ``payload`` against one vendored schema file."""
    found = validator(schema_file).iter_errors(payload)
    return [f"{schema_file} {'/'.join(map(str, e.absolute_path))}: {e.message}" for e in found]
