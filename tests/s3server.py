"""A local S3 server on loopback (moto's server mode) for the object-storage tests:
boto3 and django-storages talk to it exactly as to AWS, MinIO or Hetzner."""

import socket
from contextlib import contextmanager
from urllib.request import Request, urlopen

import boto3
from moto.server import ThreadedMotoServer

BUCKET = "verlag-dateien"
REGION = "eu-central-1"
ACCESS_KEY = "schluessel"
SECRET_KEY = "geheim"


def client_options(endpoint: str) -> dict:
    return {
        "service_name": "s3",
        "endpoint_url": endpoint,
        "aws_access_key_id": ACCESS_KEY,
        "aws_secret_access_key": SECRET_KEY,
        "region_name": REGION,
    }


def environment(endpoint: str) -> dict[str, str]:
    """What settings.py reads to put media and bought files on this server."""
    return {
        "AWS_STORAGE_BUCKET_NAME": BUCKET,
        "AWS_S3_ENDPOINT_URL": endpoint,
        "AWS_S3_REGION_NAME": REGION,
        "AWS_ACCESS_KEY_ID": ACCESS_KEY,
        "AWS_SECRET_ACCESS_KEY": SECRET_KEY,
    }


@contextmanager
def s3_server():
    """Yield the endpoint of a running server with an empty bucket."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    endpoint = f"http://127.0.0.1:{port}"
    # moto keeps its buckets per process, not per server: start from none, as an
    # earlier test in this worker may have left its bucket behind.
    urlopen(Request(f"{endpoint}/moto-api/reset", method="POST"), timeout=10)  # noqa: S310 - our own local server
    try:
        boto3.client(**client_options(endpoint)).create_bucket(
            Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": REGION}
        )
        yield endpoint
    finally:
        server.stop()
