"""Lua text the differential fuzzers share (patfuzz.py, vmfuzz.py): numbers printed exactly, the same way by the
engine, lua5.2 and lua5.1, without string.format or tostring, whose output is under test. Taken from the
conformance harness (cases/harness.lua: digits and number), so that the suite and the fuzzers print numbers alike.
It reads the locals floor, frexp, abs, huge and char, which each fuzzer's prelude declares first."""

import os


def _numbers():
    with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "cases", "harness.lua")) as harness:
        text = harness.read()
    start = text.index("local function digits(a)")
    number = text.index("local function number(n)")
    end = text.index("\nend\n", number) + len("\nend\n")
    return "\n" + text[start:end]


NUMBERS = _numbers()
