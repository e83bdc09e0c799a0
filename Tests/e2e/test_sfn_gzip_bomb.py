"""A gzip bomb in an S3 Inventory data file fails the Map state with States.ItemReaderFailed,
and the stack stays up (issue 12: the hand-written inflater had no output cap)."""

from __future__ import annotations

import gzip
import json

from harness import http
from sfnhelpers import definition, run
from test_sfn_distributed_map import ECHO, distributed


def test_gzip_bomb_in_an_inventory_data_file_fails_the_reader(brume, sfn, s3, bucket, make_state_machine):
    # 256 MiB of zeros in about 256 KB: a thousandfold, four times the ratio Brume accepts.
    bomb = gzip.compress(b"\0" * (256 << 20), compresslevel=9)
    s3.put_object(Bucket=bucket, Key="inventory/data/bomb.csv.gz", Body=bomb)
    manifest = {"sourceBucket": bucket, "destinationBucket": f"arn:aws:s3:::{bucket}", "version": "2016-11-30",
                "fileFormat": "CSV", "fileSchema": "Bucket, Key",
                "files": [{"key": "inventory/data/bomb.csv.gz", "size": len(bomb), "MD5checksum": "x"}]}
    s3.put_object(Bucket=bucket, Key="inventory/manifest.json", Body=json.dumps(manifest).encode())
    machine = make_state_machine(definition({"Fan": distributed(ECHO, ItemReader={
        "Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": {"InputType": "MANIFEST"},
        "Parameters": {"Bucket": bucket, "Key": "inventory/manifest.json"}})}))
    described = run(sfn, machine, {}, timeout=60)
    assert described["status"] == "FAILED", described
    assert described["error"] == "States.ItemReaderFailed"
    assert "expands more than 256 times its compressed size" in described["cause"]
    assert http().get(f"{brume.endpoint}/_brume/health", timeout=5).status_code == 200
