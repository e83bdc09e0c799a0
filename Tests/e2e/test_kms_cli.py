"""The AWS CLI against Brume's KMS: `aws kms …` for keys, aliases, tags, rotation and
envelope encryption (the CLI's fileb:// and base64 handling of blobs)."""

import base64
import uuid

from harness import cli_output as out


def test_kms_operations_with_cli(aws, tmp_path):
    key = out(aws("kms", "create-key", "--description", "cli key", "--tags", "TagKey=team,TagValue=cli"))["KeyMetadata"]
    key_id = key["KeyId"]
    alias = f"alias/cli-{uuid.uuid4().hex[:8]}"
    aws("kms", "create-alias", "--alias-name", alias, "--target-key-id", key_id)
    assert out(aws("kms", "describe-key", "--key-id", alias))["KeyMetadata"]["Arn"] == key["Arn"]
    assert alias in [a["AliasName"] for a in out(aws("kms", "list-aliases"))["Aliases"]]
    assert key_id in [k["KeyId"] for k in out(aws("kms", "list-keys"))["Keys"]]

    plain = tmp_path / "plain.txt"
    plain.write_bytes(b"hello from the cli")
    encrypted = out(aws("kms", "encrypt", "--key-id", alias, "--plaintext", f"fileb://{plain}",
                        "--encryption-context", "purpose=test"))
    blob = tmp_path / "blob.bin"
    blob.write_bytes(base64.b64decode(encrypted["CiphertextBlob"]))
    decrypted = out(aws("kms", "decrypt", "--ciphertext-blob", f"fileb://{blob}", "--encryption-context", "purpose=test"))
    assert base64.b64decode(decrypted["Plaintext"]) == b"hello from the cli"
    refused = aws("kms", "decrypt", "--ciphertext-blob", f"fileb://{blob}", check=False)
    assert refused.returncode != 0 and "InvalidCiphertextException" in refused.stderr

    data_key = out(aws("kms", "generate-data-key", "--key-id", key_id, "--key-spec", "AES_128"))
    assert len(base64.b64decode(data_key["Plaintext"])) == 16
    assert len(base64.b64decode(out(aws("kms", "generate-random", "--number-of-bytes", "24"))["Plaintext"])) == 24

    aws("kms", "tag-resource", "--key-id", key_id, "--tags", "TagKey=env,TagValue=dev")
    tags = out(aws("kms", "list-resource-tags", "--key-id", key_id))["Tags"]
    assert {t["TagKey"]: t["TagValue"] for t in tags} == {"team": "cli", "env": "dev"}
    aws("kms", "untag-resource", "--key-id", key_id, "--tag-keys", "env")

    aws("kms", "enable-key-rotation", "--key-id", key_id, "--rotation-period-in-days", "180")
    assert out(aws("kms", "get-key-rotation-status", "--key-id", key_id))["RotationPeriodInDays"] == 180
    aws("kms", "rotate-key-on-demand", "--key-id", key_id)
    assert [r["RotationType"] for r in out(aws("kms", "list-key-rotations", "--key-id", key_id))["Rotations"]] == ["ON_DEMAND"]
    again = out(aws("kms", "decrypt", "--ciphertext-blob", f"fileb://{blob}", "--encryption-context", "purpose=test"))
    assert base64.b64decode(again["Plaintext"]) == b"hello from the cli"

    aws("kms", "disable-key", "--key-id", key_id)
    assert out(aws("kms", "describe-key", "--key-id", key_id))["KeyMetadata"]["KeyState"] == "Disabled"
    aws("kms", "enable-key", "--key-id", key_id)
    aws("kms", "delete-alias", "--alias-name", alias)
    scheduled = out(aws("kms", "schedule-key-deletion", "--key-id", key_id, "--pending-window-in-days", "7"))
    assert scheduled["KeyState"] == "PendingDeletion"
    aws("kms", "cancel-key-deletion", "--key-id", key_id)


def test_kms_sign_verify_and_mac_with_cli(aws, tmp_path):
    key_id = out(aws("kms", "create-key", "--key-spec", "ECC_NIST_P256", "--key-usage", "SIGN_VERIFY"))["KeyMetadata"]["KeyId"]
    message = tmp_path / "message.txt"
    message.write_bytes(b"ship it")
    signed = out(aws("kms", "sign", "--key-id", key_id, "--message", f"fileb://{message}", "--signing-algorithm", "ECDSA_SHA_256"))
    signature = tmp_path / "signature.der"
    signature.write_bytes(base64.b64decode(signed["Signature"]))
    verified = out(aws("kms", "verify", "--key-id", key_id, "--message", f"fileb://{message}", "--signature", f"fileb://{signature}",
                       "--signing-algorithm", "ECDSA_SHA_256"))
    assert verified["SignatureValid"] is True
    public = out(aws("kms", "get-public-key", "--key-id", key_id))
    assert public["KeySpec"] == "ECC_NIST_P256" and public["SigningAlgorithms"] == ["ECDSA_SHA_256"]

    mac_key = out(aws("kms", "create-key", "--key-spec", "HMAC_256", "--key-usage", "GENERATE_VERIFY_MAC"))["KeyMetadata"]["KeyId"]
    mac = out(aws("kms", "generate-mac", "--key-id", mac_key, "--message", f"fileb://{message}", "--mac-algorithm", "HMAC_SHA_256"))
    mac_file = tmp_path / "mac.bin"
    mac_file.write_bytes(base64.b64decode(mac["Mac"]))
    assert out(aws("kms", "verify-mac", "--key-id", mac_key, "--message", f"fileb://{message}", "--mac", f"fileb://{mac_file}",
                   "--mac-algorithm", "HMAC_SHA_256"))["MacValid"] is True
