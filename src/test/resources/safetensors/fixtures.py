#!/usr/bin/env python3
"""An independent safetensors writer and reader for sparkprop's tests: numpy, json and struct only
(no safetensors package, no torch), written from the format's specification
(huggingface/safetensors README, "Format"):

    8 bytes   N, unsigned little-endian u64
    N bytes   UTF-8 JSON header {"name": {"dtype", "shape", "data_offsets": [begin, end]}, "__metadata__": {str: str}}
    rest      byte buffer; offsets relative to it, tiling it exactly; little-endian, C order

    python3 fixtures.py write DIR          writes the fixtures below into DIR (from ../npz)
    python3 fixtures.py compare SF NPZ    reads SF (weights.safetensors / gradients.safetensors written by
                                          sparkprop) and checks it against NPZ (weights.npz / gradients.npz):
                                          every PyTorch tensor "{2(k-1)}.weight" equals wk transposed and
                                          "{2(k-1)}.bias" equals bk, bit for bit; exit 0 when all agree.

Fixtures (the .npz ones are documented in ../npz/README.md):
    torch-784x50x1-f64.safetensors        params-784x50-f64.npz as a PyTorch state dict: 0.weight = w1.T (50, 784),
                                          0.bias = b1, 2.weight = w2.T (1, 50), 2.bias = b2; F64; {"format": "pt"}
    torch-prefixed-f32.safetensors        the same values as float32 under the prefix "net.layers." at indices 0 and 3
                                          (a ReLU and a Dropout between), keys in reverse order in the header, and
                                          the buffer in another order than the header
    sparkprop-784x50x1-f64.safetensors    sparkprop's own keys and layout: w1 (784, 50), b1, w2 (50, 1), b2; F64
    torch-4x3x2-f16-bf16.safetensors      a 4-3-2 network: weights F16, biases BF16, values chosen to include
                                          subnormals, negatives and the largest finite F16; __metadata__ layers
                                          4-3-2, activation tanh, loss cross-entropy
    torch-4x3x2-f16-bf16.expected.npz     its tensors widened to float64 by numpy, under the same names
"""
import json
import os
import struct
import sys

import numpy as np

DTYPES = {"F64": ("<f8", 8), "F32": ("<f4", 4), "F16": ("<f2", 2), "BF16": (None, 2)}


def write(path, tensors, metadata=None, buffer_order=None):
    """tensors: list of (name, dtype, array) in header order; buffer_order: names in buffer order."""
    by_name = {name: (dtype, np.ascontiguousarray(a)) for name, dtype, a in tensors}
    order = buffer_order or [name for name, _, _ in tensors]
    blobs, offsets, at = [], {}, 0
    for name in order:
        dtype, a = by_name[name]
        blob = bf16_bytes(a) if dtype == "BF16" else a.astype(DTYPES[dtype][0]).tobytes()
        offsets[name] = [at, at + len(blob)]
        blobs.append(blob)
        at += len(blob)
    header = {}
    if metadata:
        header["__metadata__"] = metadata
    for name, dtype, a in tensors:
        header[name] = {"dtype": dtype, "shape": list(a.shape), "data_offsets": offsets[name]}
    text = json.dumps(header).encode("utf-8")
    text += b" " * ((8 - len(text) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for blob in blobs:
            f.write(blob)


def bf16_bytes(a):
    """float32 values that are exact bfloat16 values, as their upper 16 bits."""
    bits = np.ascontiguousarray(a, dtype="<f4").view("<u4")
    assert np.all(bits & 0xFFFF == 0), "not exact bfloat16 values"
    return (bits >> 16).astype("<u2").tobytes()


def read(path):
    """(tensors {name: float64 array}, metadata) after checking the specification's invariants."""
    data = open(path, "rb").read()
    (n,) = struct.unpack("<Q", data[:8])
    assert n <= 100_000_000 and 8 + n <= len(data), "header length %d" % n
    header = json.loads(data[8:8 + n].decode("utf-8"))
    buffer = data[8 + n:]
    metadata = header.pop("__metadata__", {})
    assert all(isinstance(v, str) for v in metadata.values()), "metadata values must be strings"
    spans = sorted((info["data_offsets"][0], info["data_offsets"][1], name) for name, info in header.items())
    at = 0
    for begin, end, name in spans:
        assert begin == at, "%s begins at %d, expected %d" % (name, begin, at)
        at = end
    assert at == len(buffer), "offsets end at %d, buffer holds %d" % (at, len(buffer))
    tensors = {}
    for name, info in header.items():
        begin, end = info["data_offsets"]
        raw = buffer[begin:end]
        if info["dtype"] == "BF16":
            a = (np.frombuffer(raw, "<u2").astype("<u4") << 16).view("<f4")
        else:
            a = np.frombuffer(raw, DTYPES[info["dtype"]][0])
        assert a.size * DTYPES[info["dtype"]][1] == end - begin
        tensors[name] = a.astype(np.float64).reshape(info["shape"])
    return tensors, metadata


def same_bits(a, b):
    return a.shape == b.shape and a.dtype == b.dtype and a.tobytes() == b.tobytes()


def compare(sf_path, npz_path):
    tensors, metadata = read(sf_path)
    arrays = np.load(npz_path)
    problems = []
    layers = sorted(int(k[1:]) for k in arrays.files if k.startswith("w"))
    expected_names = set()
    for k in layers:
        w, b = "%d.weight" % (2 * (k - 1)), "%d.bias" % (2 * (k - 1))
        expected_names |= {w, b}
        if w not in tensors or not same_bits(tensors[w], np.ascontiguousarray(arrays["w%d" % k].T)):
            problems.append("%s is not w%d transposed" % (w, k))
        if b not in tensors or not same_bits(tensors[b], arrays["b%d" % k]):
            problems.append("%s is not b%d" % (b, k))
    if "loss" in arrays.files:
        expected_names.add("loss")
        if "loss" not in tensors or not same_bits(tensors["loss"], arrays["loss"]):
            problems.append("loss differs")
    if set(tensors) != expected_names:
        problems.append("names %s, expected %s" % (sorted(tensors), sorted(expected_names)))
    sizes = [arrays["w1"].shape[0]] + [arrays["w%d" % k].shape[1] for k in layers]
    if metadata.get("layers") != "-".join(map(str, sizes)):
        problems.append("metadata layers %r, expected %r" % (metadata.get("layers"), "-".join(map(str, sizes))))
    for key in ("activation", "loss", "format"):
        if key not in metadata:
            problems.append("no metadata %r" % key)
    print("\n".join(problems) if problems else "equal: %d tensors, metadata %s" % (len(tensors), metadata))
    return 1 if problems else 0


def write_fixtures(out):
    here = os.path.dirname(os.path.abspath(__file__))
    p = np.load(os.path.join(here, "..", "npz", "params-784x50-f64.npz"))
    w1, b1, w2, b2 = p["w1"], p["b1"], p["w2"], p["b2"]
    write(os.path.join(out, "torch-784x50x1-f64.safetensors"),
          [("0.weight", "F64", w1.T), ("0.bias", "F64", b1), ("2.weight", "F64", w2.T), ("2.bias", "F64", b2)],
          {"format": "pt"})
    prefixed = [("net.layers.3.bias", "F32", b2), ("net.layers.3.weight", "F32", w2.T),
                ("net.layers.0.bias", "F32", b1), ("net.layers.0.weight", "F32", w1.T)]
    write(os.path.join(out, "torch-prefixed-f32.safetensors"), prefixed, {"format": "pt"},
          buffer_order=["net.layers.0.bias", "net.layers.3.weight", "net.layers.0.weight", "net.layers.3.bias"])
    write(os.path.join(out, "sparkprop-784x50x1-f64.safetensors"),
          [("w1", "F64", w1), ("b1", "F64", b1), ("w2", "F64", w2), ("b2", "F64", b2)])

    f16_w1 = np.array([[1.0, -2.0, 65504.0, 2.0 ** -24],
                       [-(2.0 ** -14), 0.333251953125, -0.0, 1024.5],
                       [0.1, -3.140625, 2.0 ** -20, 7.0]], dtype=np.float16)
    f16_w2 = np.array([[0.5, -0.25, 0.099975586], [-1.5, 2.0 ** -15, 60000.0]], dtype=np.float16)
    bf16_b1 = np.array([1.0, -3.140625, 2.0 ** -130], dtype=np.float32)  # 2^-130: a bfloat16 subnormal
    bf16_b2 = np.array([3.3895313892515355e38, -0.0078125], dtype=np.float32)  # the largest finite bfloat16
    write(os.path.join(out, "torch-4x3x2-f16-bf16.safetensors"),
          [("0.weight", "F16", f16_w1), ("0.bias", "BF16", bf16_b1), ("2.weight", "F16", f16_w2), ("2.bias", "BF16", bf16_b2)],
          {"format": "pt", "layers": "4-3-2", "activation": "tanh", "loss": "cross-entropy"})
    np.savez(os.path.join(out, "torch-4x3x2-f16-bf16.expected.npz"),
             **{"0.weight": f16_w1.astype(np.float64), "0.bias": bf16_b1.astype(np.float64),
                "2.weight": f16_w2.astype(np.float64), "2.bias": bf16_b2.astype(np.float64)})


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "write":
        write_fixtures(sys.argv[2])
    elif len(sys.argv) == 4 and sys.argv[1] == "compare":
        sys.exit(compare(sys.argv[2], sys.argv[3]))
    else:
        sys.exit(__doc__)
