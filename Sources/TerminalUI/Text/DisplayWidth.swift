/// How many terminal columns a code point takes, exactly as glibc's `wcwidth` says under the
/// `C.UTF-8` locale.
///
/// ncurses advances its cursor by the per-code-point `wcwidth` sum of what it is given, so the
/// grid's layout must agree with that function (not with a newer Unicode table a terminal
/// emulator may follow) or borders and columns drift. The table is generated from libc by
/// `.ci/gen-width-table.py`, and a test compares it with libc for every scalar.
public enum DisplayWidth {
    /// -1 (not printable: controls, unassigned, line/paragraph separators), 0 (combining marks,
    /// zero-width format characters), 1 or 2. The sanitizer replaces every -1 scalar with a visible
    /// picture before text reaches a grid, so cells only ever see 0, 1 or 2.
    @inline(__always)
    public static func of(_ scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
        // Printable ASCII is almost all text; skip the search for it.
        if value >= 0x20 && value < 0x7F { return 1 }
        return lookUp(value)
    }

    /// Binary search for the run containing `value`; code points in no run are width 1.
    static func lookUp(_ value: UInt32) -> Int {
        let runs = nonSingleWidthRuns
        var low = 0
        var high = runs.count
        let key = UInt64(value)
        // Find the last run whose start is <= value.
        while low < high {
            let mid = (low &+ high) >> 1
            if runs[mid] >> 32 <= key { low = mid &+ 1 } else { high = mid }
        }
        guard low > 0 else { return 1 }
        let run = runs[low - 1]
        let end = (run >> 8) & 0xFF_FFFF
        guard key <= end else { return 1 }
        return Int(run & 0xFF) - 1
    }
}
