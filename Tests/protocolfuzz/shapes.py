"""Valid-ish operation inputs built from botocore's service models.

Every service Brume serves is described by a botocore model; `ServiceCatalog` loads them, and
`InputGenerator` walks an operation's input shape to produce parameters a botocore serializer
accepts. Members that name resources (bucket, key, queue URL, state machine ARN, log group)
point at the fuzzer's sentinel resources most of the time, so that mutated requests that modify
something aim at resources a clean client later checks for unintended changes.
"""

from __future__ import annotations

import datetime
import random
import re
from dataclasses import dataclass, field
from pathlib import Path

import botocore.session
from botocore.model import ListShape, MapShape, OperationModel, ServiceModel, Shape, StructureShape

README = Path(__file__).resolve().parent.parent.parent / "README.md"

# (service key, botocore service name, wire protocol used for that key)
SERVICE_PROTOCOLS = [
    ("s3", "s3", "rest-xml"),
    ("sqs-json", "sqs", "json"),
    ("sqs-query", "sqs", "query"),
    ("lambda", "lambda", "rest-json"),
    ("logs", "logs", "json"),
    ("stepfunctions", "stepfunctions", "json"),
    ("events", "events", "json"),
    ("iam", "iam", "query"),
    ("sts", "sts", "query"),
]

# Operation-name prefixes of operations that do not change anything a sentinel check can see
# (ReceiveMessage hides messages but keeps them counted, which is what the queue check counts).
READ_ONLY_PREFIXES = ("Get", "List", "Describe", "Head", "Receive", "Test", "Filter", "Select",
                      "Validate")

# Operations the README lists as served get this many times the requests of the others (which
# answer NotImplemented or UnknownOperationException after the edge has parsed them).
SUPPORTED_WEIGHT = 10.0

# SQS query wire names the JSON model lost (see scripts/generate-sqs-shapes.py).
_SQS_QUERY_EXCEPTIONS = {"Actions": "ActionName", "queueUrls": "QueueUrl", "tags": "Tag"}
_SQS_ENTRY_NAMED = {"Entries", "Successful", "Failed", "Results"}


@dataclass
class Sentinels:
    """Names of the resources that a clean client checks between mutated requests."""

    bucket: str = "fuzz-sentinel-bucket"
    key: str = "sentinel/object.txt"
    queue: str = "fuzz-sentinel-queue"
    queue_url: str = ""
    state_machine: str = "fuzz-sentinel-machine"
    state_machine_arn: str = ""
    log_group: str = "/fuzz/sentinel"
    account: str = "000000000000"
    region: str = "us-east-1"


@dataclass
class ServiceEntry:
    """One service key: the model, the protocol its requests use, and its operations."""

    key: str
    model: ServiceModel
    protocol: str
    operations: list[str]
    weights: list[float] = field(default_factory=list)


def _supported_names() -> set[str]:
    """Operation names in the README support tables' supported and partly rows; they get more
    requests. `Put/Get/DeleteBucketTagging` stands for three names."""
    try:
        text = README.read_text()
    except OSError:
        return set()
    names: set[str] = set()
    for line in text.splitlines():
        cells = [c.strip() for c in line.split("|")]
        if len(cells) < 4 or cells[2] not in ("supported", "partly"):
            continue
        first = cells[1]
        for verbs, last_verb, rest in re.findall(r"((?:[A-Z][a-z]+/)+)([A-Z][a-z]+)([A-Z]\w+)", first):
            for verb in verbs.strip("/").split("/") + [last_verb]:
                names.add(verb + rest)
        names.update(re.findall(r"\b[A-Z][A-Za-z0-9]+\b", first))
    return names


def _patch_sqs_query_names(raw: dict) -> dict:
    """Give flattened list and map members of the SQS model the query protocol's names."""
    shapes = raw["shapes"]
    for shape in shapes.values():
        if shape.get("type") != "structure":
            continue
        for name, member in shape.get("members", {}).items():
            target = shapes[member["shape"]]
            if target["type"] not in ("list", "map") or not (target.get("flattened") or member.get("flattened")):
                continue
            if name in _SQS_QUERY_EXCEPTIONS:
                wire = _SQS_QUERY_EXCEPTIONS[name]
            elif name in _SQS_ENTRY_NAMED and target["type"] == "list":
                wire = target["member"]["shape"]
            else:
                wire = name[:-1] if name.endswith("s") else name
            member["locationName"] = wire
            target["flattened"] = True
            if target["type"] == "map":
                key_name, value_name = ("Key", "Value") if member["shape"] == "TagMap" else ("Name", "Value")
                target["key"] = dict(target["key"], locationName=key_name)
                target["value"] = dict(target["value"], locationName=value_name)
    raw["metadata"] = dict(raw["metadata"], protocol="query")
    return raw


class ServiceCatalog:
    """The services Brume serves, each with the operations its model lists."""

    def __init__(self, only: list[str] | None = None):
        session = botocore.session.get_session()
        loader = session.get_component("data_loader")
        supported = _supported_names()
        self.services: dict[str, ServiceEntry] = {}
        for key, name, protocol in SERVICE_PROTOCOLS:
            if only and key not in only and name not in only:
                continue
            raw = loader.load_service_model(name, "service-2")
            if name == "sqs" and protocol == "query":
                import copy
                raw = _patch_sqs_query_names(copy.deepcopy(raw))
            model = ServiceModel(raw, service_name=name)
            ops = sorted(model.operation_names)
            weights = [SUPPORTED_WEIGHT if op in supported else 1.0 for op in ops]
            self.services[key] = ServiceEntry(key, model, protocol, ops, weights)

    def pick(self, rng: random.Random) -> tuple[ServiceEntry, OperationModel]:
        entry = rng.choice(list(self.services.values()))
        op = rng.choices(entry.operations, weights=entry.weights, k=1)[0]
        return entry, entry.model.operation_model(op)


def is_read_only(operation: OperationModel) -> bool:
    return operation.name.startswith(READ_ONLY_PREFIXES)


PASS_DEFINITION = '{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}'


class InputGenerator:
    """Builds parameters for an operation from its input shape."""

    def __init__(self, rng: random.Random, sentinels: Sentinels, endpoint: str):
        self.rng = rng
        self.sentinels = sentinels
        self.endpoint = endpoint

    def params(self, operation: OperationModel) -> dict:
        shape = operation.input_shape
        if shape is None:
            return {}
        return self._structure(shape, depth=0, optional_rate=0.35)

    # --- shapes ----------------------------------------------------------------------------

    def value(self, shape: Shape, name: str, depth: int):
        if name in ("WaitTimeSeconds", "ReceiveRequestAttemptId"):
            # Long polls would spend the time budget waiting, not parsing.
            return 0 if shape.type_name == "integer" else "fuzz"
        named = self._named(name, shape)
        if named is not None:
            return named
        kind = shape.type_name
        if kind == "structure":
            return self._structure(shape, depth + 1, optional_rate=0.2 if depth < 3 else 0.0)
        if kind == "list":
            return self._list(shape, name, depth)
        if kind == "map":
            return self._map(shape, depth)
        if kind == "string":
            return self._string(shape)
        if kind in ("integer", "long"):
            return self._integer(shape)
        if kind in ("float", "double"):
            return round(self.rng.uniform(0, 100), 3)
        if kind == "boolean":
            return self.rng.random() < 0.5
        if kind == "timestamp":
            return datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(minutes=self.rng.randint(0, 60))
        if kind == "blob":
            if shape.serialization.get("streaming") or shape.metadata.get("streaming"):
                return bytes(self.rng.getrandbits(8) for _ in range(self.rng.randint(0, 64)))
            return bytes(self.rng.getrandbits(8) for _ in range(self.rng.randint(1, 32)))
        return "fuzz"

    def _structure(self, shape: StructureShape, depth: int, optional_rate: float) -> dict:
        out = {}
        required = set(shape.required_members)
        for name, member in shape.members.items():
            rate = optional_rate / 50 if name.startswith(_RARELY_SET) else optional_rate
            if name not in required and self.rng.random() >= rate:
                continue
            if name not in required and _is_digest(name):
                continue  # random digests only reach BadDigest; the mutators cover them
            if depth > 6 and name not in required:
                continue
            out[name] = self.value(member, name, depth)
        # Union structures (document, event streams) take exactly one member.
        if shape.metadata.get("union") and len(out) > 1:
            first = next(iter(out))
            out = {first: out[first]}
        return out

    def _list(self, shape: ListShape, name: str, depth: int) -> list:
        low = shape.metadata.get("min", 0)
        count = max(low, self.rng.randint(1, 2)) if depth < 6 else low
        return [self.value(shape.member, name, depth + 1) for _ in range(min(count, 3))]

    def _map(self, shape: MapShape, depth: int) -> dict:
        if depth >= 6:
            return {}
        return {self._string(shape.key) or "k": self.value(shape.value, "", depth + 1)}

    def _string(self, shape: Shape) -> str:
        enum = shape.enum
        if enum:
            return self.rng.choice(enum)
        low = shape.metadata.get("min", 1)
        high = min(shape.metadata.get("max", 24), 24)
        length = max(low, min(high, self.rng.randint(4, 12)))
        return "".join(self.rng.choice("abcdefghijklmnopqrstuvwxyz0123456789") for _ in range(length))

    def _integer(self, shape: Shape) -> int:
        low = shape.metadata.get("min", 0)
        high = shape.metadata.get("max", max(low, 10))
        if high - low > 100:
            high = low + 100
        return self.rng.randint(int(low), int(high))

    # --- resource names ----------------------------------------------------------------------

    def _named(self, name: str, shape: Shape):
        """Sentinel or plausible values for members that name resources or carry documents."""
        if shape.type_name != "string":
            return None
        s = self.sentinels
        lowered = name.lower()
        pick = self.rng.random()
        arn_prefix = f"arn:aws:states:{s.region}:{s.account}"
        table = {
            "bucket": lambda: s.bucket if pick < 0.75 else f"fuzz-{self.rng.randrange(1 << 24):x}",
            "key": lambda: s.key if pick < 0.6 else f"k/{self.rng.randrange(1 << 24):x}",
            "queueurl": lambda: s.queue_url if pick < 0.8 else f"{self.endpoint}/{s.account}/fuzz-other",
            "queuename": lambda: s.queue if pick < 0.6 else f"fuzz-q{self.rng.randrange(1 << 20):x}",
            "statemachinearn": lambda: s.state_machine_arn if pick < 0.8 else f"{arn_prefix}:stateMachine:fuzz-none",
            "executionarn": lambda: f"{arn_prefix}:execution:{s.state_machine}:fuzz-exec",
            "definition": lambda: PASS_DEFINITION if pick < 0.7 else '{"StartAt":"X","States":{}}',
            "rolearn": lambda: f"arn:aws:iam::{s.account}:role/fuzz",
            "loggroupname": lambda: s.log_group if pick < 0.7 else f"/fuzz/g{self.rng.randrange(1 << 20):x}",
            "loggroupidentifier": lambda: s.log_group,
            "functionname": lambda: "fuzz-function" if pick < 0.7 else f"arn:aws:lambda:{s.region}:{s.account}:function:fuzz-function",
            "eventpattern": lambda: '{"source":["fuzz.app"]}',
            "detail": lambda: '{"k":"v"}',
            "input": lambda: '{"fuzz":1}',
            "messagebody": lambda: "fuzz message",
            "eventbusname": lambda: "default" if pick < 0.7 else "fuzz-bus",
        }
        maker = table.get(lowered)
        return maker() if maker else None


# Optional members that make Brume answer NotImplemented before the request gets far (S3 grants,
# object lock, SSE-KMS and SSE-C, MFA): set rarely, so most requests reach deeper code.
_RARELY_SET = ("Grant", "ObjectLock", "SSECustomer", "SSEKMS", "ServerSideEncryption", "MFA", "RequestPayer",
               "BucketKeyEnabled", "WebsiteRedirectLocation", "ObjectOwnership", "ACL", "VersionId", "IfNoneMatch")


def _is_digest(name: str) -> bool:
    return name in ("ContentMD5", "ExpectedBucketOwner", "ExpectedSourceBucketOwner") or name.startswith("Checksum")
