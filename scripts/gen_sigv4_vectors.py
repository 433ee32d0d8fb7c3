#!/usr/bin/env python3
"""Generates the SigV4 test vectors in Fixtures/sigv4/ with botocore's own signer (S3SigV4Auth).

Each vector holds the raw inputs (method, bucket, key, query pairs, headers, body, credentials, region, time)
and botocore's canonical request, string to sign and Authorization header. Keys are encoded the way botocore's
S3 serializer does (percent_encode with safe='/~'), queries with percent_encode_sequence.
Run: python3 scripts/gen_sigv4_vectors.py   (needs botocore; written with 1.43)
"""
import datetime
import json
import pathlib
from unittest import mock

import botocore
import botocore.auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials
from botocore.utils import percent_encode, percent_encode_sequence

OUT = pathlib.Path(__file__).resolve().parent.parent / "Fixtures" / "sigv4"
ENDPOINT = "http://127.0.0.1:9000"
TIME = datetime.datetime(2026, 11, 22, 5, 7, 30, tzinfo=datetime.timezone.utc)

VECTORS = [
    dict(name="get-simple", method="GET", key="data/file.parquet"),
    dict(name="put-body", method="PUT", key="table/part-0.parquet", body="hello parquet"),
    dict(name="key-space", method="GET", key="dir with space/a b.txt"),
    dict(name="key-unicode", method="PUT", key="año/日本語/ключ.bin", body="x"),
    dict(name="key-reserved", method="GET", key="a=b+c%d~e/f:g,h;i@j&k$l!m'n(o)p*q"),
    dict(name="key-slashes", method="HEAD", key="a//b/./c/../d"),
    dict(name="range-get", method="GET", key="x.parquet", headers={"range": "bytes=100-199"}),
    dict(name="list-prefix-delimiter", method="GET", key=None,
         query=[("list-type", "2"), ("prefix", "dir/sub dir/a+b="), ("delimiter", "/"), ("max-keys", "1000")]),
    dict(name="list-continuation", method="GET", key=None,
         query=[("list-type", "2"), ("continuation-token", "1/AbC+dEf=="), ("prefix", "~tilde%percent")]),
    dict(name="multipart-create", method="POST", key="big/object.bin", query=[("uploads", "")]),
    dict(name="multipart-part", method="PUT", key="big/object.bin",
         query=[("uploadId", "VXBsb2FkIElE+/="), ("partNumber", "2")], body="part-two"),
    dict(name="put-if-none-match", method="PUT", key=".hoodie/20261122050730.commit",
         headers={"if-none-match": "*", "x-amz-meta-sluice-create-token": "tok-123"}, body="{}"),
    dict(name="session-token", method="DELETE", key="tmp/x", token="FwoGZXIvYXdzEJr//////////wEaDLn+token="),
    dict(name="header-spaces", method="PUT", key="k", headers={"x-amz-meta-note": "  two   inner  spaces  "},
         body=""),
    dict(name="other-region", method="GET", key="k", region="eu-west-3"),
]


def generate(v):
    bucket = "sluice-bucket"
    path = f"/{bucket}" + ("" if v["key"] is None else "/" + percent_encode(v["key"], safe="/~"))
    query = v.get("query", [])
    url = ENDPOINT + path + ("?" + percent_encode_sequence(query) if query else "")
    headers = dict(v.get("headers", {}))
    headers["host"] = "127.0.0.1:9000"
    body = v.get("body", "").encode()
    request = AWSRequest(method=v["method"], url=url, headers=headers, data=body)
    creds = Credentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", v.get("token"))
    signer = botocore.auth.S3SigV4Auth(creds, "s3", v.get("region", "us-east-1"))
    with mock.patch.object(botocore.auth, "get_current_datetime", return_value=TIME):
        signer.add_auth(request)
        authorization = request.headers["Authorization"]
        del request.headers["Authorization"]  # recompute the signed texts exactly as add_auth saw them
        canonical = signer.canonical_request(request)
        string_to_sign = signer.string_to_sign(request, canonical)
        assert signer.signature(string_to_sign, request) in authorization
    return {
        "name": v["name"], "method": v["method"], "bucket": bucket, "key": v["key"],
        "query": [list(p) for p in query], "headers": v.get("headers", {}), "body": body.decode(),
        "accessKeyID": creds.access_key, "secretAccessKey": creds.secret_key, "sessionToken": v.get("token"),
        "region": v.get("region", "us-east-1"), "unixTime": int(TIME.timestamp()),
        "url": url, "canonicalRequest": canonical, "stringToSign": string_to_sign,
        "authorization": authorization, "botocore": botocore.__version__,
    }


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    for v in VECTORS:
        (OUT / f"{v['name']}.json").write_text(json.dumps(generate(v), indent=2, ensure_ascii=False) + "\n")
    print(f"wrote {len(VECTORS)} vectors to {OUT}")


if __name__ == "__main__":
    main()
