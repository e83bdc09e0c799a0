"""Mutations of a valid-ish request, by stage.

A request passes three stages, and each mutation class acts at one of them:

- `params`: the operation's parameters before botocore serializes them (wrong types, missing
  required members, huge strings and numbers, nested structures, odd characters);
- `body`: the serialized request before it is signed, so that with `auth: strict` the mutation
  still reaches the parsers (bad JSON, XML and form encodings, invalid UTF-8, deep nesting,
  duplicated members, odd and huge headers, bad dates, bad percent-encoding in the path);
- `frame` and `auth`: the signed bytes (a Content-Length that lies, truncated and oversized
  bodies, chunked framing, malformed request lines, and broken or stale signatures).

Each mutator returns a short description that goes into reproductions.
"""

from __future__ import annotations

import json
import random
import re
from dataclasses import dataclass
from typing import Callable

import documents
from wire import RawRequest

Mutator = Callable[[random.Random, dict], str]


@dataclass(frozen=True)
class MutationClass:
    name: str
    stage: str  # params, body, frame, auth, none
    weight: float
    # Framing and signature mutations may be refused by the HTTP layer or before service
    # detection: a closed connection or a plain 4xx is then an acceptable answer.
    framing: bool = False


# --- helpers ---------------------------------------------------------------------------------------

def huge_text(rng: random.Random) -> str:
    size = rng.choice([1 << 12, 1 << 16, 1 << 20, 3 << 20])
    unit = rng.choice(["a", "é", "\U0001F600", "<&>\"'", "%", "\\u0000"])
    return (unit * (size // len(unit.encode()) + 1))[: size]


ODD_STRINGS = [
    "", " ", "\x00", "\x00\x01\x02\x7f", "\ud800", "\udfff", "\uffff", "\U0010ffff", "../../etc/passwd",
    "%00", "%ZZ", "%", "a%2Fb", "\r\nX-Injected: 1", "<x>&amp;</x>", "]]>", "${jndi:x}", "$.x[?(@", "$$",
    "States.Format('{}', $.a)", "arn:aws:sqs:us-east-1:000000000000:", "arn:", "arn:aws:states:::",
    "9" * 40, "-1", "1e309", "NaN", "true", "null", "{}", "[]", "\u202e", "\u0085", "\t", " " * 300,
]

BIG_NUMBERS = [2 ** 31, 2 ** 31 - 1, -(2 ** 31) - 1, 2 ** 63, 2 ** 63 - 1, -(2 ** 63), -(2 ** 63) - 1, 2 ** 64,
               10 ** 30, -1, 0, 1e308, -1e308, 1.5, 10 ** 400]

HUGE_YEAR_DATES = [
    b"Sun, 06 Nov 99999999999 08:49:37 GMT", b"Sun, 06 Nov -1 08:49:37 GMT", b"Sun, 99 Nov 1994 99:99:99 GMT",
    b"Sunday, 06-Nov-94 08:49:37 GMT", b"Sun Nov  6 08:49:37 1994", b"Sun Nov  6 08:49:37 99999999999999",
    b"garbage", b"", b"0", b"99999999999999999999", b"Sun, 06 Nov 1994 08:49:37 GMT" * 200,
    b"Mon, 01 Jan 0000 00:00:00 GMT", b"Fri, 31 Dec 9999 23:59:60 GMT", b"Sun, 06 Nov 1994 08:49:37 +9999",
]

AMZ_DATES = [b"99999999T999999Z", b"20251301T000000Z", b"2025-01-01T00:00:00Z", b"", b"0",
             b"99999999999999999999T000000Z", b"19000101T000000Z", b"\xff\xfe", b"20250101T000000Z" * 100]


def _walk_paths(value, path=()):
    """Every path to a leaf or container in a params tree."""
    yield path
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _walk_paths(v, path + (k,))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _walk_paths(v, path + (i,))


def _set_path(root, path, new):
    node = root
    for part in path[:-1]:
        node = node[part]
    node[path[-1]] = new


def _get_path(root, path):
    node = root
    for part in path:
        node = node[part]
    return node


def _random_path(rng, params, predicate=lambda v: True):
    paths = [p for p in _walk_paths(params) if p and predicate(_get_path(params, p))]
    return rng.choice(paths) if paths else None


# --- params stage ----------------------------------------------------------------------------------

def wrong_type(rng, ctx):
    params = ctx["params"]
    path = _random_path(rng, params)
    replacement = rng.choice([12345, -1, 1.5, True, None, "text", [], {}, ["a"], {"a": 1}, [[[1]]], b"\x00\xff"])
    if path is None:
        op = ctx["operation"]
        members = list(op.input_shape.members) if op.input_shape else []
        if not members:
            return "no members"
        name = rng.choice(members)
        params[name] = replacement
        return f"{name} = {replacement!r}"
    _set_path(params, path, replacement)
    return f"{'.'.join(map(str, path))} = {replacement!r}"


def missing_required(rng, ctx):
    params = ctx["params"]
    containers = [p for p in _walk_paths(params) if isinstance(_get_path(params, p), dict) and _get_path(params, p)]
    if not containers:
        return "nothing to remove"
    path = rng.choice(containers)
    node = _get_path(params, path)
    key = rng.choice(list(node))
    del node[key]
    return f"removed {'.'.join(map(str, path + (key,)))}"


def huge_value(rng, ctx):
    params = ctx["params"]
    path = _random_path(rng, params, lambda v: isinstance(v, (str, bytes, list, dict)))
    if path is None:
        return "nothing to grow"
    value = _get_path(params, path)
    if isinstance(value, str):
        new = huge_text(rng)
    elif isinstance(value, bytes):
        new = bytes(rng.getrandbits(8) for _ in range(1024)) * rng.choice([4, 64, 1024, 6144])
    elif isinstance(value, list):
        new = value * rng.choice([100, 1000, 20000]) if value else ["x"] * 5000
    else:
        new = {f"k{i}": "v" for i in range(rng.choice([100, 5000]))}
        new.update(value)
    _set_path(params, path, new)
    return f"{'.'.join(map(str, path))} grown to {len(new)}"


def big_number(rng, ctx):
    params = ctx["params"]
    path = _random_path(rng, params, lambda v: isinstance(v, (int, float)) and not isinstance(v, bool))
    number = rng.choice(BIG_NUMBERS)
    if path is None:
        path = _random_path(rng, params, lambda v: not isinstance(v, (dict, list)))
        if path is None:
            return "no scalar"
    _set_path(params, path, number)
    return f"{'.'.join(map(str, path))} = {number!r}"


def odd_string(rng, ctx):
    params = ctx["params"]
    path = _random_path(rng, params, lambda v: isinstance(v, str))
    if path is None:
        return "no string"
    odd = rng.choice(ODD_STRINGS)
    if rng.random() < 0.3:
        odd = _get_path(params, path) + odd
    _set_path(params, path, odd)
    return f"{'.'.join(map(str, path))} = {odd[:40]!r}"


def nested_value(rng, ctx):
    params = ctx["params"]
    path = _random_path(rng, params, lambda v: isinstance(v, (dict, list)))
    depth = rng.choice([20, 100, 400])
    nested: object = "leaf"
    for i in range(depth):
        nested = {"n": nested} if i % 2 else [nested]
    if path is None:
        path = _random_path(rng, params)
        if path is None:
            return "no member"
    _set_path(params, path, nested)
    return f"{'.'.join(map(str, path))} nested {depth} deep"


def nasty_document(rng, ctx):
    """A hostile ASL definition, event pattern, transformer, filter pattern or input (documents.py)."""
    params = ctx["params"]
    candidates = [p for p in _walk_paths(params) if p and isinstance(p[-1], str) and documents.nasty(rng, p[-1]) is not None]
    if not candidates:
        shape = ctx["operation"].input_shape
        names = [n for n in (shape.members if shape else []) if documents.nasty(rng, n) is not None]
        if not names:
            return odd_string(rng, ctx)
        candidates = [(rng.choice(names),)]
    path = rng.choice(candidates)
    value = documents.nasty(rng, path[-1])
    _set_path(params, path, value)
    text = str(value)
    call = re.search(r"States\.[A-Z]\w*\(", text)  # name the intrinsic call, not the definition's preamble
    return f"{'.'.join(map(str, path))} = {text[call.start() if call else 0:][:100]!r}"


# --- body stage ------------------------------------------------------------------------------------

def _body(ctx) -> bytes:
    return ctx["request"]["body"] or b""


def _set_body(ctx, body: bytes):
    ctx["request"]["body"] = body


def json_text(rng, ctx):
    body = _body(ctx) or b"{}"
    choice = rng.randrange(14)
    if choice == 0:
        cut = rng.randrange(len(body)) if body else 0
        _set_body(ctx, body[:cut]); return f"truncated JSON at {cut}"
    if choice == 1:
        at = rng.randrange(len(body) + 1)
        bad = rng.choice([b"\xff", b"\xc3", b"\xed\xa0\x80", b"\xf4\x90\x80\x80", b"\xc0\xaf", b"\x00"])
        _set_body(ctx, body[:at] + bad + body[at:]); return f"invalid UTF-8 {bad!r} at {at}"
    if choice == 2:
        depth = rng.choice([200, 5000, 100000, 1000000])
        opener, closer = rng.choice([(b"[", b"]"), (b'{"a":', b"}")])
        _set_body(ctx, opener * depth + b"1" + closer * depth); return f"nested {depth} deep"
    if choice == 3:
        depth = rng.choice([5000, 100000])
        _set_body(ctx, b"[" * depth); return f"unclosed nesting {depth}"
    if choice == 4:
        number = rng.choice([b"1e999999", b"-1e999999", b"1" * 5000, b"-0", b"0.0000000000000000000001e-400",
                             b"123456789012345678901234567890", b"NaN", b"Infinity", b"0x10", b"01"])
        new = re.sub(rb"(:\s*)(\"[^\"]*\"|-?\d[\d.eE+-]*|true|false)", lambda m: m.group(1) + number, body, count=1)
        if new == body:
            new = b'{"Fuzz":' + number + b"}"
        _set_body(ctx, new); return f"number {number[:30]!r}"
    if choice == 5:
        keys = re.findall(rb'"([A-Za-z]+)"\s*:', body)
        key = rng.choice(keys) if keys else b"Name"
        value = rng.choice([b'"dup"', b"1", b"null", b"{}", b"[]"])
        new = body.rstrip()[:-1] if body.rstrip().endswith(b"}") else b"{"
        sep = b"," if new.strip() not in (b"{", b"") else b""
        _set_body(ctx, new + sep + b'"' + key + b'":' + value + b"}"); return f"duplicated {key!r}"
    if choice == 6:
        _set_body(ctx, rng.choice([b"[]", b'"x"', b"null", b"1", b"true", b"", b" ", b"{", b"}", b"{}}", b"{,}"]))
        return f"body {_body(ctx)!r}"
    if choice == 7:
        _set_body(ctx, b"\xef\xbb\xbf" + body); return "UTF-8 BOM"
    if choice == 8:
        _set_body(ctx, body + rng.choice([b"garbage", b"{}", b"\x00", b"]"])); return "trailing bytes"
    if choice == 9:
        esc = rng.choice([b'"\\ud800"', b'"\\udc00\\ud800"', b'"\\u00"', b'"\\x41"', b'"\\"', b'"\x01"', b'"\\u0000"'])
        new = re.sub(rb'"[^"]*"(\s*[,}\]])', lambda m: esc + m.group(1), body, count=1)
        _set_body(ctx, new if new != body else b'{"a":' + esc + b"}"); return f"string escape {esc!r}"
    if choice == 10:
        many = b"{" + b",".join(b'"k%d":%d' % (i, i) for i in range(rng.choice([1000, 100000]))) + b"}"
        _set_body(ctx, many); return "many members"
    if choice == 11:
        big = b'{"a":"' + b"x" * rng.choice([1 << 20, 7 << 20]) + b'"}'
        _set_body(ctx, big); return f"string of {len(big)} bytes"
    if choice == 12:
        _set_body(ctx, body.replace(b"{", b"[", 1)); return "object opened as array"
    _set_body(ctx, body.replace(b'"', b"'")); return "single quotes"


def xml_text(rng, ctx):
    body = _body(ctx)
    choice = rng.randrange(11)
    if choice == 0 and body:
        cut = rng.randrange(len(body)); _set_body(ctx, body[:cut]); return f"truncated XML at {cut}"
    if choice == 1:
        depth = rng.choice([200, 5000, 100000])
        _set_body(ctx, b'<?xml version="1.0"?>' + b"<a>" * depth + b"</a>" * depth); return f"XML nested {depth}"
    if choice == 2:
        bomb = (b'<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa">'
                + b"".join(b'<!ENTITY %c "&%c;&%c;&%c;&%c;&%c;&%c;&%c;&%c;&%c;&%c;">' % ((98 + i,) + (97 + i,) * 10) for i in range(8))
                + b"]><Tagging><TagSet><Tag><Key>k</Key><Value>&i;</Value></Tag></TagSet></Tagging>")
        _set_body(ctx, bomb); return "entity expansion"
    if choice == 3:
        _set_body(ctx, b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><Delete><Object><Key>&e;</Key></Object></Delete>')
        return "external entity"
    if choice == 4:
        at = rng.randrange(len(body) + 1) if body else 0
        _set_body(ctx, body[:at] + rng.choice([b"\xff", b"\xc3", b"\xed\xa0\x80", b"\x00", b"&#0;", b"&#xD800;"]) + body[at:])
        return "bad character"
    if choice == 5:
        _set_body(ctx, rng.choice([b"", b"<", b"<a>", b"</a>", b"<a></b>", b"not xml", b"<?xml?>", b"<a b='1' b='2'/>"]))
        return f"XML {_body(ctx)!r}"
    if choice == 6:
        count = rng.choice([1001, 20000])
        _set_body(ctx, b"<Delete>" + b"<Object><Key>k</Key></Object>" * count + b"</Delete>"); return f"{count} objects"
    if choice == 7:
        _set_body(ctx, b"<Tagging><TagSet>" + b"<Tag><Key>k</Key><Value>v</Value></Tag>" * 60 + b"</TagSet></Tagging>")
        return "60 tags, duplicated keys"
    if choice == 8:
        _set_body(ctx, b'<CompleteMultipartUpload><Part><PartNumber>99999999999999999999</PartNumber><ETag>"x"</ETag></Part></CompleteMultipartUpload>')
        return "huge part number"
    if choice == 9:
        _set_body(ctx, body.replace(b">", b" xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\" xmlns:x=\"y\" x:a=\"1\">", 1))
        return "extra namespaces"
    _set_body(ctx, (body or b"<a/>") + b"<trailing/>"); return "two roots"


def form_text(rng, ctx):
    body = _body(ctx)
    choice = rng.randrange(9)
    pairs = body.split(b"&") if body else []
    if choice == 0:
        bad = rng.choice([b"%", b"%Z", b"%zz", b"%e9", b"%ff%fe", b"%C3%28", b"%ED%A0%80", b"%00", b"+%2"])
        _set_body(ctx, body + b"&MessageBody=" + bad + b"&QueueName=x" + bad); return f"percent {bad!r}"
    if choice == 1 and pairs:
        dup = rng.choice(pairs)
        _set_body(ctx, body + b"&" + dup.split(b"=")[0] + b"=other"); return f"duplicated {dup[:30]!r}"
    if choice == 2:
        index = rng.choice([b"0", b"-1", b"99999999999999999999", b"1.5", b"", b"a", b"2147483648"])
        _set_body(ctx, body + b"&Attribute." + index + b".Name=VisibilityTimeout&Attribute." + index + b".Value=1")
        return f"index {index!r}"
    if choice == 3:
        _set_body(ctx, body + b"&" + b".".join([b"a"] * rng.choice([100, 10000])) + b"=1"); return "deep key"
    if choice == 4:
        _set_body(ctx, re.sub(rb"Action=[^&]*", rng.choice([b"Action=", b"Action=Nope", b"Action=%00", b"Action"]), body))
        return "odd Action"
    if choice == 5:
        _set_body(ctx, body + b"&" + b"&".join(b"k%d=v" % i for i in range(rng.choice([1000, 100000])))); return "many pairs"
    if choice == 6:
        _set_body(ctx, body + b"&=&&==&a==b"); return "empty keys"
    if choice == 7:
        _set_body(ctx, re.sub(rb"Version=[^&]*", rng.choice([b"Version=", b"Version=1999-01-01", b""]), body)); return "odd Version"
    _set_body(ctx, body.replace(b"=", b"", 1)); return "pair without ="


def body_encoding(rng, ctx):
    protocol = ctx["protocol"]
    if protocol in ("json", "rest-json"):
        return "json: " + json_text(rng, ctx)
    if protocol == "query":
        return "form: " + form_text(rng, ctx)
    return "xml: " + xml_text(rng, ctx)


def aws_chunked(rng, ctx):
    """The body re-sent as S3's `aws-chunked` content encoding, with broken chunks or trailers."""
    import zlib
    import base64
    request = ctx["request"]
    payload = _body(ctx) or b"hello aws-chunked"
    signed = rng.random() < 0.4
    sig = b";chunk-signature=" + rng.choice([b"0" * 64, b"zz", b"", b"a" * 100000]) if signed else b""
    pieces = [payload[i:i + 7] for i in range(0, len(payload), 7)] or [b""]
    crc = base64.b64encode(zlib.crc32(payload).to_bytes(4, "big"))
    trailer = b"x-amz-checksum-crc32:" + crc + b"\r\n"
    choice = rng.randrange(10)
    if choice == 0:
        sizes = [rng.choice([b"zz", b"-1", b"FFFFFFFFFFFFFFFFFFFF", b"7fffffffffffffff", b"", b" 7", b"0x7"]) for _ in pieces]
        note = f"chunk size {sizes[0]!r}"
    else:
        sizes = [b"%x" % len(p) for p in pieces]
        note = "chunks"
    body = b"".join(size + sig + b"\r\n" + piece + b"\r\n" for size, piece in zip(sizes, pieces))
    if choice == 1:
        body = body.replace(b"\r\n", b"\n"); note = "LF line ends"
    elif choice == 2:
        body = body[: rng.randrange(len(body) + 1)]; note = "cut before the last chunk"
    elif choice == 3:
        trailer = rng.choice([b"x-amz-checksum-crc32:%%%\r\n", b"x-amz-checksum-crc32\r\n", b":\r\n",
                              b"x-amz-checksum-sha256:" + b"A" * 100000 + b"\r\n", b"x-other:1\r\n" * 1000])
        note = f"trailer {trailer[:30]!r}"
    elif choice == 4:
        body = b"1\r\na\r\n" * rng.choice([1000, 100000]); note = "many one-byte chunks"
    if choice != 2:
        body += b"0" + sig + b"\r\n" + (trailer if rng.random() < 0.6 else b"") + b"\r\n"
    headers = request["headers"]
    headers["Content-Encoding"] = "aws-chunked"
    headers["x-amz-decoded-content-length"] = rng.choice([str(len(payload))] * 3 + ["0", "-1", "99999999999999999999", "x"])
    headers["x-amz-content-sha256"] = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD" if signed else "STREAMING-UNSIGNED-PAYLOAD-TRAILER"
    if rng.random() < 0.6:
        headers["x-amz-trailer"] = rng.choice(["x-amz-checksum-crc32", "x-amz-checksum-crc32c", "nope", ""])
    _set_body(ctx, body)
    return f"aws-chunked {'signed' if signed else 'unsigned'}: {note}"


def _headers(ctx) -> dict:
    return ctx["request"]["headers"]


def odd_header(rng, ctx):
    headers = _headers(ctx)
    choice = rng.randrange(12)
    if choice == 0:
        name = rng.choice(list(headers) or ["X-Fuzz"])
        headers[name] = "v" * rng.choice([8 << 10, 64 << 10, 1 << 20]); ctx["framing"] = True; return f"huge {name}"
    if choice == 1:
        for i in range(rng.choice([100, 1000])):
            headers[f"X-Amz-Meta-F{i}"] = "v"
        ctx["framing"] = True
        return "many headers"
    if choice == 2:
        name = rng.choice(["If-Modified-Since", "If-Unmodified-Since", "x-amz-copy-source-if-modified-since",
                           "x-amz-copy-source-if-unmodified-since", "Expires", "Date", "x-amz-object-lock-retain-until-date"])
        value = rng.choice(HUGE_YEAR_DATES)
        headers[name] = value.decode("latin-1"); return f"{name}: {value[:40]!r}"
    if choice == 3:
        headers["Content-Type"] = rng.choice(["", "text/plain", "application/x-amz-json-1.1", "application/x-amz-json-1.0",
                                              "application/x-www-form-urlencoded; charset=nope", "multipart/form-data; boundary=",
                                              "application/json; charset=utf-16", "\x00"])
        ctx["framing"] = headers["Content-Type"] == "\x00"
        return f"Content-Type {headers['Content-Type']!r}"
    if choice == 4:
        headers["Content-Encoding"] = rng.choice(["gzip", "aws-chunked", "deflate", "br", "aws-chunked,gzip", "identity,,"])
        return f"Content-Encoding {headers['Content-Encoding']}"
    if choice == 5:
        headers["Range"] = rng.choice(["bytes=99999999999999999999-", "bytes=-99999999999999999999", "bytes=5-1", "bytes=",
                                       "bytes=0-0,1-1,2-2", "items=0-1", "bytes=-0", "bytes=--1", "bytes=0-" + "9" * 40])
        return f"Range {headers['Range']}"
    if choice == 6:
        name = rng.choice(["x-amz-decoded-content-length", "x-amz-content-sha256", "Content-MD5", "x-amz-checksum-crc32",
                           "x-amz-checksum-sha256", "x-amz-sdk-checksum-algorithm", "x-amz-trailer"])
        headers[name] = rng.choice(["99999999999999999999", "-1", "STREAMING-AWS4-HMAC-SHA256-PAYLOAD", "UNSIGNED-PAYLOAD",
                                    "zz", "====", "", "CRC99", "x-amz-checksum-crc32", "a" * 1000]); return f"{name}: {headers[name][:30]}"
    if choice == 7:
        name = rng.choice(["X-Amz-Target", "X-Amz-Invocation-Type", "X-Amz-Log-Type", "X-Amz-Client-Context",
                           "x-amz-copy-source", "x-amz-tagging", "x-amz-metadata-directive", "x-amz-storage-class"])
        headers[name] = rng.choice(["", "%", "AmazonSQS.", ".", "AWSEvents.PutEvents.Extra", "Event", "Tail",
                                    "!!!not base64", "a" * 100000, "/", "/b/%ff", "k=v&k=v", "\u00e9", "Logs_20140328."])
        return f"{name}: {headers[name][:30]!r}"
    if choice == 8:
        name = rng.choice(list(headers) or ["X-Fuzz"])
        headers[name] = str(headers.get(name, "")) + rng.choice(["\x7f", "\x01", "é", "\u2028"])
        ctx["framing"] = True  # invalid header bytes may be refused by the HTTP layer
        return f"control byte in {name}"
    if choice == 9:
        headers[f"X-Amz-Meta-{'k' * rng.choice([1, 3000])}"] = "é" * 2100; return "large metadata"
    if choice == 10:
        headers["x-amz-date"] = rng.choice(AMZ_DATES).decode("latin-1"); return f"x-amz-date {headers['x-amz-date'][:30]!r}"
    headers["Expect"] = rng.choice(["100-continue", "200-ok", "", "100-continue, 100-continue"]); return f"Expect {headers['Expect']!r}"


def modeled_binding(rng, ctx):
    """An odd value for a header or query member the operation's model binds, typed by its shape."""
    operation = ctx["operation"]
    shape = operation.input_shape
    bound = [(name, member) for name, member in (shape.members.items() if shape else [])
             if member.serialization.get("location") in ("header", "querystring")]
    if not bound:
        return odd_header(rng, ctx)
    # Typed members go through date and number parsers, where traps hide: they get more requests.
    weights = [6 if m.type_name == "timestamp" else 2 if m.type_name in ("integer", "long") else 1 for _, m in bound]
    name, member = rng.choices(bound, weights=weights, k=1)[0]
    wire = member.serialization.get("name", name)
    kind = member.type_name
    if kind == "timestamp":
        value = rng.choice(HUGE_YEAR_DATES[:2] * 4 + HUGE_YEAR_DATES + [
            b"99999999999999999999", b"-1", b"1e400", b"2025-13-45T25:61:61Z", b"+99999-01-01T00:00:00Z", b"1.5e300",
            b"99999999999-01-01T00:00:00Z"]).decode("latin-1")
    elif kind in ("integer", "long"):
        value = str(rng.choice(BIG_NUMBERS[:9] + [10 ** 30, "1.5", "", "-", "0x1F", " 7", "1e3"]))
    elif kind == "boolean":
        value = rng.choice(["maybe", "", "TRUE", "1", "yes"])
    elif kind == "list":
        value = ",".join(rng.choice(ODD_STRINGS) for _ in range(rng.choice([2, 500])))
    else:
        value = rng.choice(ODD_STRINGS + ["x" * 70000])
    value = value.replace("\r", "").replace("\n", "")
    if member.serialization.get("location") == "header":
        ctx["request"]["headers"][wire] = value
        # Control characters are invalid in header values: the HTTP layer may refuse them.
        ctx["framing"] = any(ord(c) < 0x20 and c != "\t" or ord(c) == 0x7f for c in value)
    else:
        from urllib.parse import quote
        request = ctx["request"]
        sep = "&" if "?" in request["url"] else "?"
        request["url"] += f"{sep}{quote(wire)}={quote(value, safe='%', errors='surrogatepass')}"
    if len(value) > 8000:
        ctx["framing"] = True
    return f"{wire}: {value[:50]!r}"


def odd_path(rng, ctx):
    request = ctx["request"]
    url = request["url"]
    scheme_host, _, rest = url.partition("://")[2].partition("/")
    prefix = url[: len(url) - len(rest)]
    rest_path, _, query = rest.partition("?")
    choice = rng.randrange(8)
    if choice == 0:
        rest_path += rng.choice(["%", "%Z", "%zz", "%ff", "%C3%28", "%00", "%2F..%2F", "%ED%A0%80"])
    elif choice == 1:
        length = rng.choice([1100, 8000, 100000])
        rest_path += "/" + "a" * length
        ctx["framing"] = length > 1100  # past the request line limits of HTTP front ends
    elif choice == 2:
        query = (query + "&" if query else "") + rng.choice([
            "max-keys=99999999999999999999", "max-keys=-1", "partNumber=0", "partNumber=99999999999999999999",
            "uploadId=", "list-type=3", "encoding-type=nope", "versionId=%00", "X-Amz-Expires=99999999999999",
            "tagging&tagging", "continuation-token=%%%", "Qualifier=" + "9" * 40, "MaxItems=-5", "Marker=%ff",
            "response-expires=Sun,%2006%20Nov%2099999999999%2008:49:37%20GMT"])
    elif choice == 3:
        rest_path = rest_path.replace("/", "//")
    elif choice == 4:
        rest_path += "/../../.."
    elif choice == 5:
        query = "&".join(["a=1"] * rng.choice([1000, 20000]))
        ctx["framing"] = True
    elif choice == 6:
        rest_path = rest_path + ";x=y"
    else:
        rest_path = "%2F".join(rest_path.split("/"))
    request["url"] = prefix + rest_path + ("?" + query if query else "")
    return f"path {request['url'][len(prefix):][:60]!r}"


# --- frame stage (after signing) -----------------------------------------------------------------

def frame(rng, raw: RawRequest) -> str:
    choice = rng.randrange(13)
    if choice == 0:
        raw.content_length = str(len(raw.body) + rng.choice([1, 100, 1 << 20])).encode(); raw.half_close = True
        return "Content-Length longer than the body, then EOF"
    if choice == 1 and raw.body:
        raw.content_length = str(rng.randrange(len(raw.body))).encode(); return "Content-Length shorter than the body"
    if choice == 2:
        raw.content_length = rng.choice([b"-1", b"abc", b"99999999999999999999999", b"1e3", b" 5", b"", b"0x10", b"+4"])
        raw.half_close = True; return f"Content-Length {raw.content_length!r}"
    if choice == 3:
        raw.headers.append(("Content-Length", str(len(raw.body)).encode()))
        raw.headers.append(("Content-Length", str(len(raw.body) + 3).encode())); raw.half_close = True
        return "two different Content-Lengths"
    if choice == 4:
        raw.omit_content_length = True
        raw.headers.append(("Transfer-Encoding", b"chunked"))
        size = rng.choice([b"zz", b"FFFFFFFFFFFFFFFFFFFF", b"-1", b"%x" % len(raw.body), b"1;ext=" + b"x" * 9000])
        raw.body = size + b"\r\n" + raw.body + b"\r\n" + rng.choice([b"0\r\n\r\n", b"", b"0\r\n"]); raw.half_close = True
        return f"chunked size {size[:20]!r}"
    if choice == 5:
        raw.headers.append(("Transfer-Encoding", b"chunked")); raw.half_close = True
        return "chunked and Content-Length"
    if choice == 6 and raw.body:
        raw.body = raw.body[: rng.randrange(len(raw.body))]
        raw.content_length = None; raw.half_close = True
        raw.content_length = str(len(raw.body) + 10).encode(); return "body cut short"
    if choice == 7:
        size = rng.choice([7 << 20, 12 << 20, 40 << 20])
        raw.body = raw.body + b" " * size; return f"oversized body (+{size} bytes)"
    if choice == 8:
        raw.raw_head = rng.choice([
            b"GET / HTTP/1.1\r\nHost: x\r\n" + b"X: " + b"y" * 200000 + b"\r\n\r\n",
            b"\x16\x03\x01\x00\xa5\x01\x00\x00\xa1\x03\x03" + bytes(range(40)),
            b"GET /" + b"a" * 200000 + b" HTTP/1.1\r\nHost: x\r\n\r\n",
            b"FUZZ / HTTP/1.1\r\nHost: x\r\n\r\n", b"GET / HTTP/9.9\r\nHost: x\r\n\r\n", b"GET /\r\n\r\n",
            b"GET http://evil/ HTTP/1.1\r\nHost: x\r\n\r\n", b"\r\n\r\n", b"GET / HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n",
            b"GET / HTTP/1.1\r\nHost: x\r\nX: a\r\n folded\r\n\r\n", b"GET /%00 HTTP/1.1\r\nHost: x\r\n\r\n",
            b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 5\r\n\r\nhello",
        ]); raw.body = b""; raw.half_close = True
        return f"request head {raw.raw_head[:40]!r}"
    if choice == 9:
        raw.headers = [(n, v) for n, v in raw.headers if n.lower() != "host"]; return "no Host"
    if choice == 10:
        raw.headers.append(("Host", b"other.example")); return "two Hosts"
    if choice == 11:
        name = rng.choice([n for n, _ in raw.headers] or ["X-Fuzz"])
        raw.headers.append((name, rng.choice([b"second", b"", b"\xff\xfe"]))); return f"duplicated {name}"
    raw.headers.append(("X-Fuzz", b"\xff\xfe\x00\x80" * rng.choice([1, 5000]))); return "non-ASCII header bytes"


# --- auth stage (after signing) ------------------------------------------------------------------

def auth(rng, raw: RawRequest) -> str:
    authorization = raw.header("Authorization") or b""
    choice = rng.randrange(12)
    if choice == 0:
        raw.set_header("Authorization", re.sub(rb"Signature=[0-9a-f]+", b"Signature=" + b"0" * 64, authorization))
        return "wrong signature"
    if choice == 1:
        raw.set_header("Authorization", authorization.replace(b"Credential=test/", b"Credential=NOPE/")); return "unknown access key"
    if choice == 2:
        raw.set_header("Authorization", rng.choice([
            b"AWS4-HMAC-SHA256", b"AWS4-HMAC-SHA256 ", b"AWS4-HMAC-SHA256 Credential=", b"AWS test:abc", b"Bearer x",
            b"AWS4-HMAC-SHA256 Credential=test/20250101/us-east-1/s3/aws4_request, SignedHeaders=, Signature=",
            b"AWS4-HMAC-SHA256 Credential=test/2025/us-east-1, SignedHeaders=host, Signature=zz",
            b"AWS4-HMAC-SHA256 Credential=test//////, SignedHeaders=;;;, Signature=00",
            b"AWS4-HMAC-SHA256 Credential=test/20250101/us-east-1/s3/aws4_request, SignedHeaders=nope;host, Signature=" + b"a" * 64,
            b"AWS4-HMAC-SHA256 Credential=" + b"c/" * 50000, b"\xff\xfe", b"AWS4-HMAC-SHA256 ,,,,,,,,=,=,=",
        ])); return f"malformed Authorization {raw.header('Authorization')[:50]!r}"
    if choice == 3:
        raw.set_header("X-Amz-Date", rng.choice(AMZ_DATES)); return f"X-Amz-Date {raw.header('X-Amz-Date')[:30]!r}"
    if choice == 4:
        raw.set_header("X-Amz-Date", b"20000101T000000Z"); return "stale X-Amz-Date"
    if choice == 5:
        raw.remove_header("Authorization"); return "unsigned"
    if choice == 6:
        raw.body = raw.body + b" "; return "body changed after signing"
    if choice == 7:
        raw.headers.append(("Authorization", authorization + b"x")); return "two Authorization headers"
    if choice == 8:
        sep = "&" if "?" in raw.target else "?"
        raw.remove_header("Authorization")
        raw.target += sep + rng.choice([
            "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=test%2F20250101%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20250101T000000Z&X-Amz-Expires=99999999999999999999&X-Amz-SignedHeaders=host&X-Amz-Signature=00",
            "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=%%%&X-Amz-Date=99999999T999999Z&X-Amz-Expires=-1&X-Amz-SignedHeaders=&X-Amz-Signature=",
            "AWSAccessKeyId=test&Expires=99999999999999999999&Signature=%%%",
            "AWSAccessKeyId=test&Expires=-99999999999999999999&Signature=abc",
            "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Algorithm=AWS4-HMAC-SHA256",
        ]); return "odd pre-signed query"
    if choice == 9:
        raw.set_header("Authorization", authorization.replace(b"/us-east-1/", rng.choice([b"/nowhere-9/", b"//", b"/\xff/"])))
        return "other region in scope"
    if choice == 10:
        raw.set_header("Authorization", re.sub(rb"/\d{8}/", b"/99999999/", authorization)); return "bad scope date"
    raw.set_header("Authorization", authorization.replace(b"SignedHeaders=", b"SignedHeaders=x-missing;")); return "signs a missing header"


MUTATION_CLASSES = [
    MutationClass("none", "none", 0.5),
    MutationClass("wrong-type", "params", 2),
    MutationClass("missing-member", "params", 1.5),
    MutationClass("huge-value", "params", 1),
    MutationClass("big-number", "params", 1.5),
    MutationClass("odd-string", "params", 2),
    MutationClass("nested-value", "params", 0.7),
    MutationClass("nasty-document", "params", 2),
    MutationClass("body-encoding", "body", 3),
    MutationClass("odd-header", "body", 2),
    MutationClass("odd-path", "body", 1.5),
    MutationClass("modeled-binding", "body", 2),
    MutationClass("aws-chunked", "body", 1),
    MutationClass("framing", "frame", 1.5, framing=True),
    MutationClass("bad-signature", "auth", 1.5),
]

PARAM_MUTATORS: dict[str, Mutator] = {
    "wrong-type": wrong_type, "missing-member": missing_required, "huge-value": huge_value,
    "big-number": big_number, "odd-string": odd_string, "nested-value": nested_value, "nasty-document": nasty_document,
}
BODY_MUTATORS: dict[str, Mutator] = {"body-encoding": body_encoding, "odd-header": odd_header, "odd-path": odd_path,
                                     "modeled-binding": modeled_binding, "aws-chunked": aws_chunked}


def dump_params(params) -> str:
    """Parameters as short text for reproductions."""
    try:
        text = json.dumps(params, default=lambda o: repr(o)[:100])
    except (ValueError, RecursionError):
        text = repr(params)
    return text[:2000]
