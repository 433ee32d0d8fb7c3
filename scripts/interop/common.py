"""Shared helpers of the interop checks: Sluice's JSONL rendering rules (issue 2), typed comparison, corpus
location, and the pass/fail tally whose last line is "N passed, N failed"."""
import base64
import decimal
import math
import os
import subprocess
import sys

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SUBPROCESS_TIMEOUT = 300


def corpus_dir():
    """../shared/corpus/parquet beside the checkout (or $SLUICE_SHARED/corpus/parquet)."""
    shared = os.environ.get("SLUICE_SHARED") or os.path.join(os.path.dirname(REPO), "shared")
    return os.path.join(shared, "corpus", "parquet")


def on_ci():
    return os.environ.get("CI", "").lower() in ("true", "1")


def run(cmd, timeout=SUBPROCESS_TIMEOUT):
    """Runs a command; returns (exit code, stdout bytes, stderr text). A timeout counts as exit code -999."""
    try:
        p = subprocess.run(cmd, stdin=subprocess.DEVNULL, capture_output=True, timeout=timeout)
        return p.returncode, p.stdout, p.stderr.decode("utf-8", "replace")
    except subprocess.TimeoutExpired:
        return -999, b"", "timed out after %d s" % timeout


class Tally:
    """Counts checks and prints failures as they happen; `finish` prints the closing line and exits."""

    def __init__(self, name):
        self.name, self.passed, self.failed, self.skipped = name, 0, 0, []

    def ok(self, what):
        self.passed += 1
        print("ok    %s" % what, flush=True)

    def fail(self, what, why):
        self.failed += 1
        print("FAIL  %s: %s" % (what, why), flush=True)

    def skip(self, what, why):
        self.skipped.append((what, why))
        print("skip  %s: %s" % (what, why), flush=True)

    def finish(self):
        if self.skipped:
            print("%s: %d skipped (listed above with the reason)" % (self.name, len(self.skipped)))
        print("%d passed, %d failed" % (self.passed, self.failed), flush=True)
        sys.exit(1 if self.failed else 0)


# ----------------------------------------------------------------------------- JSONL rendering (issue 2)
UNIT_DIGITS = {"s": 0, "ms": 3, "us": 6, "ns": 9}
UNIT_PER_SECOND = {"s": 1, "ms": 1000, "us": 1000000, "ns": 1000000000}


def civil_date(days):
    """Proleptic Gregorian (year, month, day) of days since 1970-01-01 (H. Hinnant's algorithm)."""
    z = days + 719468
    era = z // 146097
    doe = z - era * 146097
    yoe = (doe - doe // 1460 + doe // 36524 - doe // 146096) // 365
    doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
    mp = (5 * doy + 2) // 153
    day = doy - (153 * mp + 2) // 5 + 1
    month = mp + 3 if mp < 10 else mp - 9
    return yoe + era * 400 + (1 if month <= 2 else 0), month, day


def date_text(days):
    y, m, d = civil_date(days)
    return "%04d-%02d-%02d" % (y, m, d)


def time_text(value, unit):
    """HH:MM:SS with the unit's fraction digits, for `value` units since midnight (or within a day)."""
    per = UNIT_PER_SECOND[unit]
    seconds, fraction = divmod(value, per)
    text = "%02d:%02d:%02d" % (seconds // 3600, seconds // 60 % 60, seconds % 60)
    return text + ("." + str(fraction).rjust(UNIT_DIGITS[unit], "0") if UNIT_DIGITS[unit] else "")


def timestamp_text(value, unit, utc):
    per_day = 86400 * UNIT_PER_SECOND[unit]
    days, within = divmod(value, per_day)
    return date_text(days) + "T" + time_text(within, unit) + ("Z" if utc else "")


def decimal_text(value, scale):
    with decimal.localcontext() as ctx:
        ctx.prec = 100
        return format(value.quantize(decimal.Decimal(1).scaleb(-scale)), "f")


def float_json(value):
    if value is None:
        return None
    value = float(value)
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "Infinity" if value > 0 else "-Infinity"
    return value


def _ints(arr, width):
    return arr.view(pa.int32() if width == 32 else pa.int64()).to_pylist()


def render(arr):
    """A pyarrow Array's values, one JSON-ready Python value per slot, by Sluice's JSONL rules."""
    t = arr.type
    if isinstance(arr, pa.ChunkedArray):
        return [v for chunk in arr.chunks for v in render(chunk)]
    if pa.types.is_dictionary(t):
        return render(arr.dictionary_decode())
    if isinstance(t, pa.BaseExtensionType):
        return render(arr.storage)
    valid = arr.is_valid().to_pylist()
    if pa.types.is_null(t):
        return [None] * len(arr)
    if pa.types.is_struct(t):
        fields = [render(arr.field(i)) for i in range(t.num_fields)]
        names = [t.field(i).name for i in range(t.num_fields)]
        return [dict(zip(names, (f[i] for f in fields))) if valid[i] else None for i in range(len(arr))]
    if pa.types.is_map(t):
        entries = pa.ListArray.from_arrays(arr.offsets, arr.values, mask=arr.is_null() if arr.null_count else None)
        rows = render(entries)
        return [None if r is None else [{"key": e["key"], "value": e["value"]} for e in r] for r in rows]
    if pa.types.is_list(t) or pa.types.is_large_list(t) or pa.types.is_fixed_size_list(t):
        flat = render(pc.list_flatten(arr))
        lengths = pc.list_value_length(arr).to_pylist()
        out, cursor = [], 0
        for i in range(len(arr)):
            if not valid[i]:
                out.append(None)
                continue
            out.append(flat[cursor:cursor + lengths[i]])
            cursor += lengths[i]
        return out
    if pa.types.is_timestamp(t):
        utc = t.tz is not None
        return [timestamp_text(v, t.unit, utc) if v is not None else None for v in _ints(arr, 64)]
    if pa.types.is_date32(t):
        return [date_text(v) if v is not None else None for v in _ints(arr, 32)]
    if pa.types.is_date64(t):
        return [date_text(v // 86400000) if v is not None else None for v in _ints(arr, 64)]
    if pa.types.is_time(t):
        width = 32 if pa.types.is_time32(t) else 64
        return [time_text(v, t.unit) if v is not None else None for v in _ints(arr, width)]
    if pa.types.is_floating(t):
        if pa.types.is_float16(t):
            arr = arr.cast(pa.float32())
        return [float_json(v) for v in arr.to_pylist()]
    if pa.types.is_decimal(t):
        return [decimal_text(v, t.scale) if v is not None else None for v in arr.to_pylist()]
    if pa.types.is_binary(t) or pa.types.is_large_binary(t) or pa.types.is_fixed_size_binary(t) \
            or pa.types.is_binary_view(t):
        return [base64.b64encode(v).decode("ascii") if v is not None else None for v in arr.to_pylist()]
    return arr.to_pylist()  # booleans, integers, strings


def render_table(table):
    """Rows as dicts with keys in schema order."""
    columns = [render(table.column(i)) for i in range(table.num_columns)]
    return [dict(zip(table.column_names, (c[i] for c in columns))) for i in range(table.num_rows)]


# ----------------------------------------------------------------------------- typed comparison
def _float_equal(t, expected, got):
    if isinstance(expected, str) or isinstance(got, str):
        return expected == got
    if isinstance(got, bool) or not isinstance(got, (int, float)):
        return False
    if pa.types.is_float16(t):
        return np.float16(got) == np.float16(expected)
    if pa.types.is_float32(t):
        return np.float32(got) == np.float32(expected)
    return float(got) == float(expected)


def differences(t, expected, got, path, out, limit=5):
    """Appends (path, expected, got) for each difference between rendered `expected` and parsed JSON `got`.
    Floats compare at the column's width (a float32 may be printed with its shortest float32 text)."""
    if len(out) >= limit:
        return
    if pa.types.is_dictionary(t):
        t = t.value_type
    if isinstance(t, pa.BaseExtensionType):
        t = t.storage_type
    if expected is None or got is None:
        if expected is not got:
            out.append((path, expected, got))
        return
    if pa.types.is_struct(t):
        names = [t.field(i).name for i in range(t.num_fields)]
        if not isinstance(got, dict) or list(got.keys()) != names:
            out.append((path, "object with keys %s" % names, got))
            return
        for i, name in enumerate(names):
            differences(t.field(i).type, expected[name], got[name], path + "." + name, out, limit)
    elif pa.types.is_map(t):
        if not isinstance(got, list) or len(got) != len(expected) or \
                any(not isinstance(e, dict) or list(e.keys()) != ["key", "value"] for e in got):
            out.append((path, expected, got))
            return
        for i, (e, g) in enumerate(zip(expected, got)):
            differences(t.key_type, e["key"], g["key"], "%s[%d].key" % (path, i), out, limit)
            differences(t.item_type, e["value"], g["value"], "%s[%d].value" % (path, i), out, limit)
    elif pa.types.is_list(t) or pa.types.is_large_list(t) or pa.types.is_fixed_size_list(t):
        if not isinstance(got, list) or len(got) != len(expected):
            out.append((path, expected, got))
            return
        for i, (e, g) in enumerate(zip(expected, got)):
            differences(t.value_type, e, g, "%s[%d]" % (path, i), out, limit)
    elif pa.types.is_floating(t):
        if not _float_equal(t, expected, got):
            out.append((path, expected, got))
    elif pa.types.is_boolean(t):
        if got is not expected:
            out.append((path, expected, got))
    elif pa.types.is_integer(t):
        if isinstance(got, bool) or not isinstance(got, int) or got != expected:
            out.append((path, expected, got))
    elif expected != got or type(expected) is not type(got):
        out.append((path, expected, got))
