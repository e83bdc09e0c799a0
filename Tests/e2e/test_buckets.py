"""Bucket lifecycle: create, locate, head, list, tag, delete."""

import pytest

from s3helpers import empty_and_delete_bucket, s3_error, status_of, unique_bucket


@pytest.fixture
def eu_bucket(brume):
    """A bucket created in eu-west-1 by a client configured for that region."""
    client = brume.client(region="eu-west-1")
    name = unique_bucket("eu")
    client.create_bucket(Bucket=name, CreateBucketConfiguration={"LocationConstraint": "eu-west-1"})
    yield client, name
    empty_and_delete_bucket(client, name)


def test_create_bucket_returns_200_and_location(s3):
    name = unique_bucket()
    response = s3.create_bucket(Bucket=name)
    try:
        assert status_of(response) == 200
        assert response["Location"] == f"/{name}"
    finally:
        s3.delete_bucket(Bucket=name)


def test_us_east_1_bucket_has_null_location_constraint(s3, bucket):
    assert s3.get_bucket_location(Bucket=bucket)["LocationConstraint"] is None


def test_bucket_with_location_constraint_reports_it(eu_bucket):
    client, name = eu_bucket
    assert client.get_bucket_location(Bucket=name)["LocationConstraint"] == "eu-west-1"


def test_recreating_owned_bucket_outside_us_east_1_is_bucket_already_owned_by_you(eu_bucket):
    client, name = eu_bucket
    with s3_error("BucketAlreadyOwnedByYou", 409):
        client.create_bucket(Bucket=name, CreateBucketConfiguration={"LocationConstraint": "eu-west-1"})


def test_recreating_owned_bucket_in_us_east_1_succeeds_for_legacy_compatibility(s3, bucket):
    # AWS: "Amazon S3 returns this error in all AWS Regions except in the North Virginia Region.
    # ... if you re-create an existing bucket that you already own in the North Virginia Region,
    # Amazon S3 returns 200 OK".
    assert status_of(s3.create_bucket(Bucket=bucket)) == 200
    assert s3.get_bucket_location(Bucket=bucket)["LocationConstraint"] is None


@pytest.mark.parametrize("name", [
    "Uppercase-bucket",          # uppercase letters
    "ab",                        # shorter than 3
    "a" * 64,                    # longer than 63
    "192.168.5.4",               # formatted as an IP address
    "xn--punycode-bucket",       # reserved prefix
    "my-bucket-s3alias",         # reserved suffix
    "two..dots",                 # adjacent periods
    "under_score",               # underscore
    "-leading-hyphen",           # must start with a letter or digit
    "trailing-hyphen-",          # must end with a letter or digit
])
def test_invalid_bucket_name_is_rejected(s3, name):
    with s3_error("InvalidBucketName", 400):
        s3.create_bucket(Bucket=name)


def test_head_existing_bucket_is_200(s3, bucket):
    response = s3.head_bucket(Bucket=bucket)
    assert status_of(response) == 200
    assert response["ResponseMetadata"]["HTTPHeaders"]["x-amz-bucket-region"] == "us-east-1"


def test_head_missing_bucket_is_404(s3):
    with s3_error("404", 404):
        s3.head_bucket(Bucket=unique_bucket("missing"))


def test_delete_empty_bucket_is_204_and_bucket_is_gone(s3):
    name = unique_bucket()
    s3.create_bucket(Bucket=name)
    assert status_of(s3.delete_bucket(Bucket=name)) == 204
    with s3_error("404", 404):
        s3.head_bucket(Bucket=name)


def test_delete_non_empty_bucket_is_bucket_not_empty(s3, bucket):
    s3.put_object(Bucket=bucket, Key="k", Body=b"x")
    with s3_error("BucketNotEmpty", 409):
        s3.delete_bucket(Bucket=bucket)
    assert status_of(s3.head_bucket(Bucket=bucket)) == 200


def test_delete_missing_bucket_is_no_such_bucket(s3):
    with s3_error("NoSuchBucket", 404):
        s3.delete_bucket(Bucket=unique_bucket("missing"))


def test_list_buckets_includes_created_buckets(s3):
    names = [unique_bucket() for _ in range(2)]
    for name in names:
        s3.create_bucket(Bucket=name)
    try:
        listed = s3.list_buckets()
        by_name = {b["Name"]: b for b in listed["Buckets"]}
        for name in names:
            assert name in by_name
            assert by_name[name]["CreationDate"] is not None
        assert "ID" in listed["Owner"]
    finally:
        for name in names:
            s3.delete_bucket(Bucket=name)


def test_list_buckets_is_sorted_by_name(s3, bucket):
    names = [b["Name"] for b in s3.list_buckets()["Buckets"]]
    assert names == sorted(names)


def test_bucket_tagging_put_get_delete(s3, bucket):
    tags = [{"Key": "team", "Value": "storage"}, {"Key": "env", "Value": "test"}]
    assert status_of(s3.put_bucket_tagging(Bucket=bucket, Tagging={"TagSet": tags})) == 204
    got = s3.get_bucket_tagging(Bucket=bucket)["TagSet"]
    assert sorted(got, key=lambda t: t["Key"]) == sorted(tags, key=lambda t: t["Key"])
    assert status_of(s3.delete_bucket_tagging(Bucket=bucket)) == 204
    with s3_error("NoSuchTagSet", 404):
        s3.get_bucket_tagging(Bucket=bucket)


def test_bucket_without_tags_is_no_such_tag_set(s3, bucket):
    with s3_error("NoSuchTagSet", 404):
        s3.get_bucket_tagging(Bucket=bucket)


def test_bucket_operations_on_missing_bucket_are_no_such_bucket(s3):
    missing = unique_bucket("missing")
    with s3_error("NoSuchBucket", 404):
        s3.get_bucket_location(Bucket=missing)
    with s3_error("NoSuchBucket", 404):
        s3.get_bucket_tagging(Bucket=missing)
    with s3_error("NoSuchBucket", 404):
        s3.list_objects_v2(Bucket=missing)


def test_preexisting_bucket_from_config_exists(s3):
    assert status_of(s3.head_bucket(Bucket="preexisting")) == 200
    assert "preexisting" in [b["Name"] for b in s3.list_buckets()["Buckets"]]


def test_preexisting_bucket_from_config_has_its_tags(s3):
    assert s3.get_bucket_tagging(Bucket="preexisting")["TagSet"] == [{"Key": "team", "Value": "data"}]


def test_list_buckets_pages_with_max_buckets_and_continuation_token(brume):
    client = brume.client(access_key="222233334444", secret_key="x")  # an account of its own
    names = sorted(unique_bucket("page") for _ in range(5))
    for name in names:
        client.create_bucket(Bucket=name)
    seen, token = [], None
    while True:
        kwargs = {"MaxBuckets": 2, "Prefix": "page-"} | ({"ContinuationToken": token} if token else {})
        page = client.list_buckets(**kwargs)
        assert len(page["Buckets"]) <= 2
        seen += [bucket["Name"] for bucket in page["Buckets"]]
        token = page.get("ContinuationToken")
        if not token:
            break
    assert seen == names
    assert client.list_buckets(BucketRegion="eu-west-1")["Buckets"] == []


def test_buckets_are_listed_per_account_and_names_are_global(brume, s3, bucket):
    other = brume.client(access_key="111122223333", secret_key="x")
    assert bucket not in [b["Name"] for b in other.list_buckets()["Buckets"]]
    with s3_error("BucketAlreadyExists", 409):
        other.create_bucket(Bucket=bucket)


def test_regional_endpoint_requires_its_own_location_constraint(brume):
    regional = brume.client(region="eu-west-1")
    name = unique_bucket("regional")
    with s3_error("IllegalLocationConstraintException", 400):
        regional.create_bucket(Bucket=name)
    with s3_error("IllegalLocationConstraintException", 400):
        regional.create_bucket(Bucket=name, CreateBucketConfiguration={"LocationConstraint": "us-west-2"})
    regional.create_bucket(Bucket=name, CreateBucketConfiguration={"LocationConstraint": "eu-west-1"})
    assert regional.get_bucket_location(Bucket=name)["LocationConstraint"] == "eu-west-1"
    regional.delete_bucket(Bucket=name)


def test_bucket_tag_limit_is_invalid_tag(s3, bucket):
    with s3_error("InvalidTag", 400):
        s3.put_bucket_tagging(Bucket=bucket, Tagging={"TagSet": [{"Key": f"k{i}", "Value": "v"} for i in range(51)]})
    with s3_error("NoSuchTagSet", 404):
        s3.get_bucket_tagging(Bucket=bucket)
