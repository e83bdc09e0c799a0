"""KMS through boto3: keys, aliases, tags, envelope encryption with real AES-256-GCM, tamper
detection, rotation and deletion on the stack clock, and durability over kill -9."""

from __future__ import annotations

import base64
import os
import signal
import uuid

import boto3
import pytest
import requests
from botocore.config import Config
from botocore.exceptions import ClientError
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from harness import ACCESS_KEY, REGION, SECRET_KEY

ACCOUNT = "000000000000"
DAY = 86_400


def make_kms(endpoint: str):
    cfg = Config(retries={"total_max_attempts": 1}, connect_timeout=5, read_timeout=60)
    return boto3.session.Session().client(
        "kms", endpoint_url=endpoint, aws_access_key_id=ACCESS_KEY, aws_secret_access_key=SECRET_KEY,
        region_name=REGION, config=cfg)


@pytest.fixture(scope="module")
def kms(brume):
    return make_kms(brume.endpoint)


def error_code(excinfo) -> str:
    return excinfo.value.response["Error"]["Code"]


def advance(server, seconds: int) -> None:
    response = requests.post(f"{server.endpoint}/_brume/clock", json={"advanceSeconds": seconds}, timeout=10)
    assert response.status_code == 200, response.text


def test_create_describe_by_every_name_and_list(kms):
    meta = kms.create_key(Description="e2e key", Tags=[{"TagKey": "team", "TagValue": "data"}])["KeyMetadata"]
    key_id = meta["KeyId"]
    uuid.UUID(key_id)
    assert meta["Arn"] == f"arn:aws:kms:{REGION}:{ACCOUNT}:key/{key_id}"
    assert meta["AWSAccountId"] == ACCOUNT
    assert meta["KeyState"] == "Enabled" and meta["Enabled"] is True
    assert meta["KeySpec"] == meta["CustomerMasterKeySpec"] == "SYMMETRIC_DEFAULT"
    assert meta["KeyUsage"] == "ENCRYPT_DECRYPT"
    assert meta["EncryptionAlgorithms"] == ["SYMMETRIC_DEFAULT"]
    assert meta["Origin"] == "AWS_KMS" and meta["KeyManager"] == "CUSTOMER"
    alias = f"alias/e2e-{uuid.uuid4().hex[:8]}"
    kms.create_alias(AliasName=alias, TargetKeyId=key_id)
    for name in (key_id, meta["Arn"], alias, f"arn:aws:kms:{REGION}:{ACCOUNT}:{alias}"):
        assert kms.describe_key(KeyId=name)["KeyMetadata"]["KeyId"] == key_id
    listed = [k["KeyId"] for page in kms.get_paginator("list_keys").paginate(PaginationConfig={"PageSize": 1}) for k in page["Keys"]]
    assert key_id in listed and len(listed) == len(set(listed))
    aliases = kms.list_aliases(KeyId=key_id)["Aliases"]
    assert [a["AliasName"] for a in aliases] == [alias]
    assert aliases[0]["AliasArn"] == f"arn:aws:kms:{REGION}:{ACCOUNT}:{alias}"
    assert kms.list_resource_tags(KeyId=key_id)["Tags"] == [{"TagKey": "team", "TagValue": "data"}]
    policy = kms.get_key_policy(KeyId=key_id, PolicyName="default")["Policy"]
    assert f"arn:aws:iam::{ACCOUNT}:root" in policy
    with pytest.raises(ClientError) as excinfo:
        kms.describe_key(KeyId=str(uuid.uuid4()))
    assert error_code(excinfo) == "NotFoundException"
    with pytest.raises(ClientError) as excinfo:
        kms.create_alias(AliasName="alias/aws/mine", TargetKeyId=key_id)
    assert error_code(excinfo) == "NotAuthorizedException"
    with pytest.raises(ClientError) as excinfo:
        kms.create_alias(AliasName=alias, TargetKeyId=key_id)
    assert error_code(excinfo) == "AlreadyExistsException"


def test_envelope_encryption_round_trip(kms):
    key_id = kms.create_key()["KeyMetadata"]["KeyId"]
    context = {"bucket": "b", "object": "o"}
    data_key = kms.generate_data_key(KeyId=key_id, KeySpec="AES_256", EncryptionContext=context)
    assert len(data_key["Plaintext"]) == 32
    nonce = os.urandom(12)
    sealed = AESGCM(data_key["Plaintext"]).encrypt(nonce, b"customer record", None)
    # Later: only the encrypted data key is kept; KMS gives the data key back.
    opened = kms.decrypt(CiphertextBlob=data_key["CiphertextBlob"], EncryptionContext=context)
    assert opened["KeyId"] == data_key["KeyId"]
    assert AESGCM(opened["Plaintext"]).decrypt(nonce, sealed, None) == b"customer record"
    without = kms.generate_data_key_without_plaintext(KeyId=key_id, NumberOfBytes=16)
    assert "Plaintext" not in without
    assert len(kms.decrypt(CiphertextBlob=without["CiphertextBlob"])["Plaintext"]) == 16
    assert len(kms.generate_random(NumberOfBytes=100)["Plaintext"]) == 100


def test_tampering_wrong_context_and_wrong_key_are_refused(kms):
    key_id = kms.create_key()["KeyMetadata"]["KeyId"]
    other = kms.create_key()["KeyMetadata"]["KeyId"]
    blob = kms.encrypt(KeyId=key_id, Plaintext=b"pin 1234", EncryptionContext={"user": "ann"})["CiphertextBlob"]
    assert kms.decrypt(CiphertextBlob=blob, EncryptionContext={"user": "ann"})["Plaintext"] == b"pin 1234"
    for context in ({}, {"user": "bob"}, {"user": "ann", "extra": "x"}):
        with pytest.raises(ClientError) as excinfo:
            kms.decrypt(CiphertextBlob=blob, EncryptionContext=context)
        assert error_code(excinfo) == "InvalidCiphertextException"
    for index in (0, 10, 40, 50, len(blob) - 1):
        tampered = bytearray(blob)
        tampered[index] ^= 0x01
        with pytest.raises(ClientError) as excinfo:
            kms.decrypt(CiphertextBlob=bytes(tampered), EncryptionContext={"user": "ann"})
        assert error_code(excinfo) == "InvalidCiphertextException"
    with pytest.raises(ClientError) as excinfo:
        kms.decrypt(CiphertextBlob=blob, KeyId=other, EncryptionContext={"user": "ann"})
    assert error_code(excinfo) == "IncorrectKeyException"
    with pytest.raises(ClientError) as excinfo:
        kms.decrypt(CiphertextBlob=b"not a ciphertext blob at all")
    assert error_code(excinfo) == "InvalidCiphertextException"
    moved = kms.re_encrypt(CiphertextBlob=blob, SourceEncryptionContext={"user": "ann"}, DestinationKeyId=other)
    assert moved["SourceKeyId"].endswith(key_id) and moved["KeyId"].endswith(other)
    assert kms.decrypt(CiphertextBlob=moved["CiphertextBlob"])["Plaintext"] == b"pin 1234"


def test_limits_and_validation(kms):
    key_id = kms.create_key()["KeyMetadata"]["KeyId"]
    kms.encrypt(KeyId=key_id, Plaintext=b"x" * 4096)
    for call in (lambda: kms.encrypt(KeyId=key_id, Plaintext=b"x" * 4097),
                 lambda: kms.generate_data_key(KeyId=key_id),
                 lambda: kms.generate_data_key(KeyId=key_id, NumberOfBytes=1025),
                 lambda: kms.create_key(KeyUsage="SIGN_VERIFY")):
        with pytest.raises(ClientError) as excinfo:
            call()
        assert error_code(excinfo) == "ValidationException"
    with pytest.raises(ClientError) as excinfo:
        kms.encrypt(KeyId=key_id, Plaintext=b"x", EncryptionAlgorithm="RSAES_OAEP_SHA_256")
    assert error_code(excinfo) == "InvalidKeyUsageException"
    with pytest.raises(ClientError) as excinfo:
        kms.import_key_material(KeyId=key_id, ImportToken=b"t", EncryptedKeyMaterial=b"m")
    assert error_code(excinfo) == "UnknownOperationException"


def test_disable_enable_and_cancel_deletion(kms):
    key_id = kms.create_key()["KeyMetadata"]["KeyId"]
    blob = kms.encrypt(KeyId=key_id, Plaintext=b"x")["CiphertextBlob"]
    kms.disable_key(KeyId=key_id)
    with pytest.raises(ClientError) as excinfo:
        kms.decrypt(CiphertextBlob=blob)
    assert error_code(excinfo) == "DisabledException"
    kms.enable_key(KeyId=key_id)
    with pytest.raises(ClientError) as excinfo:
        kms.schedule_key_deletion(KeyId=key_id, PendingWindowInDays=31)
    assert error_code(excinfo) == "ValidationException"
    scheduled = kms.schedule_key_deletion(KeyId=key_id, PendingWindowInDays=7)
    assert scheduled["KeyState"] == "PendingDeletion" and scheduled["PendingWindowInDays"] == 7
    assert kms.describe_key(KeyId=key_id)["KeyMetadata"]["DeletionDate"] == scheduled["DeletionDate"]
    with pytest.raises(ClientError) as excinfo:
        kms.encrypt(KeyId=key_id, Plaintext=b"x")
    assert error_code(excinfo) == "KMSInvalidStateException"
    kms.cancel_key_deletion(KeyId=key_id)
    assert kms.describe_key(KeyId=key_id)["KeyMetadata"]["KeyState"] == "Disabled"


def test_deletion_and_automatic_rotation_follow_the_stack_clock(brume_factory):
    server = brume_factory()
    kms = make_kms(server.endpoint)
    doomed = kms.create_key()["KeyMetadata"]["KeyId"]
    kms.schedule_key_deletion(KeyId=doomed, PendingWindowInDays=7)
    rotating = kms.create_key()["KeyMetadata"]["KeyId"]
    old = kms.encrypt(KeyId=rotating, Plaintext=b"before")["CiphertextBlob"]
    kms.enable_key_rotation(KeyId=rotating, RotationPeriodInDays=90)
    status = kms.get_key_rotation_status(KeyId=rotating)
    assert status["KeyRotationEnabled"] is True and status["RotationPeriodInDays"] == 90
    kms.rotate_key_on_demand(KeyId=rotating)

    advance(server, 7 * DAY + 60)
    with pytest.raises(ClientError) as excinfo:
        kms.describe_key(KeyId=doomed)
    assert error_code(excinfo) == "NotFoundException"

    advance(server, 90 * DAY)
    rotations = kms.list_key_rotations(KeyId=rotating)["Rotations"]
    assert [r["RotationType"] for r in rotations] == ["ON_DEMAND", "AUTOMATIC"]
    assert kms.decrypt(CiphertextBlob=old)["Plaintext"] == b"before"
    new = kms.encrypt(KeyId=rotating, Plaintext=b"after")["CiphertextBlob"]
    assert new != old and kms.decrypt(CiphertextBlob=new)["Plaintext"] == b"after"
    current = kms.describe_key(KeyId=rotating)["KeyMetadata"]["CurrentKeyMaterialId"]
    assert current == rotations[-1]["KeyMaterialId"]


def test_keys_survive_kill_9_and_material_is_sealed(brume_factory, tmp_path):
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    first = brume_factory(data_dir=data_dir)
    kms = make_kms(first.endpoint)
    key_id = kms.create_key()["KeyMetadata"]["KeyId"]
    kms.create_alias(AliasName="alias/durable", TargetKeyId=key_id)
    blob = kms.encrypt(KeyId=key_id, Plaintext=b"survives", EncryptionContext={"k": "v"})["CiphertextBlob"]
    kms.rotate_key_on_demand(KeyId=key_id)
    os.kill(first.process.pid, signal.SIGKILL)
    first.process.wait(timeout=10)

    master = data_dir / "kms" / "master.key"
    assert master.stat().st_mode & 0o777 == 0o600
    assert master.stat().st_size == 32

    second = brume_factory(data_dir=data_dir, port=first.port)
    kms = make_kms(second.endpoint)
    assert kms.describe_key(KeyId="alias/durable")["KeyMetadata"]["KeyId"] == key_id
    assert kms.decrypt(CiphertextBlob=blob, EncryptionContext={"k": "v"})["Plaintext"] == b"survives"
    assert len(kms.list_key_rotations(KeyId=key_id)["Rotations"]) == 1
