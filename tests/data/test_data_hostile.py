"""Hostile MNIST files and paths: headers that claim absurd sizes, zero images,
gzip bombs, a bad split beside a good one, home folders that do not exist,
terminal escapes in paths. Each gives one line (exit 2 from the command line),
with bounded memory, and leaves the cache as it was."""

from __future__ import annotations

import gzip
import os
import subprocess
import sys
import tracemalloc
from pathlib import Path

import pytest

from gdtui.data import DataError, load_mnist, read_idx, read_images, read_labels, status
from gdtui.data.idx import MAX_BYTES, READ_CHUNK, TRAILING_SCAN

IMAGES, LABELS = 0x803, 0x801
ZEROS = bytes(1 << 20)


def header(magic: int, dims: tuple[int, ...]) -> bytes:
    return magic.to_bytes(4, "big") + b"".join(d.to_bytes(4, "big") for d in dims)


def bomb(path: Path, magic: int, dims: tuple[int, ...], payload: bytes, zero_mb: int) -> Path:
    """A gzip file: a header, its payload, then zero_mb MB of zeros, streamed
    (a 64 MB bomb is about 64 KB on disk)."""
    with gzip.open(path, "wb", compresslevel=9) as f:
        f.write(header(magic, dims) + payload)
        for _ in range(zero_mb):
            f.write(ZEROS)
    return path


def one_line(call, path) -> str:
    with pytest.raises(DataError) as info:
        call(path)
    text = str(info.value)
    assert "\n" not in text and text.startswith(str(path))
    return text.removeprefix(f"{path}: ")


# (name, reader, file bytes, what the one line says)
MAX_U32 = 2**32 - 1
HEADERS = [
    ("dims-overflow-int64", read_images, header(IMAGES, (MAX_U32,) * 3),
     f"images are {MAX_U32}x{MAX_U32} pixels, expected 28x28"),
    ("count-overflow", read_images, header(IMAGES, (MAX_U32, 28, 28)),
     "the header declares 4,294,967,295 images; MNIST has at most 60,000"),
    ("one-past-mnist", read_images, header(IMAGES, (60_001, 28, 28)),
     "the header declares 60,001 images; MNIST has at most 60,000"),
    ("labels-overflow", read_labels, header(LABELS, (MAX_U32,)),
     "the header declares 4,294,967,295 labels; MNIST has at most 60,000"),
    ("zero-images", read_images, header(IMAGES, (0, 28, 28)),
     "holds no images: the header declares 0"),
    ("zero-labels", read_labels, header(LABELS, (0,)),
     "holds no labels: the header declares 0"),
    ("huge-pixels", read_images, header(IMAGES, (10, 65535, 65535)),
     "images are 65535x65535 pixels, expected 28x28"),
    ("labels-as-3d", read_labels, header(IMAGES, (MAX_U32,) * 3),
     "wrong magic number 0x00000803 (that of an images file); expected 0x00000801 for labels"),
    ("generic-255-dims", read_idx, header(0x8FF, (MAX_U32,) * 255),
     "the header declares 255 dimensions, about 2^8159 bytes, more than MNIST's 60,000 x 28 x 28"),
    ("generic-too-big", read_idx, header(0x802, (60_000, 785)),
     "the header declares 60,000 x 785 bytes, more than MNIST's 60,000 x 28 x 28"),
    ("claims-60000-holds-0", read_images, header(IMAGES, (60_000, 28, 28)),
     "truncated: header says 60000 images of 28x28 but the file holds 0"),
]


@pytest.mark.parametrize("compress", [True, False], ids=["gzip", "raw"])
@pytest.mark.parametrize("name, reader, data, said", HEADERS, ids=[h[0] for h in HEADERS])
def test_absurd_headers_are_one_line(tmp_path, name, reader, data, said, compress):
    path = tmp_path / name
    path.write_bytes(gzip.compress(data) if compress else data)
    assert one_line(reader, path) == said


BOMBS = [
    ("labels", read_labels, LABELS, (10,), bytes(range(10))),
    ("images", read_images, IMAGES, (2, 28, 28), bytes(2 * 784)),
]


@pytest.mark.parametrize("name, reader, magic, dims, payload", BOMBS, ids=[b[0] for b in BOMBS])
def test_a_gzip_bomb_stops_past_the_declared_size_with_bounded_memory(
    tmp_path, name, reader, magic, dims, payload
):
    path = bomb(tmp_path / f"{name}.gz", magic, dims, payload, zero_mb=64)
    assert path.stat().st_size < 200_000  # the bomb: a small file that inflates to 64 MB
    tracemalloc.start()
    try:
        said = one_line(reader, path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    what = "10 labels" if name == "labels" else "2 images of 28x28"
    assert said == f"more than {TRAILING_SCAN:,} unexpected bytes after the {what} the header declares"
    assert peak < 8 * TRAILING_SCAN, f"peak {peak:,} bytes while reading a 64 MB bomb"


def test_a_header_claiming_all_of_mnist_costs_at_most_its_size(tmp_path):
    """60,000 images declared, then a bomb: memory stays within MAX_BYTES plus
    a few read chunks (gzip inflates each chunk into a temporary first)."""
    path = bomb(tmp_path / "big.gz", IMAGES, (60_000, 28, 28), b"", zero_mb=64)
    tracemalloc.start()
    try:
        said = one_line(read_images, path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert said.startswith("more than 1,048,576 unexpected bytes after the 60000 images")
    assert peak < MAX_BYTES + 4 * READ_CHUNK


def test_a_raw_file_with_megabytes_past_its_header_is_not_read_whole(tmp_path):
    path = tmp_path / "labels.idx"
    with path.open("wb") as f:
        f.write(header(LABELS, (3,)) + bytes(3))
        f.truncate(64 << 20)  # sparse: 64 MB on paper, nothing on disk
    assert one_line(read_labels, path) == (
        f"more than {TRAILING_SCAN:,} unexpected bytes after the 3 labels the header declares"
    )


# -- through the command line --------------------------------------------------

GOOD_N = 20


def write_raw(directory: Path, name: str, data: bytes, *, gzipped: bool = False) -> None:
    """Files under the official names without .gz: not md5-checked, so the
    reader's own checks are what answer (gzip is detected by content)."""
    directory.mkdir(parents=True, exist_ok=True)
    (directory / name).write_bytes(gzip.compress(data) if gzipped else data)


def good_split(directory: Path, split: str, make_split) -> None:
    make_split(directory, split, GOOD_N, raw=True)


def bad_test_split(kind: str):
    """A broken test split (t10k) for a folder that also holds a good training split."""

    def make(directory: Path) -> None:
        images = "t10k-images-idx3-ubyte"
        labels = "t10k-labels-idx1-ubyte"
        good_labels = header(LABELS, (GOOD_N,)) + bytes(GOOD_N)
        if kind == "zero-images":
            write_raw(directory, images, header(IMAGES, (0, 28, 28)))
            write_raw(directory, labels, header(LABELS, (0,)))
        elif kind == "overflow":
            write_raw(directory, images, header(IMAGES, (MAX_U32,) * 3))
            write_raw(directory, labels, good_labels)
        elif kind == "bomb":
            write_raw(directory, images, header(IMAGES, (GOOD_N, 28, 28)) + bytes(GOOD_N * 784))
            bomb(directory / labels, LABELS, (GOOD_N,), bytes(GOOD_N), zero_mb=64)
        elif kind == "count-mismatch":
            write_raw(directory, images, header(IMAGES, (GOOD_N, 28, 28)) + bytes(GOOD_N * 784))
            write_raw(directory, labels, header(LABELS, (5,)) + bytes(5))
        elif kind == "labels-missing":
            write_raw(directory, images, header(IMAGES, (GOOD_N, 28, 28)) + bytes(GOOD_N * 784))

    return make


BAD_TEST_SPLITS = {
    "zero-images": "t10k-images-idx3-ubyte: holds no images: the header declares 0",
    "overflow": f"t10k-images-idx3-ubyte: images are {MAX_U32}x{MAX_U32} pixels, expected 28x28",
    "bomb": "t10k-labels-idx1-ubyte: more than 1,048,576 unexpected bytes after the 20 labels",
    "count-mismatch": "t10k-images-idx3-ubyte: holds 20 images but t10k-labels-idx1-ubyte holds 5",
    "labels-missing": "t10k-images-idx3-ubyte: images without labels",
}


def gdtui(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    full = {k: v for k, v in os.environ.items() if k not in ("GDTUI_SCENARIOS", "GDTUI_MNIST_DIR")}
    full.update(env)
    return subprocess.run([sys.executable, "-m", "gdtui", *args], capture_output=True, text=True,
                          env=full, timeout=120, cwd=Path.home())


def assert_one_line(result: subprocess.CompletedProcess, *said: str) -> str:
    assert "Traceback" not in result.stderr and "Exception ignored" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    for part in said:
        assert part in lines[0], lines[0]
    assert "\x1b" not in result.stderr + result.stdout
    assert result.returncode == 2
    return lines[0]


COMMANDS = {
    "data-import": lambda d: ["data", "import", str(d)],
    "data-status": lambda d: ["data", "status", "--mnist-dir", str(d)],
    "run-mnist": lambda d: ["run", "mnist", "--steps", "3", "--format", "summary", "--mnist-dir", str(d)],
    "env-run-mnist": lambda d: ["run", "mnist", "--steps", "3", "--format", "summary"],
}


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("kind", BAD_TEST_SPLITS)
def test_a_bad_test_split_beside_a_good_training_split_is_an_error(
    tmp_path, cache, snapshot, make_split, kind, command
):
    folder = tmp_path / "mnist"
    good_split(folder, "train", make_split)
    bad_test_split(kind)(folder)
    env = {"XDG_CACHE_HOME": str(tmp_path / "xdg-cache")}
    if command.startswith("env-"):
        env["GDTUI_MNIST_DIR"] = str(folder)
    result = gdtui(*COMMANDS[command](folder), env=env)
    assert_one_line(result, str(folder), BAD_TEST_SPLITS[kind])
    assert snapshot(cache) == {}  # nothing imported, nothing half-written


def test_the_good_training_split_alone_still_works(tmp_path, make_split):
    folder = tmp_path / "mnist"
    good_split(folder, "train", make_split)
    result = gdtui("run", "mnist", "--steps", "3", "--format", "summary", "--mnist-dir", str(folder),
                   env={"XDG_CACHE_HOME": str(tmp_path / "xdg-cache")})
    assert result.returncode == 0 and '"source": "mnist-train"' in result.stdout


def test_status_reports_the_bad_split_on_stdout_and_one_line_on_stderr(tmp_path, make_split):
    folder = tmp_path / "mnist"
    good_split(folder, "train", make_split)
    bad_test_split("zero-images")(folder)
    report = status(folder)
    assert any(line.startswith("  test: ERROR ") for line in report)
    assert report[-1].startswith("using: nothing, because of an error:")
    assert report.error is not None and "holds no images" in str(report.error)


# Paths the user gives: (flag or env value, what the one line says)
PATHS = {
    "no-such-user": ("~nosuchuser-gdtui/x", "cannot expand ~nosuchuser-gdtui: no such user"),
    "escapes": ("/nonexistent/\x1b[31mred\x07", "/nonexistent/\\x1b[31mred\\x07: no such directory"),
    "newline": ("/nonexistent/a\nb", "/nonexistent/a\\nb: no such directory"),
    "too-long": ("/" + "a" * 5000, "cannot look at this path"),
    "a-file": (None, "no such directory"),
}


@pytest.mark.parametrize("how", ["flag", "env", "import"])
@pytest.mark.parametrize("case", PATHS)
def test_bad_paths_are_one_line_with_escapes_shown(tmp_path, cache, snapshot, case, how):
    value, said = PATHS[case]
    if value is None:
        value = str(tmp_path / "file")
        Path(value).write_text("not a folder")
    env = {"XDG_CACHE_HOME": str(tmp_path / "xdg-cache")}
    if how == "flag":
        args = ["run", "mnist", "--steps", "2", "--mnist-dir", value]
    elif how == "env":
        env["GDTUI_MNIST_DIR"] = value
        args = ["data", "status"]
    else:
        args = ["data", "import", value]
    line = assert_one_line(gdtui(*args, env=env), said)
    assert len(line) < 400  # a 5,000-character path is cut in the middle
    assert snapshot(cache) == {}


def test_load_mnist_checks_every_split_it_finds(tmp_path, make_split):
    folder = tmp_path / "mnist"
    good_split(folder, "train", make_split)
    bad_test_split("count-mismatch")(folder)
    with pytest.raises(DataError, match="holds 20 images but t10k-labels-idx1-ubyte holds 5"):
        load_mnist(folder)
    # asked for the training split alone, the test split is not its business
    assert len(load_mnist(folder, split="train")) == GOOD_N


def test_zero_images_in_the_only_split_is_an_error(tmp_path):
    folder = tmp_path / "mnist"
    bad_test_split("zero-images")(folder)
    with pytest.raises(DataError, match="holds no images"):
        load_mnist(folder)
