"""fetch_mnist / import_mnist: verified files land in the cache, bad ones leave it untouched.

No network: downloads go to a throwaway HTTP server on 127.0.0.1, a closed
local port, or a monkeypatched pooch.
"""

from __future__ import annotations

import functools
import http.server
import io
import sys
import threading
from pathlib import Path

import pooch
import pytest

from gdtui.data import DataError, fetch, fetch_mnist, import_mnist, load_mnist

CLOSED_PORT = "http://127.0.0.1:1/"  # nothing listens on port 1: connection refused at once


@pytest.fixture
def server(tmp_path):
    """Serve tmp_path/"www" over HTTP on a free local port; yields (root folder, base URL)."""
    root = tmp_path / "www"
    root.mkdir()

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(root)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield root, f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()
    httpd.server_close()


def test_import_copies_verified_files(tmp_path, cache, trusted_split, snapshot):
    trusted_split(tmp_path / "src", "test", 20)
    trusted_split(tmp_path / "src", "train", 30)
    paths = import_mnist(tmp_path / "src")
    assert sorted(p.name for p in paths) == sorted(snapshot(tmp_path / "src"))
    assert snapshot(cache) == snapshot(tmp_path / "src")  # exact copies, no leftovers
    data = load_mnist()
    assert (data.source, len(data)) == ("mnist-train", 30)


def test_import_bad_file_leaves_cache_unchanged(tmp_path, cache, trusted_split, make_split, snapshot):
    trusted_split(cache, "test", 20)
    before = snapshot(cache)
    make_split(tmp_path / "src", "test", 5, raw=True)  # fine
    make_split(tmp_path / "src", "train", 10, raw=True, label_count=9)  # counts disagree
    with pytest.raises(DataError, match="holds 10 images but train-labels-idx1-ubyte holds 9 labels"):
        import_mnist(tmp_path / "src")
    assert snapshot(cache) == before


def test_import_md5_mismatch_leaves_cache_unchanged(tmp_path, cache, make_split, snapshot):
    make_split(tmp_path / "src", "test", 20)  # official names, not the official bytes
    with pytest.raises(DataError, match="does not match the official MNIST file"):
        import_mnist(tmp_path / "src")
    assert snapshot(cache) == {}


def test_import_truncated_file(tmp_path, cache, trusted_split, snapshot):
    images, _ = trusted_split(tmp_path / "src", "train", 20)
    images.write_bytes(images.read_bytes()[:-40])
    with pytest.raises(DataError, match="train-images-idx3-ubyte.gz: corrupt gzip data"):
        import_mnist(tmp_path / "src")
    assert snapshot(cache) == {}


def test_import_copy_failure_leaves_no_partial_file(tmp_path, cache, trusted_split, snapshot, monkeypatch):
    trusted_split(tmp_path / "src", "train", 20)

    def copy_half_then_fail(src, dst):
        Path(dst).write_bytes(Path(src).read_bytes()[:100])
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(fetch.shutil, "copyfile", copy_half_then_fail)
    with pytest.raises(DataError, match="cannot copy into the cache folder: No space left on device"):
        import_mnist(tmp_path / "src")
    assert snapshot(cache) == {}


def test_import_nothing_to_import(tmp_path):
    (tmp_path / "src").mkdir()
    with pytest.raises(DataError, match="src: no MNIST files here; expected train-images-idx3-ubyte.gz"):
        import_mnist(tmp_path / "src")
    with pytest.raises(DataError, match="no such directory"):
        import_mnist(tmp_path / "missing")


def test_import_replaces_other_spellings(tmp_path, cache, make_split, trusted_split):
    make_split(cache, "test", 5, raw=True)  # an older uncompressed import
    trusted_split(tmp_path / "src", "test", 20)
    import_mnist(tmp_path / "src")
    assert sorted(p.name for p in cache.iterdir()) == ["t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"]
    assert len(load_mnist()) == 20


def test_fetch_no_mirror_reachable(cache, snapshot):
    with pytest.raises(DataError) as info:
        fetch_mnist(progress=False, mirrors=(CLOSED_PORT,))
    text = str(info.value)
    assert text.startswith("could not download t10k-images-idx3-ubyte.gz from any mirror: http://127.0.0.1:1/")
    assert "\n" not in text
    assert snapshot(cache) == {}


def test_fetch_tries_mirrors_in_order(tmp_path, cache, server, trusted_split, snapshot):
    root, url = server
    trusted_split(root, "test", 20)
    trusted_split(root, "train", 30)
    paths = fetch_mnist(progress=False, mirrors=(CLOSED_PORT, url))
    assert [p.name for p in paths] == ["t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz",
                                       "train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz"]
    assert snapshot(cache) == snapshot(root)
    assert load_mnist().source == "mnist-train"


def test_fetch_wrong_md5_keeps_only_complete_splits(tmp_path, cache, server, trusted_split, make_split, snapshot):
    root, url = server
    trusted_split(root, "test", 20)
    trusted_split(root, "train", 30)
    make_split(root, "train", 31)  # the server now has different bytes than the md5 we expect
    with pytest.raises(DataError, match="could not download train-images-idx3-ubyte.gz from any mirror: .*hash"):
        fetch_mnist(progress=False, mirrors=(url,))
    assert sorted(snapshot(cache)) == ["t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"]


def test_fetch_interrupted_download_leaves_nothing(cache, monkeypatch, snapshot):
    def half_download(url, known_hash, fname, path, progressbar):
        Path(path, fname).write_bytes(b"\x1f\x8b half a file")
        raise OSError("connection reset by peer")

    monkeypatch.setattr(pooch, "retrieve", half_download)
    with pytest.raises(DataError, match="from any mirror: .*connection reset by peer"):
        fetch_mnist(progress=False)
    assert snapshot(cache) == {}


def test_fetch_ctrl_c_leaves_nothing(cache, monkeypatch, snapshot):
    def interrupted(url, known_hash, fname, path, progressbar):
        Path(path, fname).write_bytes(b"\x1f\x8b partial")
        raise KeyboardInterrupt

    monkeypatch.setattr(pooch, "retrieve", interrupted)
    with pytest.raises(KeyboardInterrupt):
        fetch_mnist(progress=False)
    assert snapshot(cache) == {}


def test_fetch_skips_splits_already_cached(cache, trusted_split, monkeypatch):
    trusted_split(cache, "test", 20)
    trusted_split(cache, "train", 20)
    monkeypatch.setattr(pooch, "retrieve", lambda *a, **k: pytest.fail("must not download"))
    assert len(fetch_mnist(progress=False)) == 4


def test_fetch_default_mirrors_and_md5(monkeypatch, cache):
    seen = []

    def record(url, known_hash, fname, path, progressbar):
        seen.append((url, known_hash))
        raise OSError("offline")

    monkeypatch.setattr(pooch, "retrieve", record)
    with pytest.raises(DataError):
        fetch_mnist(progress=False)
    assert seen == [
        ("https://ossci-datasets.s3.amazonaws.com/mnist/t10k-images-idx3-ubyte.gz",
         "md5:9fb629c4189551a2d022fa330f9573f3"),
        ("https://storage.googleapis.com/cvdf-datasets/mnist/t10k-images-idx3-ubyte.gz",
         "md5:9fb629c4189551a2d022fa330f9573f3"),
    ]


def test_progress_without_tqdm(monkeypatch, capsys, cache):
    bars = []

    def record(url, known_hash, fname, path, progressbar):
        bars.append(progressbar)
        raise OSError("offline")

    monkeypatch.setattr(pooch, "retrieve", record)
    monkeypatch.setitem(sys.modules, "tqdm", None)  # as if tqdm were not installed
    with pytest.raises(DataError):
        fetch_mnist(progress=True, mirrors=(CLOSED_PORT,))
    assert isinstance(bars[0], fetch._Progress)
    err = capsys.readouterr().err
    assert "downloading http://127.0.0.1:1/t10k-images-idx3-ubyte.gz" in err and "failed: OSError: offline" in err


def drive_like_pooch(bar, total=4542):
    bar.total = total
    for _ in range(total // 1024 + 1):
        bar.update(1024)
    bar.reset()
    bar.update(total)
    bar.close()


def test_progress_object_speaks_tqdm_as_pooch_uses_it():
    out = io.StringIO()  # not a terminal: one line per file
    drive_like_pooch(fetch._Progress("t10k-labels-idx1-ubyte.gz", stream=out))
    assert out.getvalue() == "  t10k-labels-idx1-ubyte.gz: 4.5 kB downloaded\n"


def test_progress_on_a_terminal_redraws_only_when_the_percentage_changes():
    class Terminal(io.StringIO):
        def isatty(self):
            return True

    out = Terminal()
    drive_like_pooch(fetch._Progress("train-images-idx3-ubyte.gz", stream=out), total=9_912_422)
    frames = out.getvalue().split("\r")[1:]
    assert len(frames) == 102  # 0..100 % once each, then the final line
    assert frames[50].strip() == "train-images-idx3-ubyte.gz:  50% of 9.9 MB"
    assert frames[-1].rstrip(" ") == "  train-images-idx3-ubyte.gz: 9.9 MB downloaded\n"
