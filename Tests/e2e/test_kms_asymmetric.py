"""KMS asymmetric and HMAC keys through boto3, checked by an independent implementation (the
`cryptography` package): signatures made by Brume verify against the public key GetPublicKey
returns, RSA ciphertexts made with that public key decrypt in Brume, and data key pairs match."""

from __future__ import annotations

import hashlib
import hmac

import pytest
from botocore.exceptions import ClientError
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, utils

from test_kms import error_code, make_kms


@pytest.fixture(scope="module")
def kms(brume):
    return make_kms(brume.endpoint)


@pytest.mark.parametrize("spec,algorithm,hash_cls", [
    ("ECC_NIST_P256", "ECDSA_SHA_256", hashes.SHA256),
    ("ECC_NIST_P384", "ECDSA_SHA_384", hashes.SHA384),
    ("ECC_NIST_P521", "ECDSA_SHA_512", hashes.SHA512),
])
def test_ecdsa_signatures_verify_outside_brume(kms, spec, algorithm, hash_cls):
    meta = kms.create_key(KeySpec=spec, KeyUsage="SIGN_VERIFY")["KeyMetadata"]
    assert meta["SigningAlgorithms"] == [algorithm]
    public = serialization.load_der_public_key(kms.get_public_key(KeyId=meta["KeyId"])["PublicKey"])
    signature = kms.sign(KeyId=meta["KeyId"], Message=b"release 1.2.3", SigningAlgorithm=algorithm)["Signature"]
    public.verify(signature, b"release 1.2.3", ec.ECDSA(hash_cls()))
    digest = hashlib.new(hash_cls.name, b"release 1.2.3").digest()
    by_digest = kms.sign(KeyId=meta["KeyId"], Message=digest, MessageType="DIGEST", SigningAlgorithm=algorithm)["Signature"]
    public.verify(by_digest, digest, ec.ECDSA(utils.Prehashed(hash_cls())))
    assert kms.verify(KeyId=meta["KeyId"], Message=b"release 1.2.3", Signature=signature, SigningAlgorithm=algorithm)["SignatureValid"]
    with pytest.raises(ClientError) as excinfo:
        kms.verify(KeyId=meta["KeyId"], Message=b"release 1.2.4", Signature=signature, SigningAlgorithm=algorithm)
    assert error_code(excinfo) == "KMSInvalidSignatureException"


def test_rsa_signing_and_encryption_interoperate(kms):
    signing = kms.create_key(KeySpec="RSA_3072", KeyUsage="SIGN_VERIFY")["KeyMetadata"]["KeyId"]
    public = serialization.load_der_public_key(kms.get_public_key(KeyId=signing)["PublicKey"])
    assert public.key_size == 3072
    pss = kms.sign(KeyId=signing, Message=b"doc", SigningAlgorithm="RSASSA_PSS_SHA_256")["Signature"]
    public.verify(pss, b"doc", padding.PSS(mgf=padding.MGF1(hashes.SHA256()), salt_length=32), hashes.SHA256())
    pkcs1 = kms.sign(KeyId=signing, Message=b"doc", SigningAlgorithm="RSASSA_PKCS1_V1_5_SHA_512")["Signature"]
    public.verify(pkcs1, b"doc", padding.PKCS1v15(), hashes.SHA512())

    encrypting = kms.create_key(KeySpec="RSA_2048", KeyUsage="ENCRYPT_DECRYPT")["KeyMetadata"]
    assert encrypting["EncryptionAlgorithms"] == ["RSAES_OAEP_SHA_1", "RSAES_OAEP_SHA_256"]
    public = serialization.load_der_public_key(kms.get_public_key(KeyId=encrypting["KeyId"])["PublicKey"])
    outside = public.encrypt(b"from outside", padding.OAEP(mgf=padding.MGF1(hashes.SHA256()), algorithm=hashes.SHA256(), label=None))
    opened = kms.decrypt(KeyId=encrypting["KeyId"], CiphertextBlob=outside, EncryptionAlgorithm="RSAES_OAEP_SHA_256")
    assert opened["Plaintext"] == b"from outside"
    inside = kms.encrypt(KeyId=encrypting["KeyId"], Plaintext=b"x", EncryptionAlgorithm="RSAES_OAEP_SHA_1")["CiphertextBlob"]
    assert kms.decrypt(KeyId=encrypting["KeyId"], CiphertextBlob=inside, EncryptionAlgorithm="RSAES_OAEP_SHA_1")["Plaintext"] == b"x"
    with pytest.raises(ClientError) as excinfo:
        kms.encrypt(KeyId=encrypting["KeyId"], Plaintext=b"x")
    assert error_code(excinfo) == "InvalidKeyUsageException"


def test_hmac_matches_python_hmac(kms):
    key_id = kms.create_key(KeySpec="HMAC_384", KeyUsage="GENERATE_VERIFY_MAC")["KeyMetadata"]["KeyId"]
    mac = kms.generate_mac(KeyId=key_id, Message=b"payload", MacAlgorithm="HMAC_SHA_384")["Mac"]
    assert len(mac) == 48
    assert kms.verify_mac(KeyId=key_id, Message=b"payload", Mac=mac, MacAlgorithm="HMAC_SHA_384")["MacValid"]
    with pytest.raises(ClientError) as excinfo:
        kms.verify_mac(KeyId=key_id, Message=b"payload!", Mac=mac, MacAlgorithm="HMAC_SHA_384")
    assert error_code(excinfo) == "KMSInvalidMacException"
    assert not hmac.compare_digest(mac, hmac.new(b"guess", b"payload", hashlib.sha384).digest())
    with pytest.raises(ClientError) as excinfo:
        kms.create_key(KeySpec="ECC_SECG_P256K1", KeyUsage="SIGN_VERIFY")
    assert error_code(excinfo) == "UnsupportedOperationException"


def test_data_key_pair(kms):
    key_id = kms.create_key()["KeyMetadata"]["KeyId"]
    pair = kms.generate_data_key_pair(KeyId=key_id, KeyPairSpec="RSA_2048", EncryptionContext={"use": "tls"})
    private = serialization.load_der_private_key(pair["PrivateKeyPlaintext"], password=None)
    assert private.public_key().public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo) == pair["PublicKey"]
    opened = kms.decrypt(CiphertextBlob=pair["PrivateKeyCiphertextBlob"], EncryptionContext={"use": "tls"})
    assert opened["Plaintext"] == pair["PrivateKeyPlaintext"]
    bare = kms.generate_data_key_pair_without_plaintext(KeyId=key_id, KeyPairSpec="ECC_NIST_P256")
    assert "PrivateKeyPlaintext" not in bare
    serialization.load_der_public_key(bare["PublicKey"])
