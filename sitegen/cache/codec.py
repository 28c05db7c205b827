"""Turn cached values into plain JSON and back, building only the dataclasses listed here.

The cache holds data, never code: no pickle, no marshal. A value is made of None, bools,
numbers, strings, bytes, dates, lists, tuples, sets, dicts and the dataclasses in
`_TYPES`; anything else cannot be stored. Decoding checks every tag and field name and
refuses the rest, so a planted cache can at worst be refused, never run.
"""

from __future__ import annotations

import base64
import dataclasses
import datetime as dt
import json
from typing import Any

from ..content import Article
from ..markup.dialect import Heading, Link
from ..markup.scan import BodyScan
from ..problems import Problem

# Dataclasses a cached value may contain, by name; cache-layer modules add their own.
_TYPES: dict[str, type] = {cls.__name__: cls for cls in (Article, BodyScan, Heading, Link, Problem)}


class CodecError(ValueError):
    """A stored value is not one this codec writes."""


def register(cls: type) -> type:
    """Allow a dataclass in cached values; usable as a class decorator."""
    if not dataclasses.is_dataclass(cls):
        raise TypeError(f"{cls.__name__} is not a dataclass")
    _TYPES[cls.__name__] = cls
    return cls


def encode(value: object) -> bytes:
    """Return value as compact, deterministic JSON bytes."""
    return json.dumps(_plain(value), ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def decode(data: bytes) -> Any:
    """Return the value that encode() turned into data; raise CodecError for anything else."""
    try:
        raw = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise CodecError(f"not JSON: {exc}") from None
    try:
        return _value(raw)
    except RecursionError:
        raise CodecError("nested too deeply") from None


def _plain(value: object) -> object:
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, bytes):
        return {"$bytes": base64.b64encode(value).decode("ascii")}
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return {"$date": value.isoformat()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, tuple):
        return {"$tuple": [_plain(v) for v in value]}
    if isinstance(value, set | frozenset):
        items = sorted((_plain(v) for v in value), key=repr)
        return {"$frozenset" if isinstance(value, frozenset) else "$set": items}
    if isinstance(value, dict):
        return {"$dict": [[_plain(k), _plain(v)] for k, v in value.items()]}
    name = type(value).__name__
    if dataclasses.is_dataclass(value) and _TYPES.get(name) is type(value):
        fields = {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value) if f.init}
        return {"$type": name, "fields": fields}
    raise TypeError(f"the cache stores plain data only, not {type(value).__qualname__}")


def _value(raw: object) -> object:
    if raw is None or isinstance(raw, bool | int | float | str):
        return raw
    if isinstance(raw, list):
        return [_value(v) for v in raw]
    if not isinstance(raw, dict) or len(raw) not in (1, 2):
        raise CodecError("unexpected object")
    if "$type" in raw:
        return _dataclass(raw)
    ((tag, body),) = raw.items()
    if tag == "$bytes" and isinstance(body, str):
        try:
            return base64.b64decode(body, validate=True)
        except ValueError:
            raise CodecError("bad bytes") from None
    if tag == "$date" and isinstance(body, str):
        try:
            return dt.date.fromisoformat(body)
        except ValueError:
            raise CodecError("bad date") from None
    if not isinstance(body, list):
        raise CodecError(f"unexpected tag {tag!r}")
    if tag == "$tuple":
        return tuple(_value(v) for v in body)
    if tag in ("$set", "$frozenset"):
        items = [_value(v) for v in body]
        try:
            return set(items) if tag == "$set" else frozenset(items)
        except TypeError:
            raise CodecError("unhashable set member") from None
    if tag == "$dict":
        out: dict[object, object] = {}
        for pair in body:
            if not isinstance(pair, list) or len(pair) != 2:
                raise CodecError("bad dict entry")
            key = _value(pair[0])
            try:
                out[key] = _value(pair[1])
            except TypeError:
                raise CodecError("unhashable dict key") from None
        return out
    raise CodecError(f"unexpected tag {tag!r}")


def _dataclass(raw: dict[str, object]) -> object:
    name, fields = raw.get("$type"), raw.get("fields")
    cls = _TYPES.get(name) if isinstance(name, str) else None
    if cls is None or not isinstance(fields, dict) or set(raw) != {"$type", "fields"}:
        raise CodecError(f"unknown type {name!r}")
    wanted = {f.name for f in dataclasses.fields(cls) if f.init}
    if set(fields) != wanted:
        raise CodecError(f"fields of {name} do not match")
    return cls(**{k: _value(v) for k, v in fields.items()})
