#!/usr/bin/env python3
"""An independent KV-event publisher for the probe's integration tests.

It speaks vLLM's wire protocol (facts section 1) with pyzmq and msgpack, written apart from the
plugin's Java test publisher so that an encoder and a decoder cannot share a mistake: topic,
8-byte big-endian sequence and msgpack payload on the event socket; replay on a ROUTER that answers
(seq, payload) for each kept batch from the asked sequence and ends with seq -1. The event socket is
an XPUB only so that the script can wait for the probe's subscription before publishing; to a
subscriber it is a PUB socket.

It writes what it sent (its own counts) to --expected, for verify.groovy to compare with probe.json.
"""
import argparse
import hashlib
import json
import sys
import time

import msgpack
import zmq

TOPIC = b"kv-events"
BLOCK = 16


def events_for(i):
    """The events of batch i, as (kind, fields by name in vLLM's order)."""
    parent = None if i == 0 else 1000 + i - 1
    stored_int = ("BlockStored", [
        ("block_hashes", [1000 + i, 2000 + i]),
        ("parent_block_hash", parent),
        ("token_ids", list(range(i, i + 2 * BLOCK))),
        ("block_size", BLOCK),
        ("lora_id", None),
        ("medium", "GPU"),
        ("lora_name", None),
    ])
    digest = hashlib.sha256(str(i).encode()).digest()
    stored_bytes = ("BlockStored", [
        ("block_hashes", [digest]),
        ("parent_block_hash", None),
        ("token_ids", list(range(BLOCK))),
        ("block_size", BLOCK),
        ("lora_id", None),
        ("medium", "GPU"),
        ("lora_name", None),
        ("extra_keys", None),
        ("group_idx", 0),
        ("kv_cache_spec_kind", "full_attention"),
    ])
    removed = ("BlockRemoved", [("block_hashes", [1000 + i]), ("medium", "GPU")])
    cleared = ("AllBlocksCleared", [])
    if i % 4 == 3:
        return [removed, cleared]
    if i % 2 == 1:
        return [stored_bytes, removed]
    return [stored_int]


def encode(fmt, events, rank):
    ts = 1767225600.0 + 0.5
    if fmt == "arrays":
        body = [[kind] + [value for _, value in fields] for kind, fields in events]
        return msgpack.packb([ts, body, rank], use_bin_type=True)
    body = []
    for kind, fields in events:
        item = {"type": kind}
        item.update({name: value for name, value in fields})
        body.append(item)
    return msgpack.packb({"ts": ts, "events": body, "data_parallel_rank": rank}, use_bin_type=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--format", choices=["arrays", "maps"], required=True)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--batches", type=int, default=12)
    parser.add_argument("--expected", required=True)
    parser.add_argument("--ready", required=True)
    parser.add_argument("--linger", type=float, default=60.0)
    args = parser.parse_args()

    context = zmq.Context()
    pub = context.socket(zmq.XPUB)
    pub.bind("tcp://127.0.0.1:%d" % args.port)
    router = context.socket(zmq.ROUTER)
    router.bind("tcp://127.0.0.1:%d" % (args.port + 1))
    open(args.ready, "w").write("ready\n")

    if not pub.poll(int(args.linger * 1000)):
        print("no subscriber", file=sys.stderr)
        return 1
    pub.recv()  # the subscription

    kept = []
    kinds = {}
    hashes = {"int": 0, "bytes": 0}
    count = 0
    for seq in range(args.batches):
        events = events_for(seq)
        for kind, fields in events:
            kinds[kind] = kinds.get(kind, 0) + 1
            count += 1
            for name, value in fields:
                values = value if name == "block_hashes" else ([value] if name == "parent_block_hash" and value is not None else [])
                for h in values:
                    hashes["bytes" if isinstance(h, bytes) else "int"] += 1
        payload = encode(args.format, events, 0)
        pub.send_multipart([TOPIC, seq.to_bytes(8, "big"), payload])
        kept.append((seq, payload))

    with open(args.expected, "w") as out:
        json.dump({
            "batches": args.batches,
            "events": count,
            "eventsByKind": kinds,
            "format": args.format,
            "topic": TOPIC.decode(),
            "rank": 0,
            "blockSize": BLOCK,
            "blockHashes": hashes,
        }, out, sort_keys=True)

    # Serve replay requests (identity, empty, start) until none came for a while.
    deadline = time.time() + args.linger
    while time.time() < deadline:
        if not router.poll(200):
            continue
        frames = router.recv_multipart()
        if len(frames) != 3:
            continue
        identity, _, start = frames
        first = int.from_bytes(start, "big")
        for seq, payload in kept:
            if seq >= first:
                router.send_multipart([identity, b"", seq.to_bytes(8, "big"), payload])
        router.send_multipart([identity, b"", (-1).to_bytes(8, "big", signed=True), b""])
        deadline = time.time() + 2.0
    return 0


if __name__ == "__main__":
    sys.exit(main())
