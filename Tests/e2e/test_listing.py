"""ListObjectsV2 and ListObjects (v1): order, paging, prefixes, delimiters, encoding."""

from concurrent.futures import ThreadPoolExecutor
from urllib.parse import unquote_plus

import pytest

from s3helpers import empty_and_delete_bucket, quoted_md5, s3_error, unique_bucket

# Keys whose UTF-8 byte order differs from naive orders (case-insensitive, numeric, code point
# of the first char only): "Z" < "a" < "a-" < "a/b" < "~" < "é".
TRICKY_KEYS = ["a", "a/b", "a-", "é", "Z", "~", "0", "A", "ä/x", "日本", "a b", "a+b", "a%b"]
MANY = 2500


def byte_order(keys):
    return sorted(keys, key=lambda k: k.encode("utf-8"))


def fill(s3, bucket, keys, body=b""):
    with ThreadPoolExecutor(max_workers=16) as pool:
        list(pool.map(lambda k: s3.put_object(Bucket=bucket, Key=k, Body=body), keys))


@pytest.fixture(scope="module")
def big_bucket(s3):
    """A bucket with 2,500 keys (including the tricky ones), shared by the paging tests."""
    name = unique_bucket("list")
    s3.create_bucket(Bucket=name)
    keys = TRICKY_KEYS + [f"obj/{i}" for i in range(MANY - len(TRICKY_KEYS))]
    fill(s3, name, keys)
    yield name, byte_order(keys)
    empty_and_delete_bucket(s3, name)


@pytest.fixture
def tree_bucket(s3, bucket):
    keys = ["photos/2024/a.jpg", "photos/2024/b.jpg", "photos/2025/c.jpg", "photos/top.jpg",
            "readme.txt", "videos/x.mp4"]
    fill(s3, bucket, keys, body=b"data")
    return bucket


def test_empty_bucket_lists_nothing(s3, bucket):
    response = s3.list_objects_v2(Bucket=bucket)
    assert response["KeyCount"] == 0
    assert response["IsTruncated"] is False
    assert "Contents" not in response


def test_listing_entries_describe_objects(s3, bucket):
    s3.put_object(Bucket=bucket, Key="k", Body=b"hello")
    [entry] = s3.list_objects_v2(Bucket=bucket)["Contents"]
    assert entry["Key"] == "k"
    assert entry["Size"] == 5
    assert entry["ETag"] == quoted_md5(b"hello")
    assert entry["StorageClass"] == "STANDARD"
    assert entry["LastModified"] is not None


def test_paginator_returns_all_keys_in_utf8_byte_order(s3, big_bucket):
    name, expected = big_bucket
    pages = list(s3.get_paginator("list_objects_v2").paginate(Bucket=name))
    assert [p["KeyCount"] for p in pages] == [1000, 1000, 500]
    assert [o["Key"] for p in pages for o in p["Contents"]] == expected


@pytest.mark.parametrize("max_keys", [1, 7, 1000])
def test_continuation_token_paging_is_exact(s3, big_bucket, max_keys):
    name, expected = big_bucket
    seen, token, pages = [], None, 0
    while True:
        kwargs = {"ContinuationToken": token} if token else {}
        page = s3.list_objects_v2(Bucket=name, MaxKeys=max_keys, **kwargs)
        pages += 1
        keys = [o["Key"] for o in page.get("Contents", [])]
        assert page["KeyCount"] == len(keys) <= max_keys
        assert page["MaxKeys"] == max_keys
        seen += keys
        if not page["IsTruncated"]:
            assert "NextContinuationToken" not in page
            break
        token = page["NextContinuationToken"]
        assert pages <= MANY
    assert seen == expected
    assert pages == -(-MANY // max_keys)


def test_start_after_skips_keys_up_to_and_including_it(s3, big_bucket):
    name, expected = big_bucket
    response = s3.list_objects_v2(Bucket=name, StartAfter="a-", MaxKeys=5)
    after = [k for k in expected if k.encode() > b"a-"]
    assert [o["Key"] for o in response["Contents"]] == after[:5]
    assert response["StartAfter"] == "a-"


def test_prefix_filters_keys(s3, tree_bucket):
    response = s3.list_objects_v2(Bucket=tree_bucket, Prefix="photos/2024/")
    assert [o["Key"] for o in response["Contents"]] == ["photos/2024/a.jpg", "photos/2024/b.jpg"]
    assert response["Prefix"] == "photos/2024/"
    assert response["KeyCount"] == 2


def test_prefix_matching_nothing_is_empty(s3, tree_bucket):
    response = s3.list_objects_v2(Bucket=tree_bucket, Prefix="nothing/")
    assert response["KeyCount"] == 0
    assert "Contents" not in response


def test_delimiter_groups_common_prefixes(s3, tree_bucket):
    response = s3.list_objects_v2(Bucket=tree_bucket, Delimiter="/")
    assert [o["Key"] for o in response["Contents"]] == ["readme.txt"]
    assert [p["Prefix"] for p in response["CommonPrefixes"]] == ["photos/", "videos/"]
    assert response["KeyCount"] == 3  # keys plus common prefixes
    assert response["Delimiter"] == "/"


def test_delimiter_with_prefix(s3, tree_bucket):
    response = s3.list_objects_v2(Bucket=tree_bucket, Prefix="photos/", Delimiter="/")
    assert [o["Key"] for o in response["Contents"]] == ["photos/top.jpg"]
    assert [p["Prefix"] for p in response["CommonPrefixes"]] == ["photos/2024/", "photos/2025/"]


def test_max_keys_counts_common_prefixes(s3, tree_bucket):
    items, token = [], None
    while True:
        kwargs = {"ContinuationToken": token} if token else {}
        page = s3.list_objects_v2(Bucket=tree_bucket, Delimiter="/", MaxKeys=1, **kwargs)
        page_items = [o["Key"] for o in page.get("Contents", [])] + [p["Prefix"] for p in page.get("CommonPrefixes", [])]
        assert len(page_items) == 1 == page["KeyCount"]
        items += page_items
        if not page["IsTruncated"]:
            break
        token = page["NextContinuationToken"]
    assert items == ["photos/", "readme.txt", "videos/"]


def test_fetch_owner(s3, bucket):
    s3.put_object(Bucket=bucket, Key="k", Body=b"x")
    assert "Owner" not in s3.list_objects_v2(Bucket=bucket)["Contents"][0]
    owner = s3.list_objects_v2(Bucket=bucket, FetchOwner=True)["Contents"][0]["Owner"]
    assert owner["ID"]


def test_encoding_type_url_returns_encoded_keys(s3, bucket):
    keys = ["a b/c+d%e", "é/ü", "plain"]
    fill(s3, bucket, keys)
    # Passing EncodingType explicitly stops botocore from decoding, so we see the wire values.
    response = s3.list_objects_v2(Bucket=bucket, EncodingType="url", Delimiter="/")
    assert response["EncodingType"] == "url"
    listed = [o["Key"] for o in response.get("Contents", [])] + [p["Prefix"] for p in response["CommonPrefixes"]]
    assert sorted(unquote_plus(k) for k in listed) == sorted(["plain", "a b/", "é/"])
    for raw in listed:
        assert " " not in raw and raw.isascii()


def test_encoding_type_url_round_trips_through_botocore(s3, bucket):
    keys = ["a b/c+d%e.txt", "é/ü", "x&y=z", "tab\there"]
    fill(s3, bucket, keys)
    # botocore asks for url encoding by default and decodes the answer.
    assert [o["Key"] for o in s3.list_objects_v2(Bucket=bucket)["Contents"]] == byte_order(keys)
    assert [o["Key"] for o in s3.list_objects(Bucket=bucket)["Contents"]] == byte_order(keys)


def test_invalid_encoding_type_is_invalid_argument(s3, bucket):
    with s3_error("InvalidArgument", 400):
        s3.list_objects_v2(Bucket=bucket, EncodingType="base64")


# --- ListObjects (v1) --------------------------------------------------------------------------

def test_v1_marker_paging_without_delimiter_has_no_next_marker(s3, big_bucket):
    name, expected = big_bucket
    seen, marker = [], ""
    while True:
        page = s3.list_objects(Bucket=name, MaxKeys=1000, **({"Marker": marker} if marker else {}))
        keys = [o["Key"] for o in page["Contents"]]
        assert page.get("Marker", "") == marker
        # AWS: NextMarker is returned only when a delimiter is specified.
        assert "NextMarker" not in page
        seen += keys
        if not page["IsTruncated"]:
            break
        marker = keys[-1]
    assert seen == expected


def test_v1_next_marker_is_returned_with_delimiter(s3, tree_bucket):
    page = s3.list_objects(Bucket=tree_bucket, Delimiter="/", MaxKeys=2)
    assert page["IsTruncated"] is True
    assert [p["Prefix"] for p in page["CommonPrefixes"]] == ["photos/"]
    assert [o["Key"] for o in page["Contents"]] == ["readme.txt"]
    assert page["NextMarker"] == "readme.txt"
    rest = s3.list_objects(Bucket=tree_bucket, Delimiter="/", Marker=page["NextMarker"])
    assert rest["IsTruncated"] is False
    assert [p["Prefix"] for p in rest["CommonPrefixes"]] == ["videos/"]
    assert "Contents" not in rest


def test_v1_prefix_and_delimiter(s3, tree_bucket):
    page = s3.list_objects(Bucket=tree_bucket, Prefix="photos/", Delimiter="/")
    assert [o["Key"] for o in page["Contents"]] == ["photos/top.jpg"]
    assert [p["Prefix"] for p in page["CommonPrefixes"]] == ["photos/2024/", "photos/2025/"]
    assert page["IsTruncated"] is False


def test_v1_paginator_covers_everything(s3, big_bucket):
    name, expected = big_bucket
    pages = s3.get_paginator("list_objects").paginate(Bucket=name, PaginationConfig={"PageSize": 700})
    assert [o["Key"] for p in pages for o in p["Contents"]] == expected
