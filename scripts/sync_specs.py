"""Bring openapi/deadline.yaml in step with the installed botocore model: ``make sync-specs``.

botocore ships AWS's own model of Deadline Cloud (``botocore/data/deadline/2023-10-12/service-2.json``). For the
operations in scope (``OPERATIONS``) this script walks every shape they reach (inputs, outputs, errors) and
rewrites what the model is the authority on, in place:

- enum values, string patterns and lengths, integer ranges, list and map sizes;
- a structure's members (new members are added, with the model's documentation; gone members are removed) and
  its required members;
- the constraints of query, header and path parameters.

What the model does not say stays as written by hand: paths, security, wire conventions in descriptions,
tolerant maps (``anyOf: [X, {}]``), open response unions. The file is edited with ruamel.yaml's round trip, so
comments and layout survive and a botocore upgrade arrives as a small reviewed diff. Then run ``make generate``
(``make spec-diff`` shows what the change means). ``--check`` only reports whether the spec is in sync.
"""

from __future__ import annotations

import argparse
import copy
import html
import io
import re
import sys
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "openapi" / "deadline.yaml"
#: botocore operation -> the spec's operationId
OPERATIONS = {
    "GetTask": "getTask",
    "ListTasks": "listTasks",
    "UpdateTask": "updateTask",
    "SearchTasks": "searchTasks",
    "BatchGetTask": "batchGetTask",
    "GetJob": "getJob",
    "ListJobs": "listJobs",
    "BatchGetJob": "batchGetJob",
    "SearchJobs": "searchJobs",
    "GetStep": "getStep",
    "ListSteps": "listSteps",
    "BatchGetStep": "batchGetStep",
    "SearchSteps": "searchSteps",
    "ListSessions": "listSessions",
    "GetSession": "getSession",
    "ListSessionActions": "listSessionActions",
    "GetSessionAction": "getSessionAction",
    "BatchGetSession": "batchGetSession",
    "BatchGetSessionAction": "batchGetSessionAction",
}
LOCATIONS = {"uri": "path", "querystring": "query", "header": "header"}

Model = dict[str, Any]


def botocore_model() -> Model:
    """The installed botocore's raw Deadline Cloud model (``service-2.json``)."""
    import botocore.loaders

    model: Model = botocore.loaders.Loader().load_service_model("deadline", "service-2")
    return model


def _doc(text: str | None) -> str | None:
    """The model's HTML documentation as one line of plain text (first paragraph)."""
    if not text:
        return None
    first = re.split(r"</p>", text, maxsplit=1)[0]
    plain = html.unescape(re.sub(r"<[^>]+>", "", first))
    return " ".join(plain.split()) or None


class Syncer:
    """One pass over the spec, driven by the model; ``changes`` lists what it rewrote."""

    def __init__(self, spec: dict[str, Any], model: Model) -> None:
        self.spec = spec
        self.shapes: dict[str, Model] = model["shapes"]
        self.model = model
        self.schemas: dict[str, Any] = spec["components"]["schemas"]
        self.changes: list[str] = []
        self.done: set[str] = set()

    def _set(self, node: dict[str, Any], key: str, value: Any, where: str) -> None:
        if value is None:
            if key in node:
                del node[key]
                self.changes.append(f"{where}: {key} removed")
            return
        if node.get(key) != value:
            before = node.get(key)
            if isinstance(value, list):
                seq = CommentedSeq(value)
                seq.fa.set_flow_style()
                value = seq
            node[key] = value
            self.changes.append(f"{where}: {key} {before!r} -> {list(value) if isinstance(value, list) else value!r}")

    def _resolve(self, node: Any) -> tuple[Any, str | None]:
        """(the node, the component name) following a single local ``$ref`` to a schema."""
        if isinstance(node, dict) and isinstance(node.get("$ref"), str):
            name = node["$ref"].rsplit("/", 1)[-1]
            return self.schemas.get(name), name
        return node, None

    def new_schema(self, shape_name: str, documentation: str | None = None) -> dict[str, Any]:
        """A schema for a member that the spec does not have yet: a ``$ref`` when a component exists."""
        if shape_name in self.schemas:
            return CommentedMap([("$ref", f"#/components/schemas/{shape_name}")])
        shape = self.shapes[shape_name]
        kind = shape["type"]
        node = CommentedMap()
        if kind == "structure":
            self.schemas[shape_name] = CommentedMap([("type", "object"), ("properties", CommentedMap())])
            self.changes.append(f"components/schemas/{shape_name}: added")
            self.sync(shape_name, self.schemas[shape_name], f"components/schemas/{shape_name}")
            return CommentedMap([("$ref", f"#/components/schemas/{shape_name}")])
        if kind == "list":
            node["type"] = "array"
            node["items"] = self.new_schema(shape["member"]["shape"])
        elif kind == "map":
            node["type"] = "object"
            node["additionalProperties"] = self.new_schema(shape["value"]["shape"])
        elif kind == "timestamp":
            node["type"], node["format"] = "string", "date-time"
        else:
            node["type"] = {"long": "integer", "float": "number", "double": "number"}.get(kind, kind)
        if documentation:
            node["description"] = documentation
        self.sync(shape_name, node, "(new)")
        return node

    def sync(self, shape_name: str, node: Any, where: str) -> None:
        """Rewrite ``node`` (a schema, possibly a ``$ref``) from the model's shape ``shape_name``."""
        target, component = self._resolve(node)
        if component is not None:
            if component in self.done or target is None:
                return
            self.done.add(component)
            where = f"components/schemas/{component}"
        if not isinstance(target, dict):
            return
        if "anyOf" in target and len(target["anyOf"]) == 2 and target["anyOf"][1] == {}:  # a tolerant X
            self.sync(shape_name, target["anyOf"][0], where)
            return
        shape = self.shapes[shape_name]
        kind, meta = shape["type"], shape
        if kind == "string":
            if "enum" in shape:
                self._set(target, "enum", list(shape["enum"]), where)
            self._set(target, "pattern", f"^{meta['pattern']}$" if "pattern" in meta else None, where)
            self._set(target, "minLength", _lower(meta, target, "minLength"), where)
            self._set(target, "maxLength", meta.get("max"), where)
        elif kind in ("integer", "long", "float", "double"):
            self._set(target, "minimum", meta.get("min"), where)
            self._set(target, "maximum", meta.get("max"), where)
        elif kind == "list":
            self._set(target, "minItems", _lower(meta, target, "minItems"), where)
            self._set(target, "maxItems", meta.get("max"), where)
            self.sync(shape["member"]["shape"], target["items"], f"{where}[]")
        elif kind == "map":
            self._set(target, "maxProperties", meta.get("max"), where)
            extra = target.get("additionalProperties")
            if isinstance(extra, dict):
                self.sync(shape["value"]["shape"], extra, f"{where}{{}}")
        elif kind == "structure":
            self.structure(shape, target, where)

    def structure(self, shape: Model, target: dict[str, Any], where: str) -> None:
        """Members, required members and each member's schema of one structure."""
        members = {n: m for n, m in shape["members"].items() if "location" not in m}
        if shape.get("union"):  # a tagged union: exactly one member set
            self._set(target, "minProperties", 1, where)
            self._set(target, "maxProperties", 1, where)
        props = target.setdefault("properties", CommentedMap())
        for name in [p for p in props if p not in members]:
            del props[name]
            self.changes.append(f"{where}.{name}: removed")
        for name, member in members.items():
            if name not in props:
                props[name] = self.new_schema(member["shape"], _doc(member.get("documentation")))
                self.changes.append(f"{where}.{name}: added")
            else:
                self.sync(member["shape"], props[name], f"{where}.{name}")
        if not props:
            del target["properties"]
        required = [r for r in shape.get("required", []) if r in members]
        if sorted(target.get("required", [])) != sorted(required):
            self._set(target, "required", required or None, where)

    def parameters(self, operation: Model, operation_id: str) -> None:
        """Constraints and required flags of an operation's path, query and header parameters."""
        found = _find_operation(self.spec, operation_id)
        if found is None:
            raise SystemExit(f"{SPEC.name}: operationId {operation_id} not found")
        item, op = found
        shape = self.shapes[operation["input"]["shape"]] if "input" in operation else {"members": {}}
        params: dict[tuple[str, str], dict[str, Any]] = {}
        for raw in [*item.get("parameters", []), *op.get("parameters", [])]:
            param = raw
            if "$ref" in raw:
                param = self.spec["components"]["parameters"][raw["$ref"].rsplit("/", 1)[-1]]
            params[(param["in"], param["name"].lower())] = param
        for name, member in shape["members"].items():
            if member.get("location") not in LOCATIONS:
                continue
            key = (LOCATIONS[member["location"]], member.get("locationName", name).lower())
            param = params.get(key)
            if param is None:
                raise SystemExit(f"{SPEC.name}: {operation_id} has no {key[0]} parameter {key[1]} (in the model)")
            self.sync(member["shape"], param["schema"], f"{operation_id} parameter {key[1]}")

    def run(self) -> None:
        """Sync every in-scope operation: parameters, body, output and errors."""
        for name, operation_id in OPERATIONS.items():
            operation = self.model["operations"][name]
            self.parameters(operation, operation_id)
            for part in ("input", "output"):
                if part in operation and operation[part]["shape"] in self.schemas:
                    self.sync(operation[part]["shape"], _ref(operation[part]["shape"]), "")
                elif part in operation:
                    self.sync(operation[part]["shape"], _body_schema(self.spec, operation_id, part), operation_id)
            for error in operation.get("errors", []):
                response = self.spec["components"]["responses"].get(error["shape"])
                if response is None:
                    raise SystemExit(f"{SPEC.name}: no components/responses/{error['shape']} (a modeled error)")
                schema = response["content"]["application/json"]["schema"]
                self.sync(error["shape"], schema, f"components/responses/{error['shape']}")


def _lower(meta: Model, target: dict[str, Any], key: str) -> int | None:
    """A lower bound to write: the model's, except a 0 the spec leaves implicit (0 is the default)."""
    value = meta.get("min", 0 if key in target else None)
    return None if value == 0 and key not in target else value


def _ref(name: str) -> dict[str, Any]:
    return CommentedMap([("$ref", f"#/components/schemas/{name}")])


def _find_operation(spec: dict[str, Any], operation_id: str) -> tuple[dict[str, Any], dict[str, Any]] | None:
    for item in spec["paths"].values():
        for op in item.values():
            if isinstance(op, dict) and op.get("operationId") == operation_id:
                return item, op
    return None


def _body_schema(spec: dict[str, Any], operation_id: str, part: str) -> Any:
    found = _find_operation(spec, operation_id)
    assert found is not None
    _, op = found
    if part == "input":
        return op.get("requestBody", {}).get("content", {}).get("application/json", {}).get("schema", {})
    for status, response in op["responses"].items():
        if str(status).startswith("2"):
            return response.get("content", {}).get("application/json", {}).get("schema", {})
    return {}


def _yaml() -> YAML:
    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 120
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def sync_text(text: str, model: Model) -> tuple[str, list[str]]:
    """The spec text brought in step with ``model``, and the list of what changed."""
    yaml = _yaml()
    spec = yaml.load(text)
    syncer = Syncer(spec, copy.deepcopy(model))
    syncer.run()
    if not syncer.changes:
        return text, []
    out = io.StringIO()
    yaml.dump(spec, out)
    return "".join(line.rstrip() + "\n" for line in out.getvalue().splitlines()), syncer.changes


TILEDB_EXCERPT = ROOT / "openapi" / "vendor" / "tiledb-openapi-v1.excerpt.yaml"
#: the vendor's (legacy, no-workspace) paths of the operations openapi/tiledb.yaml covers
TILEDB_PATHS = [
    "/tasks",
    "/task/{id}",
    "/task/{id}/result",
    "/user",
    "/organizations",
    "/organizations/{organization}",
    "/session",
    "/arrays/browser/owned",
    "/arrays/browser/public",
    "/arrays/browser/shared",
    "/groups/browser/owned",
    "/groups/browser/public",
    "/groups/browser/shared",
]


#: Prose and samples: the vendor's words, which are not ours to copy; names, types and enums are facts.
_PROSE_KEYS = frozenset({"description", "summary", "title", "example", "examples", "x-example", "externalDocs"})


def facts_only(node: Any, parent: str | None = None) -> Any:
    """``node`` without prose and samples (keys under ``properties``/``definitions`` are names, so they stay).

    The two texts Swagger requires stay, emptied or as a name: ``info.title`` and each response's ``description``.
    """
    if isinstance(node, dict):
        keep_all = parent in ("properties", "definitions", "paths", "responses", "securityDefinitions")
        out = {k: facts_only(v, k) for k, v in node.items() if keep_all or k not in _PROSE_KEYS}
        if parent == "responses":
            out = {code: {**response, "description": ""} for code, response in out.items()}
        if parent == "info":
            out["title"] = node.get("title", "")
        return out
    if isinstance(node, list):
        return [facts_only(item, parent) for item in node]
    return node


def write_tiledb_excerpt(source: Path) -> None:
    """Cut TileDB's published openapi-v1.yaml (Swagger 2.0) down to openapi/vendor/'s excerpt."""
    import yaml

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from specdiff._swagger2 import subset

    doc = yaml.safe_load(source.read_text())
    header = (
        "# An excerpt of TileDB's published REST API spec (Swagger 2.0): see openapi/vendor/README.md for its origin.\n"
        f"# info.version {doc.get('info', {}).get('version')}; made by scripts/sync_specs.py --tiledb-excerpt.\n"
    )
    body = yaml.safe_dump(facts_only(subset(doc, TILEDB_PATHS)), sort_keys=False, width=120, allow_unicode=True)
    TILEDB_EXCERPT.write_text(header + body)
    print(f"wrote {TILEDB_EXCERPT.relative_to(ROOT)}")


def main(argv: list[str] | None = None) -> int:
    """Sync openapi/deadline.yaml (or with ``--check`` only report); exit 1 when out of sync under ``--check``."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="do not write; exit 1 when the spec is out of sync")
    parser.add_argument("--spec", type=Path, default=SPEC)
    parser.add_argument("--tiledb-excerpt", type=Path, metavar="OPENAPI_V1_YAML", help=write_tiledb_excerpt.__doc__)
    args = parser.parse_args(argv)
    if args.tiledb_excerpt:
        write_tiledb_excerpt(args.tiledb_excerpt)
        return 0
    new, changes = sync_text(args.spec.read_text(), botocore_model())
    if not changes:
        print(f"{args.spec.name} is in step with botocore's model")
        return 0
    print("\n".join(f"  {c}" for c in changes))
    if args.check:
        print(f"{args.spec.name} is out of step with botocore ({len(changes)} changes): run `make sync-specs`")
        return 1
    args.spec.write_text(new)
    print(f"rewrote {args.spec.name} ({len(changes)} changes): review `git diff`, `make spec-diff`, `make generate`")
    return 0


if __name__ == "__main__":
    sys.exit(main())
