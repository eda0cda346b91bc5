"""Optionally pin CTranslate2's CPU kernels, so a transcript does not depend on the machine.

CTranslate2 picks its kernels when it first runs: Intel MKL on Intel CPUs, oneDNN on the
others, and AVX-512 or AVX2 code inside each, by what the CPU offers. The kernels round
differently, and Whisper tiny.en in int8 is sensitive enough that another pick changes
words: on an AMD EPYC with AVX-512, AVX2 kernels in place of oneDNN's AVX-512 ones changed
the text of 13 of the 16 example calls, and CTranslate2's own AVX-512 kernels (its pick on
Intel) changed 15. CI runners and server fleets mix CPU models, so the same file and options
came out differently from run to run (and a stored transcript, keyed by content hash and
transcriber id, was not reproducible).

With ``CALLQA_CPU_KERNELS=portable``, on x86-64 CPUs with AVX2 and FMA (nearly every x86-64
CPU since 2015), ``pin()`` makes them all take one path: oneDNN rather than MKL, and AVX2 code in both CTranslate2 and oneDNN.
Word error rate on the benchmark corpus is unchanged (18.6% vs 18.7%). On an AMD EPYC with
AVX-512 VNNI it costs about 20% more CPU time (oneDNN's int8 GEMMs are faster with VNNI);
where oneDNN would pick AVX2 anyway, only the switch away from MKL on Intel can cost
anything. The default is ``native``: speed is what a batch user pays for on one machine,
and one machine always computes the same numbers. Choose ``portable`` when transcripts
must match across machines (a test suite on mixed CI runners, a fleet sharing one
database); the test suite does. The variables are read when CTranslate2 first runs a model, so ``callqa.transcribe``
pins on import (spawned workers inherit the environment). A variable the user has set is
left alone; ``key()`` names the kernels in use, so the transcriber id, and with it the
transcript cache, tells the paths apart.
"""

from __future__ import annotations

import os
import platform

# Values that make every AVX2 x86-64 CPU compute the same numbers.
PINNED = {
    "CT2_USE_MKL": "0",  # oneDNN on Intel too: MKL and oneDNN round differently
    "CT2_FORCE_CPU_ISA": "AVX2",  # CTranslate2's own kernels (softmax, layer norm, quantization, ...)
    "ONEDNN_MAX_CPU_ISA": "AVX2",  # oneDNN's GEMMs: no AVX-512 / VNNI variants
}
SWITCH = "CALLQA_CPU_KERNELS"  # native (the default) or portable


def _cpu() -> tuple[str, set[str]]:
    """CPU vendor and feature flags (Linux); empty elsewhere."""
    vendor, flags = "", set()
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("vendor_id") and not vendor:
                    vendor = line.split(":", 1)[1].strip()
                elif line.startswith("flags"):
                    flags = set(line.split(":", 1)[1].split())
                    break
    except OSError:
        pass
    return vendor, flags


_VENDOR, _FLAGS = _cpu()
_PINNABLE = platform.machine().lower() in ("x86_64", "amd64") and {"avx2", "fma"} <= _FLAGS


def pin() -> None:
    """Set the kernel variables (those the user has not set) when this CPU can take the common path."""
    if _PINNABLE and os.environ.get(SWITCH, "native") == "portable":
        for name, value in PINNED.items():
            os.environ.setdefault(name, value)


def key() -> str:
    """The kernels CTranslate2 will use, for the transcriber id: ``avx2`` when pinned.

    Otherwise what decides CTranslate2's own pick: the CPU vendor, its widest vector
    instructions and any kernel variable that is set.
    """
    values = {name: os.environ.get(name) for name in PINNED}
    if _PINNABLE and values == PINNED:
        return "avx2"
    widest = next((f for f in ("amx_int8", "avx512_vnni", "avx512f", "avx2") if f in _FLAGS), "")
    parts = ["native", platform.machine().lower() or "cpu", _VENDOR, widest]
    parts += [f"{name}={value}" for name, value in values.items() if value is not None]
    return "-".join(p for p in parts if p)
