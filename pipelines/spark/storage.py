"""The Spark refresh's own file operations on --raw and --marts (does the export's manifest exist,
read it, write and remove _refresh.json), through Spark's Hadoop FileSystem API: the same code
for a local path and for s3a://, abfss://, gs:// or hdfs:// URIs, resolved as the executors
resolve them.

A plain path is given to Hadoop and Spark as the file: URI of its absolute path: it names the
local (or mounted) file system on the driver and on every executor, whatever the cluster's
fs.defaultFS is. A URI is given as written. Needs a running session (``Storage(spark)``); nothing
here imports pyspark at module level, so the command line can use ``location`` and the messages
before pyspark is loaded.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from core.locations import scheme
from pipelines.export_raw import MANIFEST
from pipelines.model_files import RefreshError

SMALL_FILE = 16 << 20  # the manifest and _refresh.json are a few KB; refuse to read more than this
TABLE_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
# the connector each scheme needs, as a Maven coordinate ({v}: the Hadoop version on the classpath)
CONNECTORS = {
    "s3a": "org.apache.hadoop:hadoop-aws:{v}",
    "abfs": "org.apache.hadoop:hadoop-azure:{v}",
    "abfss": "org.apache.hadoop:hadoop-azure:{v}",
    "wasb": "org.apache.hadoop:hadoop-azure:{v}",
    "wasbs": "org.apache.hadoop:hadoop-azure:{v}",
    "gs": "org.apache.hadoop:hadoop-gcp:{v}",
}
HADOOP_VERSION = "3.5.0"  # pyspark 4.3.0's jars/hadoop-client-api-3.5.0.jar; the JVM's own is asked first
_GLOB = re.compile(r"([\\{}\[\]*?])")
_PREFIX = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]+:(//[^/]*)?")


class StorageError(RefreshError):
    """A file operation of the Spark refresh failed (message for the user, no traceback)."""


def location(value: str | Path) -> str:
    """What Hadoop and Spark are given for a --raw / --marts value: a URI as written, a plain path
    as the file: URI of its absolute path (symbolic links kept)."""
    text = str(value)
    if scheme(text) is not None:
        return text
    return "file://" + str(Path(text).expanduser().absolute())


def child(base: str, name: str) -> str:
    """The location ``name`` inside ``base``."""
    return base.rstrip("/") + "/" + name


def read_pattern(loc: str) -> str:
    """A location as a path Spark's readers match literally: they read a path as a Hadoop glob,
    so the glob characters of its path part are escaped ('m[1]' would otherwise read 'm1')."""
    prefix = _PREFIX.match(loc)
    cut = prefix.end() if prefix else 0
    return loc[:cut] + _GLOB.sub(r"\\\1", loc[cut:])


def not_an_export(shown: str) -> str:
    return f"{shown} is not an export (no {MANIFEST}): run 'python -m pipelines export-raw' first"


def _java_chain(exc: BaseException) -> list[tuple[str, str]]:
    """The Java exception behind a py4j or pyspark error and its causes: (class name, message)."""
    java = getattr(exc, "java_exception", None) or getattr(exc, "_origin", None)
    chain: list[tuple[str, str]] = []
    while java is not None and len(chain) < 10:
        chain.append((str(java.getClass().getName()), str(java.getMessage() or "")))
        java = java.getCause()
    return chain


def no_filesystem_message(uri_scheme: str, detail: str, hadoop_version: str) -> str:
    """What to do when Hadoop has no FileSystem for a scheme (its connector jar is not loaded)."""
    connector = CONNECTORS.get(uri_scheme)
    if connector is None:
        fix = (
            "put a FileSystem for it on Spark's classpath (--spark-conf spark.jars.packages=GROUP:"
            "ARTIFACT:VERSION, or the cluster's own jars), or check the URI; with their connectors "
            "Spark reads s3a://, abfss://, gs:// and hdfs://"
        )
    else:
        fix = (
            f"add its connector with --spark-conf spark.jars.packages={connector.format(v=hadoop_version)} "
            f"(Hadoop {hadoop_version} is the version of this Spark's Hadoop jars), or use the "
            "cluster's own jars (spark.jars, the image)"
        )
    return f'no Hadoop FileSystem for scheme "{uri_scheme}" ({detail}): {fix}; docs/scaling.md'


class Storage:
    """Small-file operations through the session's Hadoop FileSystem API (its configuration:
    spark.hadoop.* settings, the cluster's core-site.xml)."""

    def __init__(self, spark: Any) -> None:
        self._jvm = spark._jvm
        self._conf = spark._jsc.hadoopConfiguration()

    def _hadoop_version(self) -> str:
        try:
            return str(self._jvm.org.apache.hadoop.util.VersionInfo.getVersion())
        except Exception:  # noqa: BLE001 - only for the message
            return HADOOP_VERSION

    def _failure(self, action: str, loc: str, exc: Exception) -> StorageError:
        chain = _java_chain(exc)
        uri_scheme = scheme(loc) or "file"
        try:  # the class Hadoop's configuration names for the scheme (core-default.xml: s3a, abfss, gs)
            impl = str(self._conf.get(f"fs.{uri_scheme}.impl") or "")
        except Exception:  # noqa: BLE001 - only for the message
            impl = ""
        for name, message in chain:
            missing_class = name == "java.lang.ClassNotFoundException" and bool(impl) and impl in message
            if name.endswith(".UnsupportedFileSystemException") or missing_class:
                return StorageError(no_filesystem_message(uri_scheme, message, self._hadoop_version()))
        detail = next((m for _, m in chain if m), "") or str(exc)
        return StorageError(f"cannot {action} {loc}: {' '.join(detail.split())[:300]}")

    def _call(self, action: str, loc: str, operation: Any) -> Any:
        from py4j.protocol import Py4JError
        from pyspark.errors.exceptions.captured import CapturedException

        try:
            path = self._jvm.org.apache.hadoop.fs.Path(loc)
            return operation(path.getFileSystem(self._conf), path)
        except (Py4JError, CapturedException) as exc:
            raise self._failure(action, loc, exc) from exc

    def is_dir(self, loc: str) -> bool:
        return bool(
            self._call("look at", loc, lambda fs, p: fs.exists(p) and fs.getFileStatus(p).isDirectory())
        )

    def is_file(self, loc: str) -> bool:
        return bool(self._call("look at", loc, lambda fs, p: fs.exists(p) and fs.getFileStatus(p).isFile()))

    def read_text(self, loc: str) -> str:
        """A small file's text (UTF-8); StorageError for one larger than SMALL_FILE."""

        def read(fs: Any, p: Any) -> bytes:
            size = fs.getFileStatus(p).getLen()
            if size > SMALL_FILE:
                raise StorageError(f"{loc} is {size} bytes: more than a manifest holds")
            stream = fs.open(p)
            try:
                return bytes(self._jvm.org.apache.commons.io.IOUtils.toByteArray(stream))
            finally:
                stream.close()

        return self._call("read", loc, read).decode("utf-8", errors="replace")

    def write_text(self, loc: str, text: str) -> None:
        """Create or overwrite a small file. On a checksummed file system (Hadoop's local one) it is
        written through the raw one beneath: the manifest gets no hidden ``.<name>.crc`` beside it."""

        def write(fs: Any, p: Any) -> None:
            checksummed = self._jvm.java.lang.Class.forName("org.apache.hadoop.fs.ChecksumFileSystem")
            if checksummed.isInstance(fs):
                fs.delete(p, False)  # with an earlier write's checksum file
                fs = fs.getRawFileSystem()
            stream = fs.create(p, True)
            try:
                stream.write(bytearray(text.encode("utf-8")))
            finally:
                stream.close()

        self._call("write", loc, write)

    def delete(self, loc: str) -> None:
        """Remove a file if it is there."""
        self._call("remove", loc, lambda fs, p: fs.delete(p, False) if fs.exists(p) else False)

    def mkdirs(self, loc: str) -> None:
        self._call("create the folder", loc, lambda fs, p: fs.mkdirs(p))


def export_tables(store: Storage, raw: str, shown: str) -> list[str]:
    """The tables of the export at ``raw``: the "tables" of its manifest, each with its folder;
    StorageError (``shown``: the location as the user gave it) for a manifest that is missing, not
    JSON, lists no tables or names one whose folder is missing."""
    manifest = child(raw, MANIFEST)
    if not store.is_file(manifest):
        raise StorageError(not_an_export(shown))
    again = "write the export again ('python -m pipelines export-raw --replace')"
    try:
        tables = json.loads(store.read_text(manifest)).get("tables")
    except (ValueError, AttributeError):
        raise StorageError(
            f"{shown}: {MANIFEST} is not an export manifest (not JSON, or not an object): {again}"
        ) from None
    if not isinstance(tables, dict) or not tables:
        raise StorageError(f'{shown}: {MANIFEST} lists no tables (its "tables" object): {again}')
    names = sorted(str(name) for name in tables)
    bad = [n for n in names if not TABLE_NAME.match(n)]
    if bad:
        raise StorageError(f"{shown}: {MANIFEST} names tables that are not table names: {', '.join(bad)}")
    missing = [n for n in names if not store.is_dir(child(raw, n))]
    if missing:
        raise StorageError(
            f"{shown}: {MANIFEST} names tables without a folder there: {', '.join(missing)}; {again}"
        )
    return names
