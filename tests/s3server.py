"""A real S3 API server on loopback (moto in server mode), for the archive storage on S3."""

import http.client
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass

import boto3
from botocore.config import Config

# moto accepts any keys; these only have to be the same on both sides.
ACCESS_KEY = "test-access-key"
SECRET_KEY = "test-secret-key"
REGION = "us-east-1"


def _free_port(host: str) -> int:
    with socket.socket() as probe:
        probe.bind((host, 0))
        return probe.getsockname()[1]


class S3Server:
    """`python -m moto.server` as a subprocess on 127.0.0.1 and a free port."""

    def __init__(self, host: str = "127.0.0.1", start_timeout: float = 30.0):
        self.host = host
        self.port = _free_port(host)
        self.start_timeout = start_timeout
        self.process = None
        self.log = None

    @property
    def endpoint_url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def __enter__(self):
        # It logs every request: to a file, as a pipe nobody reads would fill and stall it.
        self.log = tempfile.TemporaryFile()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "moto.server", "-H", self.host, "-p", str(self.port)],
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        try:
            self._wait_until_it_answers()
        except BaseException:
            self.__exit__()
            raise
        return self

    def __exit__(self, *exc):
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()

    def _wait_until_it_answers(self) -> None:
        deadline = time.monotonic() + self.start_timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                self.log.seek(0)
                raise RuntimeError(f"moto server exited: {self.log.read().decode()[-2000:]}")
            connection = http.client.HTTPConnection(self.host, self.port, timeout=1)
            try:
                connection.request("GET", "/moto-api/")
                connection.getresponse().read()
                return  # any answer at all means it is serving
            except OSError:
                time.sleep(0.1)
            finally:
                connection.close()
        raise RuntimeError(f"moto server did not answer on {self.endpoint_url}")

    def client(self):
        """A boto3 S3 client of this server, to look into buckets behind the storage's back."""
        return boto3.client(
            "s3",
            endpoint_url=self.endpoint_url,
            aws_access_key_id=ACCESS_KEY,
            aws_secret_access_key=SECRET_KEY,
            region_name=REGION,
            config=Config(s3={"addressing_style": "path"}),
        )

    def new_bucket(self) -> "Bucket":
        bucket = Bucket(self, f"archive-{uuid.uuid4().hex[:12]}")
        bucket.client().create_bucket(Bucket=bucket.name)
        return bucket


@dataclass(frozen=True)
class Bucket:
    server: S3Server
    name: str

    def client(self):
        return self.server.client()

    def storage_options(self) -> dict:
        """ARCHIVE_STORAGE_OPTIONS for django-storages' S3Storage on this bucket."""
        return {
            "bucket_name": self.name,
            "endpoint_url": self.server.endpoint_url,
            "access_key": ACCESS_KEY,
            "secret_key": SECRET_KEY,
            "region_name": REGION,
            "addressing_style": "path",
        }

    def objects(self) -> dict[str, bytes]:
        """Every object in the bucket, read with boto3: its key and its bytes."""
        client = self.client()
        listed = client.list_objects_v2(Bucket=self.name).get("Contents", [])
        return {
            entry["Key"]: client.get_object(Bucket=self.name, Key=entry["Key"])["Body"].read()
            for entry in listed
        }
